"""One rule per concept: the same input gets the same answer wherever a teacher types it."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from ilearn_tui import atomicfile
from ilearn_tui.cli.main import run
from ilearn_tui.domain import text
from ilearn_tui.domain.forms import KINDS, clean
from ilearn_tui.errors import IlearnError, TargetExistsError, UsageError
from ilearn_tui.store import plan
from ilearn_tui.store.journal import Journal
from ilearn_tui.store.reflections import add_reflection, clean_tags, get_reflection, update_reflection

# A relative word's day, counted from today when the test runs (never when it was collected:
# a run that passes midnight would otherwise expect yesterday's dates).
ACCEPTED = [
    ("2025-01-05", "2025-01-05"),
    ("20250105", "2025-01-05"),
    (" 2024-02-29 ", "2024-02-29"),
    ("today", 0),
    ("Yesterday", -1),
    ("TOMORROW", 1),
]


def _expected(stored: str | int) -> str:
    return stored if isinstance(stored, str) else (date.today() + timedelta(days=stored)).isoformat()
REFUSED = [
    "2025-02-30",
    "20250230",
    "31/02/2025",
    "2025-1-5",
    "2025-W01-1",  # ISO week date: date.fromisoformat takes it, no message offers it
    "2025-005",  # ISO ordinal date, likewise
    "2025-01-05T10:00",
    "someday",
    "yesterday-ish",
    "1" * 60,
]


@pytest.mark.parametrize(("typed", "stored"), ACCEPTED)
def test_the_date_grammar_accepts_what_its_message_offers(typed: str, stored: str | int) -> None:
    assert text.parse_day(typed) == _expected(stored)


@pytest.mark.parametrize("typed", REFUSED)
def test_the_date_grammar_refuses_the_rest_with_one_message(typed: str) -> None:
    with pytest.raises(ValueError) as caught:
        text.parse_day(typed)
    assert str(caught.value) == text.date_error(typed)
    assert "YYYY-MM-DD, YYYYMMDD, today, yesterday or tomorrow" in str(caught.value)


def test_a_long_bad_date_is_cut_in_the_message() -> None:
    assert len(text.date_error("9" * 500)) < 120


def _reflect(home: Path, day: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run(["--home", str(home), "reflect", "a thought", "--date", day])
    captured = capsys.readouterr()
    return code, captured.out.strip(), captured.err


@pytest.mark.parametrize(("typed", "stored"), ACCEPTED)
def test_cli_and_record_form_accept_the_same_dates(
    typed: str, stored: str | int, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, new_id, err = _reflect(home, typed, capsys)
    assert (code, err) == (0, "")
    from ilearn_tui import locations
    from ilearn_tui.store.journal import open_journal

    journal = open_journal(locations.resolve(str(home)))
    try:
        reflection = get_reflection(journal, new_id)
        assert reflection is not None and reflection.date == _expected(stored)
    finally:
        journal.close()
    form = clean(KINDS["share"], {"audience": "local", "title": "Talk", "date": typed})
    assert form.ok and form.values["date"] == _expected(stored)


@pytest.mark.parametrize("typed", REFUSED)
def test_cli_and_record_form_refuse_the_same_dates_in_the_same_words(
    typed: str, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _reflect(home, typed, capsys)
    assert code == UsageError.exit_code
    assert err == f"ilearn: --date: {text.date_error(typed)}\n"  # the option named, then the same words
    assert not home.exists(), "a refused date opens no journal"
    for kind, raw in (
        ("share", {"audience": "local", "title": "Talk"}),
        ("activity", {"type": "book", "title": "Study", "role": "attended", "status": "done"}),
        ("goal", {"title": "Wait time", "status": "open"}),  # an optional date field
    ):
        field = "target_date" if kind == "goal" else "date"
        form = clean(KINDS[kind], {**raw, field: typed})
        assert form.errors[field] == text.date_error(typed)


@pytest.mark.parametrize(
    "command",
    [
        ("log", "book", "T", "--date"),
        ("goal", "add", "T", "--by"),
        ("check", "g", "--indicator", "other", "--rating", "3", "--date"),
        ("export", "--from"),
        ("renewal", "set", "MA", "--start"),
    ],
)
def test_other_date_options_refuse_in_the_same_words(
    command: tuple[str, ...], home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--home", str(home), *command, "2025-W01-1"]) == 2
    assert capsys.readouterr().err == f"ilearn: {command[-1]}: {text.date_error('2025-W01-1')}\n"


# --- titles ----------------------------------------------------------------------------
BODY = "# Wait time\nLonger pauses helped."


def test_an_emptied_title_comes_back_from_the_body_as_on_creation(journal: Journal) -> None:
    reflection_id = add_reflection(journal, BODY)
    assert get_reflection(journal, reflection_id).title == "Wait time"  # type: ignore[union-attr]
    update_reflection(journal, reflection_id, body=BODY, title="   ", tags=[], stage=None, day="2025-01-05")
    assert get_reflection(journal, reflection_id).title == "Wait time"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        ("  Gallery   walk ", BODY, "Gallery walk"),
        ("", "\n\n## Exit tickets  \nmore", "Exit tickets"),
        ("", "#\n  plain first line", "plain first line"),
        ("", "x" * 200, "x" * 80),
    ],
)
def test_the_reflection_title_rule(title: str, body: str, expected: str) -> None:
    assert text.reflection_title(title, body) == expected


@pytest.mark.parametrize(
    ("typed", "message"), [("  ", "needs a title"), ("a\x00b", "NUL"), ("x" * 301, "longer")]
)
def test_record_titles_are_refused_alike_by_the_rule_and_the_store(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        text.clean_title(typed, "goal")
    with pytest.raises(UsageError, match=message):
        plan.clean_title(typed, "goal")


# --- tags ------------------------------------------------------------------------------
def test_typed_tags_split_on_commas_and_spaces_and_merge_by_case() -> None:
    assert text.split_tags("#questioning, Wait-time  questioning,,@PLC plc") == [
        "questioning",
        "Wait-time",
        "PLC",
    ]
    assert text.clean_tags(["#a", " ", "@b", "A"]) == ["a", "b"]


def test_a_bad_tag_is_refused_in_the_same_words_everywhere() -> None:
    with pytest.raises(ValueError) as domain:
        text.split_tags("ok " + "t" * 65)
    with pytest.raises(UsageError) as store:
        clean_tags(["ok", "t" * 65])
    assert str(domain.value) == str(store.value)
    assert "at most 64 characters" in str(store.value)
    with pytest.raises(ValueError, match="one word"):
        text.clean_tags(["two words"])


# --- topics ----------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["Data  Literacy", "data literacy ", " DATA\tliteracy"])
def test_a_topic_key_ignores_case_and_spacing(typed: str) -> None:
    assert text.topic_key(typed) == "data literacy"


def test_a_blank_topic_has_its_own_group() -> None:
    assert text.topic_key("  ") == text.NO_TOPIC


# --- activity status -------------------------------------------------------------------
def test_the_default_status_follows_the_date() -> None:
    day = date(2025, 3, 10)
    assert text.default_status("2025-03-09", today=day) == "done"
    assert text.default_status("2025-03-10", today=day) == "done"
    assert text.default_status("2025-03-11", today=day) == "planned"


@pytest.mark.parametrize(
    ("typed", "status"), [("yesterday", "done"), ("today", "done"), ("tomorrow", "planned")]
)
def test_ilearn_log_and_the_record_form_default_the_same_status(
    typed: str, status: str, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["--home", str(home), "log", "book", "Visible Learning", "--date", typed]) == 0
    assert run(["--home", str(home), "log", "book", "Kept planned", "--date", typed, "--planned"]) == 0
    capsys.readouterr()
    from ilearn_tui import locations
    from ilearn_tui.store.journal import open_journal

    journal = open_journal(locations.resolve(str(home)))
    try:
        statuses = {a.title: a.status for a in plan.list_activities(journal)}
    finally:
        journal.close()
    assert statuses == {"Visible Learning": status, "Kept planned": "planned"}
    raw = {"type": "book", "title": "Study", "date": typed, "role": "attended"}
    for blank in (None, "", "  "):
        form = clean(KINDS["activity"], {**raw, "status": blank})
        assert form.ok and form.values["status"] == status
    assert clean(KINDS["activity"], {**raw, "status": "planned"}).values["status"] == "planned"


def test_a_blank_status_is_not_guessed_from_a_bad_date() -> None:
    form = clean(KINDS["activity"], {"type": "book", "title": "Study", "date": "someday", "role": "attended"})
    assert set(form.errors) == {"date", "status"}


def test_the_store_refuses_an_unknown_status(journal: Journal) -> None:
    with pytest.raises(UsageError, match="status must be one of"):
        plan.add_activity(journal, "book", "Study", status="maybe")


# --- atomic file writes ----------------------------------------------------------------
def test_a_written_file_is_private_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    assert atomicfile.write_file(target, "héllo") == target
    assert target.read_bytes() == "héllo".encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"], "no temporary file is left behind"


def test_an_existing_file_is_kept_unless_replacing_was_asked(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    with pytest.raises(FileExistsError):
        atomicfile.write_file(target, "new")
    assert target.read_text() == "old"
    (tmp_path / "link").symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        atomicfile.write_file(tmp_path / "link", "new")
    atomicfile.write_file(target, b"new", overwrite=True)
    assert target.read_text() == "new"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomicfile.atomic_write(target, overwrite=True) as pending:
        pending.file.write(b"half")
        raise RuntimeError("disk pulled")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_the_name_may_be_chosen_once_the_bytes_are_in(tmp_path: Path) -> None:
    with atomicfile.atomic_write(tmp_path / ".incoming") as pending:
        pending.file.write(b"abc")
        pending.target = tmp_path / "named-by-content"
    assert (tmp_path / "named-by-content").read_bytes() == b"abc"
    assert [p.name for p in tmp_path.iterdir()] == ["named-by-content"]
    with pytest.raises(ValueError, match="folder"), atomicfile.atomic_write(tmp_path / "x") as pending:
        pending.target = tmp_path.parent / "elsewhere"
    assert not (tmp_path.parent / "elsewhere").exists()


def test_a_relative_target_is_written_where_it_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--out portfolio.md`` names a file in the working folder; the temporary file's path is absolute."""
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path)
    assert atomicfile.write_file(Path("out.md"), "here") == Path("out.md")
    atomicfile.write_file(Path("sub/../sub/deeper.md"), "there")
    assert (tmp_path / "out.md").read_text() == "here"
    assert (tmp_path / "sub" / "deeper.md").read_text() == "there"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md", "sub"]


