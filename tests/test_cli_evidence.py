"""Evidence and search from the shell, and text that must never drive the terminal.

Bad input must give exit 2 (usage) or 1 (anything else), exactly one ``ilearn:`` line on
stderr, no traceback, no raw escape characters — and leave the journal exactly as it was.
Most cases run the command line in-process (the ``ilearn`` fixture, as a fresh process would);
a few per command run the installed ``ilearn`` as a separate process (``cli``), as a teacher
would, so the exit status and the bytes on stdout are checked for real too.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.cli import (
    Result,
    assert_fails,
    ok,
    run_ilearn_with,
    snapshot,
    tables,
    without_root_override,
)
from tests.helpers.journals import capture_journal, new_id

Cli = Callable[..., Result]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A journal with two goals sharing a prefix, a reflection, an activity and evidence."""
    return capture_journal(tmp_path_factory.mktemp("template"))


# --- evidence ---------------------------------------------------------------------------
def test_evidence_file_is_stored_under_its_hash_privately(cli: Cli, home: Path, tmp_path: Path) -> None:
    """The copy is named by its SHA-256, is private (0600) and is byte-for-byte the original."""
    source = tmp_path / "exit tickets.pdf"
    payload = b"%PDF-1.4 pretend\n" + bytes(range(256))
    source.write_bytes(payload)
    eid = new_id(cli("evidence", "add", str(source), "--title", "Exit tickets"))
    digest = hashlib.sha256(payload).hexdigest()
    (stored,) = (home / "evidence").iterdir()
    assert stored.name.startswith(digest)
    assert stored.read_bytes() == payload
    assert stored.stat().st_mode & 0o777 == 0o600
    (item,) = json.loads(ok(cli("evidence", "list", "--json")))
    assert (item["id"], item["sha256"], item["size"], item["title"]) == (
        eid,
        digest,
        len(payload),
        "Exit tickets",
    )
    assert item["original_name"] == "exit tickets.pdf"
    assert item["student_info"] is False
    assert source.read_bytes() == payload  # the original is left alone


def test_evidence_link_and_student_info(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    """A URL is kept as a link (no file); ``--student-info`` flags the item as private."""
    goal = new_id(ilearn("goal", "add", "Better questioning"))
    lid = new_id(ilearn("evidence", "add", "https://example.org/lesson?id=3", "--goal", "better"))
    source = tmp_path / "photos.txt"
    source.write_text("class photo list\n")
    sid = new_id(ilearn("evidence", "add", str(source), "--student-info"))
    rows = {row["id"]: row for row in tables(home)["evidence"]}
    assert rows[lid]["kind"] == "link" and rows[lid]["url"] == "https://example.org/lesson?id=3"
    assert rows[lid]["goal_id"] == goal and rows[lid]["file_name"] == ""
    assert rows[sid]["student_info"] == 1 and rows[lid]["student_info"] == 0
    assert "[student info]" in ok(ilearn("evidence", "list"))


def test_the_same_file_twice_is_stored_once(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    """Content-addressed storage: two records, one copy on disk."""
    source = tmp_path / "a.txt"
    source.write_text("same bytes\n")
    first = new_id(ilearn("evidence", "add", str(source)))
    second = new_id(ilearn("evidence", "add", str(source), "--title", "again"))
    assert first != second
    assert len(list((home / "evidence").iterdir())) == 1


def _bad_evidence_target(kind: str, tmp_path: Path, home: Path) -> str:
    """Make the hostile thing ``kind`` names and return the argument to pass."""
    if kind == "missing":
        return str(tmp_path / "nosuch.pdf")
    if kind == "directory":
        folder = tmp_path / "folder"
        folder.mkdir()
        (folder / "inside.txt").write_text("x")
        return str(folder)
    if kind == "symlink":
        real = tmp_path / "real.txt"
        real.write_text("real\n")
        link = tmp_path / "link.txt"
        link.symlink_to(real)
        return str(link)
    if kind == "dangling-symlink":
        link = tmp_path / "dangling.txt"
        link.symlink_to(tmp_path / "gone.txt")
        return str(link)
    if kind == "fifo":
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        return str(fifo)
    if kind == "devnull":
        return "/dev/null"
    if kind == "too-big":
        (home / "config" / "settings.json").write_text(json.dumps({"evidence_max_mb": 1}))
        big = tmp_path / "big.bin"
        big.write_bytes(b"\0" * (2 * 1024 * 1024))
        return str(big)
    if kind == "escape-name-missing":
        return str(tmp_path / "\x1b[31mred\u202eexe.txt")
    if kind == "empty-arg":
        return ""
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "missing",
        "directory",
        "symlink",
        "dangling-symlink",
        "fifo",
        "devnull",
        "too-big",
        "escape-name-missing",
        "empty-arg",
    ],
)
def test_evidence_bad_files_are_refused(
    ilearn: Cli, home: Path, seeded: str, tmp_path: Path, kind: str
) -> None:
    """Anything but a regular file within the size cap is refused and nothing is copied in."""
    target = _bad_evidence_target(kind, tmp_path, home)
    result = ilearn("evidence", "add", target)
    assert_fails(result, 1)
    assert "\u202e" not in result.err
    assert snapshot(home) == seeded


