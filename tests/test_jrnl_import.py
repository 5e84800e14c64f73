"""Importing jrnl journals: hand-made files, files written by the real jrnl, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from ilearn_tui.domain.records import Reflection
from ilearn_tui.errors import IlearnError, UsageError
from ilearn_tui.locations import resolve
from ilearn_tui.portfolio import jrnl_import
from ilearn_tui.portfolio.jrnl_import import (
    JrnlEntry,
    detect_and_parse,
    import_entries,
    parse_jrnl_json,
    parse_jrnl_text,
)
from ilearn_tui.store import bulk
from ilearn_tui.store.bulk import BulkWriter
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.reflections import (
    ReflectionFilter,
    add_reflection,
    all_tags,
    count_reflections,
    list_reflections,
)
from ilearn_tui.store.search import plain, search

DATA = Path(__file__).parent / "data" / "jrnl"


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def _assert_untouched(journal: Journal) -> None:
    assert count_reflections(journal) == 0
    assert journal.cycles() == []
    assert all_tags(journal) == []


def _oldest_first(journal: Journal) -> list[Reflection]:
    return list_reflections(journal, newest_first=False, limit=1000)


# --- hand-made plain-text journals -----------------------------------------------------------


def test_hand_made_default_format() -> None:
    entries = detect_and_parse(DATA / "hand_made.txt")
    assert [(e.day, e.time) for e in entries] == [
        ("2024-09-02", "08:15"), ("2024-09-03", "15:40"), ("2024-09-04", "19:05"),
        ("2024-09-05", "07:00"), ("2025-08-01", "12:00"),
    ]
    first, coaching, french, title_only, august = entries
    # A multi-line entry is titled by its whole first line, as jrnl does.
    assert first.title == "First day back. New class, new routines @planning"
    assert first.body == (
        "We started with a community circle.\n\n"
        "Students set their own norms; I want to revisit them in a month. @Planning @norms"
    )
    assert first.tags == ["planning", "norms"]
    assert not first.starred
    assert coaching.title == "Peer coaching with Ana"
    assert coaching.starred
    assert coaching.body.endswith(
        "[1] footnote: from the coaching protocol\n[x] send her my lesson plan"
    )
    assert french.title == "Réflexion en français — élèves, été, naïve @été"
    assert french.body == "Ünïcödé bodies stay as they are: 日本語のテキスト。"
    assert french.tags == ["été"]
    assert (title_only.title, title_only.body, title_only.tags) == ("Only a title, no body", "", [])
    assert august.tags == ["planning"]


def test_hand_made_import(journal: Journal) -> None:
    assert import_entries(journal, detect_and_parse(DATA / "hand_made.txt")) == 5
    saved = _oldest_first(journal)
    assert [r.title for r in saved][:2] == [
        "First day back. New class, new routines @planning", "Peer coaching with Ana"
    ]
    assert [r.starred for r in saved] == [False, True, False, False, False]
    assert saved[3].body == "Only a title, no body"  # an empty body takes the title
    assert saved[2].tags == ["été"]
    assert dict(all_tags(journal)) == {"planning": 2, "norms": 1, "été": 1}
    assert [c.title for c in journal.cycles()] == ["2024–25", "2025–26"]
    by_cycle = {c.title: c.id for c in journal.cycles()}
    assert {r.cycle_id for r in saved[:4]} == {by_cycle["2024–25"]}
    assert saved[4].cycle_id == by_cycle["2025–26"]
    assert count_reflections(journal, ReflectionFilter(tag="planning")) == 2


def test_one_line_entry_is_split_at_its_first_sentence() -> None:
    text = "[2024-01-10 09:00] Tried exit tickets! They showed who was lost. @assessment"
    (entry,) = parse_jrnl_text(text)
    assert entry.title == "Tried exit tickets!"
    assert entry.body == "They showed who was lost. @assessment"
    assert entry.tags == ["assessment"]


def test_entries_without_blank_lines_crlf_and_bom() -> None:
    text = "\ufeff[2024-01-10 09:00] One\r\nbody one\r\n[2024-01-11 10:30] Two *\r\n"
    one, two = parse_jrnl_text(text)
    assert (one.title, one.body, one.starred) == ("One", "body one", False)
    assert (two.title, two.body, two.starred, two.day) == ("Two", "", True, "2024-01-11")


@pytest.mark.parametrize(
    ("header", "time_format", "expected"),
    [
        ("2024-02-29 09:05 PM", "%Y-%m-%d %I:%M %p", ("2024-02-29", "21:05")),
        ("2024-02-29 09:05 PM", None, ("2024-02-29", "21:05")),
        ("2024-02-29 12:05 AM", None, ("2024-02-29", "00:05")),
        ("2024-02-29 09:05:59 PM", "%F %r", ("2024-02-29", "21:05")),  # jrnl 4's default
        ("2024-02-29 09:05:59 PM", None, ("2024-02-29", "21:05")),
        ("2024-02-29 21:05:07", None, ("2024-02-29", "21:05")),
        ("29.02.2024 21:05", "%d.%m.%Y %H:%M", ("2024-02-29", "21:05")),
    ],
)
def test_time_formats(header: str, time_format: str | None, expected: tuple[str, str]) -> None:
    (entry,) = parse_jrnl_text(f"[{header}] Evening reading\nbook study\n",
                               time_format=time_format)
    assert (entry.day, entry.time) == expected
    assert (entry.title, entry.body) == ("Evening reading", "book study")


def test_custom_format_is_needed_for_unusual_dates() -> None:
    text = "[2024-01-05 09:00] fine\n\n[05.01.2024 09:00] needs the format\n"
    with pytest.raises(IlearnError, match=r"^line 3: cannot read the date '05\.01\.2024 09:00'$"):
        parse_jrnl_text(text)
    assert len(parse_jrnl_text(text, time_format="%d.%m.%Y %H:%M")) == 2


def test_tag_symbols() -> None:
    text = "[2024-01-10 09:00] Title\n#maths and @Coaching, not mail@x.org or # heading\n"
    assert parse_jrnl_text(text)[0].tags == ["coaching"]
    assert parse_jrnl_text(text, tag_symbols="#@")[0].tags == ["maths", "coaching"]
    assert parse_jrnl_text(text, tag_symbols="")[0].tags == []


# --- journals written by the real jrnl program ----------------------------------------------


def _jrnl_config(tmp_path: Path, timeformat: str, tagsymbols: str = "#@") -> Path:
    pytest.importorskip("jrnl")
    folder = tmp_path / "jrnl"
    folder.mkdir(exist_ok=True)
    config = folder / "jrnl.yaml"
    journal_file = folder / "journal.txt"
    config.write_text(
        "journals:\n"
        f"  default:\n    journal: {json.dumps(str(journal_file))}\n"
        "encrypt: false\neditor: ''\ntemplate: false\n"
        "default_hour: 9\ndefault_minute: 0\n"
        f"timeformat: {json.dumps(timeformat)}\ntagsymbols: {json.dumps(tagsymbols)}\n"
        "highlight: false\nlinewrap: 79\nindent_character: '|'\n"
        "colors: {body: none, date: none, tags: none, title: none}\n",
        encoding="utf-8",
    )
    return config


def _jrnl(config: Path, *args: str, stdin: str = "") -> str:
    home = config.parent
    env = {
        **os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"), "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8",
        "NO_COLOR": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "jrnl", "--config-file", str(config), *args],
        input=stdin.encode(), capture_output=True, env=env, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return proc.stdout.decode("utf-8")


def _write_real_journal(config: Path) -> Path:
    _jrnl(config, "2024-03-05 14:30: Peer coaching went well. We tried think-pair-share "
          "@Coaching #maths")
    _jrnl(config, "2024-03-06 8:15pm: *Book study chapter 3. Growth mindset @reading")
    _jrnl(config, "2024-03-07 10:00: Only a title with no full stop")
    _jrnl(config, "2024-03-08 10:00: Café naïve — 日本語。Élèves @été")
    _jrnl(config, "yesterday 9am: Learning walk. Saw three classrooms @walks")
    _jrnl(config, stdin="2024-03-09 16:45: Action research notes\nCycle one: plan.\n\n"
          "Observed more questions. @inquiry\n\n[1] from the protocol\n")
    return config.parent / "journal.txt"


def _comparable(entries: list[JrnlEntry]) -> list[tuple[object, ...]]:
    return [(e.day, e.time, e.title, e.body, sorted(e.tags), e.starred) for e in entries]


@pytest.mark.parametrize(
    ("timeformat", "given"),
    [
        ("%F %r", "%F %r"),  # jrnl 4's own default: 2024-03-05 02:30:00 PM
        ("%F %r", None),
        ("%Y-%m-%d %H:%M", None),
        ("%Y-%m-%d %I:%M %p", None),
        ("%d/%m/%Y at %H.%M", "%d/%m/%Y at %H.%M"),
    ],
)
def test_real_jrnl_text_matches_its_json_export(
    tmp_path: Path, timeformat: str, given: str | None
) -> None:
    config = _jrnl_config(tmp_path, timeformat)
    journal_file = _write_real_journal(config)
    from_text = detect_and_parse(journal_file, time_format=given, tag_symbols="#@")
    export = _write(tmp_path, "export.json", _jrnl(config, "--export", "json"))
    from_json = detect_and_parse(export)
    assert len(from_text) == 6
    assert _comparable(from_text) == _comparable(from_json)
    coaching = from_text[0]
    assert coaching.title == "Peer coaching went well."
    assert coaching.body == "We tried think-pair-share @Coaching #maths"
    assert sorted(coaching.tags) == ["coaching", "maths"]
    starred = [e.title for e in from_text if e.starred]
    assert starred == ["Book study chapter 3."]
    notes = next(e for e in from_text if e.title == "Action research notes")
    assert notes.body == "Cycle one: plan.\n\nObserved more questions. @inquiry\n\n[1] from the protocol"
    assert "Learning walk." in [e.title for e in from_text]


def test_real_jrnl_starred_line_on_disk(tmp_path: Path) -> None:
    config = _jrnl_config(tmp_path, "%Y-%m-%d %H:%M")
    _jrnl(config, "2024-03-06 20:15 *: Starred entry. With a body")
    _jrnl(config, "2024-03-07 08:00: *Star in front. Body two")
    on_disk = (config.parent / "journal.txt").read_text(encoding="utf-8")
    # jrnl marks a star with " *" at the end of the date line, and a leading "*" stays put.
    assert on_disk == (
        "[2024-03-06 20:15] Starred entry. *\nWith a body\n\n"
        "[2024-03-07 08:00] *Star in front. *\nBody two\n"
    )
    one, two = parse_jrnl_text(on_disk)
    assert (one.title, one.body, one.starred) == ("Starred entry.", "With a body", True)
    assert (two.title, two.body, two.starred) == ("Star in front.", "Body two", True)


def test_real_jrnl_import_into_journal(tmp_path: Path, journal: Journal) -> None:
    config = _jrnl_config(tmp_path, "%F %r")
    entries = detect_and_parse(_write_real_journal(config), tag_symbols="#@")
    assert import_entries(journal, entries) == 6
    assert count_reflections(journal) == 6
    assert count_reflections(journal, ReflectionFilter(tag="maths")) == 1
    assert [plain(h.title) for h in search(journal, "pair")] == ["Peer coaching went well."]
    assert len(search(journal, "inquiry")) == 1  # a tag is searchable too
    starred = [r.title for r in _oldest_first(journal) if r.starred]
    assert starred == ["Book study chapter 3."]


# --- JSON exports --------------------------------------------------------------------------


def test_json_export_shape() -> None:
    document = {
        "tags": {"@coaching": 1},
        "entries": [
            {"title": "Coaching.", "body": "", "date": "2024-03-05", "time": "14:30",
             "tags": ["@Coaching", "#maths"], "starred": True},
            {"title": "", "body": "", "date": "2024-03-06", "time": "09:00", "tags": [],
             "starred": False},
        ],
    }
    (entry,) = parse_jrnl_json(json.dumps(document))
    assert entry == JrnlEntry("2024-03-05", "14:30", "Coaching.", "", ["Coaching", "maths"], True)


# --- bad input: one clear line, nothing imported ---------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"^the file has no entries$"),
        (b"  \n\n", r"^the file has no entries$"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", r"^line 1: journal.txt is not UTF-8"),
        (b"[2024-01-01 09:00] ok\n\x00\x01", r"^line 2: the file contains NUL bytes"),
        (b"just some notes\nwith no dates\n", r"^not a jrnl journal: no entry starts with"),
        (b"# My journal\n\n[2024-01-01 09:00] One\n", r"^line 1: there is text before"),
        (b"\n\nstray\n[2024-01-01 09:00] One\n", r"^line 3: there is text before"),
        (
            b"[2024-01-01 09:00] One\nbody\n\n[2024-01-02 09:00] Two\n\n[2024-13-45 09:00] Three\n",
            r"^line 6: cannot read the date '2024-13-45 09:00'$",
        ),
        (b"[2024-01-01 09:00] One @" + b"x" * 65 + b"\n", r"^line 1: the tag 'x+…' is not one word"),
        (b'{"tags": {}, "entries": [{"title": "a", "bo', r"^line 1: the JSON is damaged or cut"),
        (b'{"tags": {}, "entries": []}', r"^the file has no entries$"),
        (b'{"tags": {}, "entries": {"title": "a"}}', r'^not a jrnl JSON export: there is no "entr'),
        (b'{"something": "else"}', r'^not a jrnl JSON export'),
        (b'{"entries": [42]}', r"^entry 1: expected an object"),
        (b'{"entries": [{"title": "a", "body": "b", "time": "09:00"}]}',
         r"^entry 1: 'date' is missing or not text$"),
        (b'{"entries": [{"title": "a", "body": "b", "date": "2024-02-30", "time": "09:00"}]}',
         r"^entry 1: cannot read the date '2024-02-30 09:00'$"),
        (b'{"entries": [{"title": "a", "body": "b", "date": "2024-02-03", "time": "9am"}]}',
         r"^entry 1: cannot read the date"),
        (b'{"entries": [{"title": "a", "body": "b", "date": "2024-02-03", "time": "09:00",'
         b' "tags": "@x"}]}', r"^entry 1: 'tags' must be a list of text$"),
        (b'{"entries": [{"title": "a", "body": "b", "date": "2024-02-03", "time": "09:00",'
         b' "starred": "yes"}]}', r"^entry 1: 'starred' must be true or false$"),
        (b"[" * 100_000, r"^not a jrnl journal"),
        (b"{" * 100_000, r"JSON"),
    ],
)
def test_bad_files(tmp_path: Path, journal: Journal, content: bytes, message: str) -> None:
    path = _write(tmp_path, "journal.txt", content)
    with pytest.raises(IlearnError, match=message) as caught:
        import_entries(journal, detect_and_parse(path))
    assert "\n" not in str(caught.value)
    assert type(caught.value) is IlearnError  # exit status 1, not a usage error
    _assert_untouched(journal)


def test_missing_file_folder_and_huge_file(tmp_path: Path) -> None:
    with pytest.raises(IlearnError, match=r"^cannot read .*nope.txt: no such file"):
        detect_and_parse(tmp_path / "nope.txt")
    with pytest.raises(IlearnError, match=r"^cannot read .*: is a directory$"):
        detect_and_parse(tmp_path)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(jrnl_import.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(IlearnError, match=r"MiB; the limit is 200 MiB$"):
        detect_and_parse(huge)


def test_bad_time_format() -> None:
    with pytest.raises(IlearnError, match="the time format '%Y-%m-%d %Q'"):
        parse_jrnl_text("[2024-01-01 09:00] x\n", time_format="%Y-%m-%d %Q")


def test_non_date_brackets_are_body_text() -> None:
    text = "[2024-01-01 09:00] Title\n[1] note\n[x] done\n[ ] todo\n[see] this\n"
    (entry,) = parse_jrnl_text(text)
    assert entry.body == "[1] note\n[x] done\n[ ] todo\n[see] this"


def test_import_checks_everything_before_writing(journal: Journal) -> None:
    good = JrnlEntry("2024-01-01", "09:00", "Fine", "body", ["ok"], False)
    for bad in (
        JrnlEntry("2024-01-02", "09:00", "Bad tag", "body", ["two words"], False),
        JrnlEntry("2024-02-30", "09:00", "Bad day", "body", [], False),
        JrnlEntry("2024-01-02", "25:00", "Bad time", "body", [], False),
        JrnlEntry("2024-01-02", "09:00", "", " ", [], False),
    ):
        with pytest.raises(IlearnError, match=r"^entry 2\b") as caught:
            import_entries(journal, [good, bad])
        assert not isinstance(caught.value, UsageError)
        _assert_untouched(journal)


def test_failure_mid_import_rolls_back_everything(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    triggers_before = journal.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).fetchall()

    def failing_tags(writer: BulkWriter, tagged: Iterable[tuple[str, Iterable[str]]]) -> None:
        tag_new(writer, tagged)  # every row and tag is written, the index triggers are lifted
        raise IlearnError("the disk is full; nothing was saved")

    tag_new = BulkWriter.tag_new
    monkeypatch.setattr(BulkWriter, "tag_new", failing_tags)
    entries = [JrnlEntry(f"2024-01-{d:02d}", "09:00", f"Day {d}", "b", ["t"], False)
               for d in range(1, 10)]
    with pytest.raises(IlearnError, match="disk is full"):
        import_entries(journal, entries)
    _assert_untouched(journal)
    triggers_after = journal.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).fetchall()
    assert [tuple(r) for r in triggers_after] == [tuple(r) for r in triggers_before]


@pytest.mark.parametrize("fast", [True, False])
def test_search_index_matches_the_normal_save_path(
    tmp_path: Path, journal: Journal, monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    if not fast:  # a schema without the expected triggers takes the slow, trigger-driven path
        monkeypatch.setattr(bulk, "search_triggers", lambda: {"no_such_a": "", "no_such_b": ""})
    entries = detect_and_parse(DATA / "hand_made.txt")
    import_entries(journal, entries)
    with open_journal(resolve(tmp_path / "reference")) as reference:
        for e in entries:
            add_reflection(reference, e.body or e.title, title=e.title, tags=e.tags, day=e.day,
                           time=e.time, starred=e.starred)
        query = ("SELECT i.title, i.body, i.tags FROM search_index i "
                 "JOIN search_docs d ON d.docid = i.rowid ORDER BY i.title")
        expected = [tuple(r) for r in reference.conn.execute(query)]
    assert [tuple(r) for r in journal.conn.execute(query)] == expected
    # The per-row triggers are back: a reflection saved afterwards is searchable at once.
    add_reflection(journal, "Tried a gallery walk", tags=["strategies"])
    assert [plain(h.title) for h in search(journal, "gallery")] == ["Tried a gallery walk"]
    assert len(search(journal, "strategies")) == 1


def test_existing_cycles_and_tags_are_reused(journal: Journal) -> None:
    term = journal.add_cycle("Spring term", "2024-01-01", "2024-06-30")
    add_reflection(journal, "Earlier note", tags=["Coaching"], day="2023-12-01")
    entries = [
        JrnlEntry("2024-03-01", "09:00", "In the term", "b", ["coaching"], False),
        JrnlEntry("2024-07-15", "09:00", "Summer", "b", ["COACHING", "new"], False),
    ]
    assert import_entries(journal, entries) == 2
    by_title = {r.title: r for r in _oldest_first(journal)}
    assert by_title["In the term"].cycle_id == term
    assert by_title["Summer"].cycle_id == by_title["Earlier note"].cycle_id  # 2023–24
    assert dict(all_tags(journal)) == {"Coaching": 3, "new": 1}


def test_many_entries(journal: Journal) -> None:
    text = "\n".join(
        f"[20{10 + i // 400}-0{1 + i % 9}-1{i % 10} 0{i % 10}:{i % 60:02d}] Entry {i}\n"
        f"Body {i} @tag{i % 7}\n"
        for i in range(3000)
    )
    entries = parse_jrnl_text(text)
    assert len(entries) == 3000
    assert import_entries(journal, entries) == 3000
    assert count_reflections(journal) == 3000
    assert count_reflections(journal, ReflectionFilter(tag="tag3")) == len(range(3, 3000, 7))
    assert len(search(journal, "Entry 2999")) == 1