def test_a_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomicfile.write_file(tmp_path / "gone" / "out.md", "x")


@pytest.mark.parametrize("writer", ["settings", "export", "backup", "evidence"])
def test_every_writer_leaves_a_private_file_and_nothing_else(
    writer: str, journal: Journal, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if writer == "settings":
        from ilearn_tui.settings import Settings, save_settings

        save_settings(journal.locations, Settings())
        target = journal.locations.settings_path
    elif writer == "export":
        from ilearn_tui.portfolio.atomic import write_atomic

        target = write_atomic(out / "p.md", "# portfolio")
        with pytest.raises(TargetExistsError, match="already exists"):
            write_atomic(target, "again")
    elif writer == "evidence":
        from ilearn_tui.store.evidence import store_file

        (tmp_path / "notes.txt").write_text("same bytes")
        name, _, size = store_file(tmp_path / "notes.txt", out)
        assert store_file(tmp_path / "notes.txt", out)[0] == name, "the same bytes: the same copy, replaced"
        target = out / name
        assert size == 10 and [p.name for p in out.iterdir()] == [name]
    else:
        from ilearn_tui.store.backup import backup_to_file

        target = backup_to_file(journal.conn, out / "copy.sqlite3")
        with pytest.raises(IlearnError, match="already exists; use --force"):
            backup_to_file(journal.conn, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