def test_evidence_file_at_the_cap_is_accepted(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    """The cap is a limit, not an off-by-one: a file of exactly 1 MiB fits a 1 MiB cap."""
    (home / "config").mkdir(parents=True)
    (home / "config" / "settings.json").write_text(json.dumps({"evidence_max_mb": 1}))
    exact = tmp_path / "exact.bin"
    exact.write_bytes(b"x" * (1024 * 1024))
    new_id(ilearn("evidence", "add", str(exact)))


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(("evidence",), 2, id="no-action"),
        pytest.param(("evidence", "add"), 2, id="no-target"),
        pytest.param(("evidence", "add", "https://example.org/x", "--goal", "nosuch"), 1, id="unknown-goal"),
        pytest.param(
            ("evidence", "add", "https://example.org/x", "--goal", "better"), 2, id="ambiguous-goal"
        ),
        pytest.param(("evidence", "add", "https://example.org/x", "--date", "someday"), 2, id="bad-date"),
        pytest.param(("evidence", "add", "https://example.org/a b"), 2, id="url-with-space"),
        pytest.param(("evidence", "add", "https://"), 2, id="url-without-site"),
        pytest.param(("evidence", "add", "http:///path"), 2, id="url-empty-host"),
        pytest.param(("evidence", "add", "https://example.org/\x1b[2J"), 2, id="url-with-escape"),
    ],
)
def test_evidence_bad_arguments_change_nothing(
    ilearn: Cli, home: Path, seeded: str, args: tuple[str, ...], code: int
) -> None:
    """Bad goals, dates and links are refused before anything is stored."""
    assert_fails(ilearn(*args), code)
    assert snapshot(home) == seeded


def test_hostile_evidence_file_name_never_reaches_the_terminal(cli: Cli, tmp_path: Path) -> None:
    """A file named with terminal escapes and a right-to-left override is stored, but no
    command prints those characters raw (stdout here is not a terminal: no ESC at all)."""
    hostile = tmp_path / "report\x1b]0;pwned\x07\x1b[31m\u202etxt.exe"
    hostile.write_text("harmless content\n")
    eid = new_id(cli("evidence", "add", str(hostile)))
    for args in (
        ("evidence", "list"),
        ("evidence", "list", "--json"),
        ("search", "report"),
        ("search", "report", "--json"),
        ("export",),
        (),
    ):
        result = cli(*args)
        assert result.code == 0, (args, result)
        assert "\x1b" not in result.out + result.err, args
        assert "\x07" not in result.out + result.err, args
        assert "\u202e" not in result.out + result.err, args
    assert eid[:8] in cli("evidence", "list").out


# --- search ----------------------------------------------------------------------------
def test_search_ranks_and_limits(ilearn: Cli) -> None:
    """``--limit`` caps the hits; piped output is plain text, with no ** marks and no styles."""
    ids = {new_id(ilearn("reflect", f"Wait time note {n}: students waited")) for n in range(3)}
    hits = json.loads(ok(ilearn("search", "wait", "--json")))
    assert {h["id"] for h in hits} == ids
    assert [h["rank"] for h in hits] == sorted(h["rank"] for h in hits)
    assert len(json.loads(ok(ilearn("search", "wait", "--json", "--limit", "1")))) == 1
    plain = ilearn("search", "wait")
    assert "**" not in ok(plain) and "\x1b" not in plain.out
    assert "Wait time note 0: students waited" in plain.out


