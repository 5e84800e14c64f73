"""Tab completion, asked the way a shell asks: argcomplete's environment, answers read from a file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers.cli import ILEARN, assert_fails

COMMAND = [ILEARN] if ILEARN else [sys.executable, "-m", "ilearn_tui"]


def offered(line: str, tmp_path: Path, home: Path | None = None, **env: str) -> list[str]:
    """What Tab offers with the cursor at the end of ``line``, as bash would be told."""
    answer = tmp_path / "answer"
    answer.unlink(missing_ok=True)
    full = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_STDOUT_FILENAME": str(answer),
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        **({"ILEARN_HOME": str(home)} if home else {}),
        **env,
    }
    proc = subprocess.run(COMMAND, env=full, capture_output=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    text = answer.read_text("utf-8") if answer.exists() else ""
    return [word.strip() for word in text.split("\v") if word.strip()]


@pytest.fixture(scope="module")
def journal_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.helpers.cli import invoke_in

    home = tmp_path_factory.mktemp("completion") / "home"
    for args in (
        ("goal", "add", "Questioning in maths"),
        ("goal", "add", "Reading aloud"),
        ("reflect", "Wait time worked", "--tag", "questioning", "--tag", "quiet"),
        ("reflect", "Exit tickets", "--tag", "assessment"),
    ):
        assert invoke_in(home, *args).code == 0
    return home


def test_commands_and_options_complete(tmp_path: Path) -> None:
    assert offered("ilearn re", tmp_path) == ["reflect", "restore", "renewal", "reply"]
    assert "completion" in offered("ilearn com", tmp_path)
    assert offered("ilearn reflect --ta", tmp_path) == ["--tag"]
    assert offered("ilearn goal ", tmp_path)[-2:] == ["add", "list"]


def test_tags_and_goal_titles_come_from_the_journal(tmp_path: Path, journal_home: Path) -> None:
    assert offered("ilearn reflect --tag q", tmp_path, journal_home) == ["questioning", "quiet"]
    assert offered("ilearn log workshop T --goal Q", tmp_path, journal_home) == [r"Questioning\ in\ maths"]
    assert set(offered("ilearn check ", tmp_path, journal_home)) >= {
        r"Questioning\ in\ maths",
        r"Reading\ aloud",
    }


def test_home_option_names_the_journal(tmp_path: Path, journal_home: Path) -> None:
    line = f"ilearn --home {journal_home} reflect --tag a"
    assert offered(line, tmp_path) == ["assessment"]


def test_record_ids_complete_where_an_id_is_taken(tmp_path: Path, journal_home: Path) -> None:
    conn = sqlite3.connect(journal_home / "journal.sqlite3")
    with closing(conn):
        ids = sorted(r[0] for r in conn.execute("SELECT id FROM goals UNION SELECT id FROM reflections"))
    found = offered("ilearn show ", tmp_path, journal_home)
    assert [word for word in found if not word.startswith("-")] == ids
    assert offered(f"ilearn delete {ids[0][:6]}", tmp_path, journal_home) == [ids[0]]
    assert offered("ilearn edit zzzz", tmp_path, journal_home) == []


def test_group_names_complete_where_a_group_is_taken(tmp_path: Path) -> None:
    from tests.helpers.cli import invoke_in

    home = tmp_path / "groups-home"
    for name in ("Grade 7 PLC", "Book study"):
        assert invoke_in(home, "group", "add", name).code == 0
    assert offered("ilearn publish abcd --to G", tmp_path, home) == [r"Grade\ 7\ PLC"]
    assert offered("ilearn group show B", tmp_path, home) == [r"Book\ study"]
    assert offered("ilearn log workshop T --group ", tmp_path, home) == [r"Book\ study", r"Grade\ 7\ PLC"]


def test_vocabularies_complete(tmp_path: Path) -> None:
    assert offered("ilearn log w", tmp_path) == ["workshop", "walk"]
    assert offered("ilearn reflect --stage in", tmp_path) == ["inspire", "innovate", "infiltrate"]
    assert offered("ilearn check G --indicator student-e", tmp_path) == ["student-engagement"]
    assert offered("ilearn export --format ", tmp_path) == ["md", "html", "json", "archive"]
    assert offered("ilearn import x --format j", tmp_path) == ["json", "jrnl"]
    assert offered("ilearn completion ", tmp_path)[-3:] == ["bash", "zsh", "fish"]


def test_a_missing_or_damaged_journal_completes_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert offered("ilearn reflect --tag ", tmp_path, missing) == []
    assert not missing.exists(), "completion never creates a journal"
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "journal.sqlite3").write_bytes(b"not a database at all" * 100)
    assert offered("ilearn reflect --goal ", tmp_path, damaged) == []
    assert offered("ilearn show ", tmp_path, damaged) == ["-h", "--help", "--version", "--home"]


def test_bash_sources_the_script_and_completes_through_it(tmp_path: Path, journal_home: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash here")
    script = (
        'source <("$@" completion bash)\n'
        "complete -p ilearn\n"
        'COMP_LINE="ilearn reflect --tag q"; COMP_POINT=${#COMP_LINE}\n'
        "COMP_WORDS=(ilearn reflect --tag q); COMP_CWORD=3\n"
        "_python_argcomplete ilearn q --tag\n"
        'printf "<%s>\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "ILEARN_HOME": str(journal_home)}
    proc = subprocess.run(
        [bash, "-c", script, "bash", *COMMAND], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("complete ") and lines[0].endswith(" ilearn")
    assert "-F _python_argcomplete" in lines[0]
    assert lines[1:] == ["<questioning>", "<quiet>"]


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o"), ("zsh", "#compdef ilearn"), ("fish", "complete --command ilearn")],
)
def test_each_shell_gets_its_own_script(ilearn, shell: str, marker: str) -> None:  # type: ignore[no-untyped-def]
    result = ilearn("completion", shell)
    assert result.code == 0, result
    assert marker in result.out
    assert "ilearn" in result.out and result.err == ""


def test_an_unknown_shell_is_refused_with_a_suggestion(ilearn, home: Path) -> None:  # type: ignore[no-untyped-def]
    result = ilearn("completion", "bsh")
    assert_fails(result, 2)
    assert "did you mean 'bash'?" in result.err
    assert not home.exists(), "printing a script never opens the journal"


def test_an_ordinary_run_never_imports_the_completion_library(tmp_path: Path) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from ilearn_tui.cli.main import run\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    run(['--home', {str(tmp_path)!r}, 'reflect', 'quick'])\n"
        "print('argcomplete' in sys.modules, 'ilearn_tui.cli.completion' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_the_sessions_led_complete_where_a_spin_off_names_one(tmp_path: Path) -> None:
    from tests.helpers.cli import invoke_in

    home = tmp_path / "home"
    for args in (
        ("log", "mini", "Hinge questions", "--role", "facilitated"),
        ("log", "mini", "Hands-on labs", "--role", "facilitated"),
        ("log", "book", "Hattie study"),  # attended: no session to come from
    ):
        assert invoke_in(home, *args).code == 0
    said = offered("ilearn log book T --spun-off-from H", tmp_path, home)
    assert sorted(said) == [r"Hands-on\ labs", r"Hinge\ questions"]
