"""Sessions the teacher led: what ``ilearn log --role facilitated`` keeps, and every refusal.

Real journals in temp folders, through the command line as a teacher types it; the form rules
(``domain.forms.clean``) are the ones ``ilearn edit`` and the app read by.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from ilearn_tui.domain import forms
from ilearn_tui.domain.model import ACTIVITY
from ilearn_tui.locations import resolve
from ilearn_tui.store.journal import Journal, open_journal
from ilearn_tui.store.session_items import write_lines
from tests.helpers.cli import Result, assert_fails, invoke, ok, snapshot
from tests.helpers.journals import UNDO_SESSIONS

Cli = Callable[..., Result]

SESSION = (
    "log",
    "workshop",
    "Feedback that moves learning",
    "--role",
    "facilitated",
    "--co-facilitator",
    "Ana Ruiz",
    "--co-facilitator",
    "Ben Okafor",
    "--attendees",
    "24",
    "--feedback",
    "I will try two stars and a wish tomorrow.",
    "--feedback",
    "More time to practise, please",
    "--material",
    "https://example.org/slides",
    "--material",
    "handouts/feedback.pdf",
    "--hours",
    "1.5",
    "--date",
    "2026-11-10",
)


def _rows(home: Path, sql: str) -> list[tuple[object, ...]]:
    with open_journal(resolve(home)) as journal:
        return [tuple(row) for row in journal.conn.execute(sql)]


def _held(home: Path) -> list[list[tuple[object, ...]]]:
    """The activities and their lines (an edit refused keeps its text as a draft, so not the drafts)."""
    return [
        _rows(home, "SELECT * FROM activities ORDER BY id"),
        _rows(home, "SELECT * FROM session_items ORDER BY id"),
    ]


def test_a_session_keeps_its_people_quotes_and_materials(ilearn: Cli, home: Path) -> None:
    session = ok(ilearn(*SESSION))
    assert _rows(home, "SELECT role, attendees, spun_off_from FROM activities") == [("facilitated", 24, None)]
    assert _rows(home, "SELECT part, text FROM session_items ORDER BY part, position") == [
        ("co-facilitator", "Ana Ruiz"),
        ("co-facilitator", "Ben Okafor"),
        ("feedback", "I will try two stars and a wish tomorrow."),
        ("feedback", "More time to practise, please"),
        ("material", "https://example.org/slides"),
        ("material", "handouts/feedback.pdf"),
    ]
    shown = ok(ilearn("show", session[:8]))
    assert "Co-facilitators:\n  - Ana Ruiz\n  - Ben Okafor" in shown
    assert "Attendees (how many came): 24" in shown
    assert "  - “I will try two stars and a wish tomorrow.”" in shown
    assert "Materials:\n  - https://example.org/slides\n  - handouts/feedback.pdf" in shown
    assert "Session detail" not in shown  # the lines are the session's, not records of their own


def test_a_later_activity_names_the_session_it_came_from(ilearn: Cli, home: Path) -> None:
    session = ok(ilearn(*SESSION))
    book = ok(ilearn("log", "book", "Embedded Formative Assessment", "--spun-off-from", "feedback that"))
    plc = ok(ilearn("log", "plc", "Feedback PLC", "--spun-off-from", session[:8], "--date", "2026-12-01"))
    assert _rows(home, f"SELECT spun_off_from FROM activities WHERE id IN ('{book}', '{plc}')") == [
        (session,),
        (session,),
    ]
    shown = ok(ilearn("show", session[:8]))
    assert f"Spun off: “Feedback PLC” 2026-12-01 ({plc[:8]})" in shown
    assert "Spun off: “Embedded Formative Assessment”" in shown
    assert f"Came from (a session you led): “Feedback that moves learning” ({session[:8]})" in ok(
        ilearn("show", book[:8])
    )


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (("--attendees", "-3"), "--attendees: '-3' is not a whole number, 0 or more"),
        (("--attendees", "2.5"), "--attendees: '2.5' is not a whole number, 0 or more"),
        (("--attendees", "ten"), "--attendees: 'ten' is not a whole number, 0 or more"),
        (("--attendees", "٣"), "is not a whole number"),
        (("--attendees", "10000000"), "too large to be believable"),
        (
            ("--material", "javascript:alert(1)"),
            "--material: 'javascript:alert(1)': only https:// or http://",
        ),
        (("--feedback", "a\x00b"), "--feedback: contains a NUL character"),
    ],
)
def test_bad_session_values_are_refused_and_nothing_is_written(
    ilearn: Cli, home: Path, extra: tuple[str, ...], said: str
) -> None:
    result = ilearn("log", "workshop", "Led it", "--role", "facilitated", *extra)
    assert_fails(result, 2)
    assert said in result.err
    assert not (home / "journal.sqlite3").exists()  # refused before any journal was made


@pytest.mark.parametrize(
    "extra",
    [
        ("--co-facilitator", "Ana"),
        ("--attendees", "12"),
        ("--attendees", "0"),
        ("--feedback", "Useful"),
        ("--material", "https://example.org/x"),
    ],
)
def test_session_options_need_the_facilitated_role(ilearn: Cli, home: Path, extra: tuple[str, ...]) -> None:
    ok(ilearn("log", "book", "Already here"))
    before = snapshot(home)
    for role in ((), ("--role", "attended")):
        result = ilearn("log", "workshop", "Went to it", *role, *extra)
        assert_fails(result, 2)
        assert f"{extra[0]} is only for a session you led; add --role facilitated" in result.err
    assert snapshot(home) == before


def test_none_attended_is_a_count_not_nothing(ilearn: Cli, home: Path) -> None:
    ok(ilearn("log", "workshop", "Nobody came", "--role", "facilitated", "--attendees", "0"))
    ok(ilearn("log", "workshop", "Not counted", "--role", "facilitated"))
    assert sorted(_rows(home, "SELECT attendees FROM activities"), key=repr) == [(0,), (None,)]


def test_an_unknown_session_gets_a_did_you_mean_and_nothing_is_written(ilearn: Cli, home: Path) -> None:
    ok(ilearn(*SESSION))
    before = snapshot(home)
    result = ilearn("log", "book", "Study", "--spun-off-from", "Fedback that moves")
    assert_fails(result, 1)
    assert "no learning activity matches 'Fedback that moves'" in result.err
    assert "did you mean 'Feedback that moves learning'?" in result.err
    assert_fails(ilearn("log", "book", "Study", "--spun-off-from", "zzzz qqq"), 1)
    assert_fails(ilearn("log", "book", "Study", "--spun-off-from", "  "), 2)
    assert snapshot(home) == before


def test_the_form_rules_refuse_session_fields_on_an_activity_not_led() -> None:
    kind = forms.KINDS["activity"]
    base = {"type": "workshop", "title": "T", "date": "2026-11-10", "role": "attended"}
    attended = forms.clean(kind, {**base, "attendees": "12", "feedback": "Good\n\nUseful"})
    assert attended.errors == {
        "attendees": "only for a session you led (role facilitated)",
        "feedback": "only for a session you led (role facilitated)",
    }
    led = forms.clean(
        kind, {**base, "role": "facilitated", "attendees": "12", "feedback": "Good\n\n Useful \nGood"}
    )
    assert led.ok and led.values["attendees"] == 12 and led.values["feedback"] == ["Good", "Useful"]
    assert forms.clean(kind, {**base, "role": "facilitated", "attendees": "twelve"}).errors == {
        "attendees": "a whole number, 0 or more"
    }
    bad_link = forms.clean(
        kind, {**base, "role": "facilitated", "materials": "notes.pdf\nfile:///etc/passwd"}
    )
    assert "only https:// or http:// links, or a file path" in bad_link.errors["materials"]
    windows = forms.clean(kind, {**base, "role": "facilitated", "materials": "C:\\talks\\slides.pptx"})
    assert windows.ok
    # A spin-off may be of any role: it names where it came from, it is not the session.
    assert forms.clean(kind, {**base, "spun_off_from": "abc"}).ok


def _editor(tmp_path: Path, change: str) -> dict[str, str]:
    """An $EDITOR that rewrites the file it is given with a Python expression over ``text``."""
    script = tmp_path / "edit.py"
    script.write_text(
        f"import sys, pathlib\np = pathlib.Path(sys.argv[1])\ntext = p.read_text()\np.write_text({change})\n"
    )
    return {"EDITOR": f"{sys.executable} {script}"}


def test_edit_shows_a_sessions_lines_one_a_line_and_saves_changes(
    ilearn: Cli, home: Path, tmp_path: Path
) -> None:
    session = ok(ilearn(*SESSION))
    change = (
        "text.replace('co_facilitators: Ben Okafor\\n', '')"
        ".replace('attendees: 24', 'attendees: 30')"
        ".replace('feedback: More time to practise, please\\n', "
        "'feedback: More time to practise, please\\nfeedback: Loved the protocol\\n')"
    )
    result = ilearn("edit", session[:8], env=_editor(tmp_path, change))
    assert result.code == 0, result
    assert _rows(home, "SELECT attendees FROM activities") == [(30,)]
    assert _rows(home, "SELECT part, text FROM session_items ORDER BY part, position") == [
        ("co-facilitator", "Ana Ruiz"),
        ("feedback", "I will try two stars and a wish tomorrow."),
        ("feedback", "More time to practise, please"),
        ("feedback", "Loved the protocol"),
        ("material", "https://example.org/slides"),
        ("material", "handouts/feedback.pdf"),
    ]


def test_edit_keeps_unchanged_lines_as_they_were(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    session = ok(ilearn(*SESSION))
    before = _rows(home, "SELECT id, text, position, updated_at FROM session_items ORDER BY id")
    result = ilearn("edit", session[:8], env=_editor(tmp_path, "text.replace('hours: 1.5', 'hours: 2')"))
    assert result.code == 0, result
    assert _rows(home, "SELECT id, text, position, updated_at FROM session_items ORDER BY id") == before


def test_edit_of_an_activity_not_led_hides_the_session_fields_and_refuses_them(
    ilearn: Cli, home: Path, tmp_path: Path
) -> None:
    book = ok(ilearn("log", "book", "Visible Learning"))
    shown = ilearn("edit", book[:8], env=_editor(tmp_path, "text"))
    assert shown.code == 0
    before = _held(home)
    result = ilearn(
        "edit",
        book[:8],
        env=_editor(tmp_path, "text.replace('\\nrole: attended', '\\nrole: attended\\nattendees: 5')"),
    )
    assert result.code == 1 and "attendees: only for a session you led (role facilitated)" in result.err
    assert _held(home) == before
    made_a_session = _editor(
        tmp_path,
        "text.replace('\\nrole: attended', '\\nrole: facilitated\\nattendees: 5\\nfeedback: Thanks')",
    )
    other = ok(ilearn("log", "book", "Talk Science Primer"))  # the first one's edit waits as a draft
    assert ilearn("edit", other[:8], env=made_a_session).code == 0
    assert _rows(home, f"SELECT role, attendees FROM activities WHERE id = '{other}'") == [("facilitated", 5)]
    assert _rows(home, "SELECT text FROM session_items") == [("Thanks",)]


def test_an_activity_cannot_come_from_itself(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    session = ok(ilearn(*SESSION))
    before = _held(home)
    result = ilearn(
        "edit",
        session[:8],
        env=_editor(tmp_path, f"text.replace('spun_off_from:', 'spun_off_from: {session[:8]}')"),
    )
    assert result.code == 1 and "an activity cannot come from itself" in result.err
    assert _held(home) == before


def test_the_trash_takes_a_session_with_its_lines_and_gives_them_back(ilearn: Cli, home: Path) -> None:
    session = ok(ilearn(*SESSION))
    book = ok(ilearn("log", "book", "Embedded Formative Assessment", "--spun-off-from", session[:8]))
    before = snapshot(home)
    ok(ilearn("delete", session[:8]))
    assert _rows(home, "SELECT count(*) FROM session_items") == [(0,)]
    assert _rows(home, f"SELECT spun_off_from FROM activities WHERE id = '{book}'") == [(None,)]
    trash_id = _rows(home, "SELECT id FROM trash")[0][0]
    ok(ilearn("trash", "restore", str(trash_id)[:8]))
    assert snapshot(home) == before


def test_json_export_and_import_carry_sessions_whole(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    session = ok(ilearn(*SESSION))
    ok(ilearn("log", "book", "Embedded Formative Assessment", "--spun-off-from", session[:8]))
    target = tmp_path / "all.json"
    ok(ilearn("export", "--out", str(target), "--include-private"))
    document = json.loads(target.read_text())
    assert len(document["tables"]["session_items"]) == 6
    fresh = tmp_path / "other"
    assert invoke("import", str(target), home=fresh).code == 0
    assert snapshot(fresh) == snapshot(home)
    archive = tmp_path / "all.zip"
    ok(ilearn("export", "--out", str(archive)))
    third = tmp_path / "third"
    assert invoke("import", str(archive), home=third).code == 0
    assert snapshot(third) == snapshot(home)


def test_a_journal_from_before_sessions_upgrades_with_its_activities_whole(journal: Journal) -> None:
    from ilearn_tui.store.connection import prepare
    from ilearn_tui.store.plan import add_activity
    from ilearn_tui.store.schema import MIGRATIONS, SCHEMA_VERSION
    from ilearn_tui.store.schema_sessions import sessions_led

    made = add_activity(journal, "workshop", "From last year", day="2025-10-01", hours=2, role="facilitated")
    conn = journal.conn
    before = MIGRATIONS.index(sessions_led())  # the version the journal had before this step
    conn.executescript(UNDO_SESSIONS + f"PRAGMA user_version = {before};")
    prepare(conn, journal.locations.db_path, journal.locations.backups_dir)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    row = conn.execute("SELECT id, role, hours, attendees, spun_off_from FROM activities").fetchone()
    assert tuple(row) == (made, "facilitated", 2.0, None, None)
    assert conn.execute("SELECT count(*) FROM session_items").fetchone()[0] == 0
    with journal.write() as tx:  # the new table's writes are marked for the next sync
        write_lines(tx, ACTIVITY, made, "feedback", ["Still useful"])
    assert conn.execute("SELECT count(*) FROM sync_changes WHERE tbl = 'session_items'").fetchone()[0] == 1


def test_the_portfolio_lists_sessions_led_once_with_their_hours_counted_once(
    ilearn: Cli, home: Path, tmp_path: Path
) -> None:
    ok(ilearn("log", "book", "Visible Learning", "--hours", "2", "--date", "2026-11-01"))
    plain = tmp_path / "none.md"
    ok(ilearn("export", "--out", str(plain)))
    assert "Sessions I led" not in plain.read_text()  # no sessions, no section
    session = ok(ilearn(*SESSION))
    ok(
        ilearn(
            "log",
            "book",
            "Embedded Formative Assessment",
            "--spun-off-from",
            session[:8],
            "--date",
            "2026-11-20",
        )
    )
    target = tmp_path / "p.md"
    ok(ilearn("export", "--out", str(target)))
    text = target.read_text()
    part = text.split("### Sessions I led\n", 1)[1].split("\n## ", 1)[0]
    assert "#### Feedback that moves learning" in part
    assert "- **Date:** 2026-11-10 · Workshop" in part and "- **Attendees:** 24" in part
    assert "- **Co-facilitators:** Ana Ruiz, Ben Okafor" in part
    assert "[https://example.org/slides](<https://example.org/slides>); handouts/feedback.pdf" in part
    assert "- **Spun off:** Embedded Formative Assessment (book study, 2026-11-20)" in part
    assert "> “I will try two stars and a wish tomorrow.”" in part
    assert "Visible Learning" not in part  # only sessions led
    assert "| **Total** | **3** | **3.5** |" in text  # 2 + 1.5 + 0: the session's hours once


def test_redaction_and_hostile_text_in_a_session(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    ok(
        ilearn(
            "log",
            "workshop",
            "Led with Dana",
            "--role",
            "facilitated",
            "--co-facilitator",
            "Dana Reyes",
            "--feedback",
            "<script>alert(1)</script> thanks Dana",
            "--material",
            "notes/<b>x</b>.pdf",
        )
    )
    target = tmp_path / "p.html"
    home.joinpath("config", "settings.json").write_text(json.dumps({"redact_names": ["Dana"]}))
    ok(ilearn("export", "--out", str(target)))
    page = target.read_text()
    part = page.split("<h3>Sessions I led</h3>", 1)[1].split("</section>", 1)[0]
    assert "Dana" not in part and "[redacted] Reyes" in part
    assert "<script>" not in part and "&lt;script&gt;alert(1)&lt;/script&gt;" in part
    assert "notes/&lt;b&gt;x&lt;/b&gt;.pdf" in part and '<a href="notes' not in part


def test_the_review_packet_pdf_carries_the_sessions(ilearn: Cli, home: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    session = ok(ilearn(*SESSION))
    ok(ilearn("log", "book", "Embedded Formative Assessment", "--spun-off-from", session[:8]))
    target = tmp_path / "review.pdf"
    ok(ilearn("export", "--packet", "review", "--out", str(target)))
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    part = text.split("Sessions I led", 2)[2]  # past the contents
    assert "Feedback that moves learning" in part and "Ana Ruiz, Ben Okafor" in part
    assert "“I will try two stars and a wish tomorrow.”" in part
    assert "Spun off: Embedded Formative Assessment" in part