def test_search_finds_goals_activities_and_evidence(ilearn: Cli) -> None:
    """Search is over everything, not only reflections."""
    new_id(ilearn("goal", "add", "Questioning marimba"))
    new_id(ilearn("log", "workshop", "Marimba workshop"))
    new_id(ilearn("evidence", "add", "https://example.org/m", "--title", "Marimba video"))
    kinds = {h["kind"] for h in json.loads(ok(ilearn("search", "marimba", "--json")))}
    assert len(kinds) == 3, kinds


@pytest.mark.parametrize("query", ['"', "AND", "a OR (", "NEAR(", "*", "-", "^x", "x:y", "'"])
def test_search_syntax_characters_are_not_errors(ilearn: Cli, seeded: str, query: str) -> None:
    """A teacher typing quotes or operators gets results or 'no matches', never an FTS error."""
    result = ilearn("search", query)
    assert result.code == 0, result
    assert result.err == ""


def test_search_no_matches(ilearn: Cli, seeded: str) -> None:
    assert "No matches" in ok(ilearn("search", "xylophone"))
    assert json.loads(ok(ilearn("search", "xylophone", "--json"))) == []


@pytest.mark.parametrize(
    "args",
    [
        ("search", "x", "--limit", "0"),
        ("search", "x", "--limit", "-3"),
        ("search", "x", "--limit", "many"),
        ("search",),
    ],
    ids=["limit-0", "limit-negative", "limit-word", "no-query"],
)
def test_search_bad_input(ilearn: Cli, home: Path, seeded: str, args: tuple[str, ...]) -> None:
    assert_fails(ilearn(*args), 2)
    assert snapshot(home) == seeded


# --- odd cases that are not plain bad input ----------------------------------------------
def test_reflection_with_escape_sequences_is_kept_but_not_echoed(ilearn: Cli, home: Path) -> None:
    """Pasted terminal escapes are text to keep, never commands to the teacher's terminal."""
    text = "pasted \x1b]0;pwned\x07 \x1b[31mred\x1b[0m and \u202eevil"
    rid = new_id(ilearn("reflect", text, "--tag", "paste"))
    (row,) = tables(home)["reflections"]
    assert (row["id"], row["body"]) == (rid, text)
    for args in ((), ("search", "pasted"), ("search", "pasted", "--json")):
        result = ilearn(*args)
        assert result.code == 0, (args, result)
        assert "\x1b" not in result.out + result.err and "\u202e" not in result.out, args


def test_an_empty_goal_is_refused_not_ignored(ilearn: Cli, home: Path, seeded: str) -> None:
    """``--goal "$GOAL"`` with an unset variable must not silently save an unlinked reflection."""
    for args in (
        ("reflect", "x"),
        ("log", "book", "A book"),
        ("evidence", "add", "missing.pdf"),
        ("export",),
    ):
        result = ilearn(*args, "--goal", "")
        assert_fails(result, 2)
        assert "--goal" in result.err
    assert snapshot(home) == seeded


def test_read_only_home_gives_one_line(home: Path, seeded: str) -> None:
    """A journal on a read-only folder (a locked USB stick) fails cleanly and loses nothing.

    The folder belongs to someone else and is read-only to the command, which runs as root
    without root's permission override. (A folder merely set to 0500 by its owner is not
    read-only to ilearn: it makes its own folder private again, 0700, and carries on.)
    """
    prefix = without_root_override()
    if prefix is None:
        pytest.skip("handing the folder to another user needs root, and setpriv to drop root's override")
    stranger = 65534  # nobody
    os.chown(home, stranger, stranger)
    home.chmod(0o555)
    try:
        result = run_ilearn_with(prefix, "reflect", "cannot be saved", home=home)
        assert (home.stat().st_uid, home.stat().st_mode & 0o777) == (stranger, 0o555)
    finally:
        os.chown(home, os.geteuid(), os.getegid())
        home.chmod(0o700)
    assert_fails(result, 1)
    assert snapshot(home) == seeded
