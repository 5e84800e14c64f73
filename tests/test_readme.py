"""The README's "Everyday use" lines, run in order on a temp home, each as written.

A reader copies these lines into a shell, so each must run: exit 0, no traceback. The lines
are read from the README itself, so a line added or changed there is run here too. What a
line cannot hold is arranged the way a teacher would meet it:
- ids shown as examples (``8f19beb1``) name the newest reflection, ``5c2e91aa`` a colleague's
  item, ``ID`` a conflict or a trash item, ``FILE`` the newest backup;
- ``/media/…`` is a folder under the test's temp dir (a USB stick, a shared drive);
- the files a line adds as evidence exist in the working folder;
- before ``sync resolve`` a second computer has changed the same goal, and a colleague has
  published to the group's repository before the group is set up.
The bare ``ilearn`` opens the app on a terminal; the tmux tests run that.
"""

from __future__ import annotations

import json
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ilearn_tui.locations import resolve
from ilearn_tui.store import sync_state
from ilearn_tui.store.journal import open_journal
from tests.helpers.cli import Result, invoke, ok

README = Path(__file__).parents[1] / "README.md"
EDITOR = """\
import sys
from pathlib import Path

path = Path(sys.argv[1])
if not path.read_text(encoding="utf-8").strip():  # a new reflection: write one
    path.write_text("Written in the editor: wait time again.\\n", encoding="utf-8")
# a record opened by 'ilearn edit' is left as it was: an unchanged file changes nothing
"""


def everyday_lines() -> list[str]:
    """The shell lines of the first code block under "Everyday use", continuations joined."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Everyday use", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "the Everyday use section has no sh block"
    joined = block.group(1).replace("\\\n", " ")
    return [line for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def commands(line: str) -> Iterator[tuple[list[str], str | None]]:
    """Each command of a line as argv, with the text piped into it (``echo "…" | ilearn …``)."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";|")
    lexer.commenters = "#"
    lexer.whitespace_split = True
    tokens = list(lexer)
    piped: str | None = None
    current: list[str] = []
    for token in [*tokens, ";"]:
        if token == "|":
            assert current[:1] == ["echo"], line
            piped, current = " ".join(current[1:]) + "\n", []
        elif token == ";":
            if current:
                yield current, piped
            current, piped = [], None
        else:
            current.append(token)


def test_the_lines_are_read_as_a_shell_reads_them() -> None:
    lines = everyday_lines()
    assert len(lines) > 40 and all(line.startswith(("ilearn", "echo")) for line in lines)
    (piped,) = [list(commands(line)) for line in lines if line.startswith("echo")]
    assert piped == [
        (["ilearn", "reflect", "-", "--stage", "innovate", "--date", "yesterday"], "A longer entry\n")
    ]
    split = [list(commands(line)) for line in lines if line.startswith("ilearn backup")]
    assert [argv for argv, _ in split[0]] == [
        ["ilearn", "backup"],
        ["ilearn", "restore", "FILE"],
        ["ilearn", "doctor"],
    ]
    smart = next(line for line in lines if "--baseline" in line)
    assert "--by 2027-06-01" in smart and "#" not in next(iter(commands(smart)))[0]


class Reader:
    """A teacher working through the README in a working folder, on a home of her own."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.home = base / "home"
        self.work = base / "work"
        self.work.mkdir()
        for name, data in (("exit-tickets.pdf", b"%PDF-1.4 tickets"), ("unit-plan.pdf", b"%PDF-1.4 plan")):
            (self.work / name).write_bytes(data)
        for folder in ("usb", "share"):
            (base / "media" / folder).mkdir(parents=True)
        editor = base / "editor.py"
        editor.write_text(EDITOR)
        self.env = {"EDITOR": f"{sys.executable} {editor}", "VISUAL": None}
        self.desktop = base / "desktop"
        self.colleague = base / "ana"

    def run(self, home: Path, *args: str, stdin: str | None = None) -> Result:
        return invoke(*args, home=home, stdin=stdin, env=self.env)

    def tables(self, home: Path) -> dict[str, list[dict[str, object]]]:
        exported = self.run(home, "export", "--format", "json", "--include-private")
        return json.loads(ok(exported))["tables"]  # type: ignore[no-any-return]

    # --- what a line needs before it runs -------------------------------------------------
    def arrange(self, argv: list[str]) -> None:
        if argv[1:3] == ["sync", "resolve"]:
            self._conflict()
        if argv[1:3] == ["group", "setup"]:
            self._colleague_publishes(self._path(argv[4]))

    def _conflict(self) -> None:
        """The desktop takes the journal, and both computers retitle the same goal."""
        remote = self._path("/media/usb/ilearn-sync")
        ok(self.run(self.desktop, "sync", "setup", str(remote)))
        ok(self.run(self.desktop, "sync"))
        for home, title in (
            (self.desktop, "Better questioning at home"),
            (self.home, "Better questioning at school"),
        ):
            journal = open_journal(resolve(home))
            journal.auto_backup = False
            try:
                with journal.write() as conn:  # as the app's form would save it (the triggers mark it)
                    conn.execute("UPDATE goals SET title = ? WHERE title = 'Better questioning'", (title,))
            finally:
                journal.close()
        ok(self.run(self.desktop, "sync"))
        ok(self.run(self.home, "sync"))

    def _colleague_publishes(self, repository: Path) -> None:
        ok(self.run(self.colleague, "profile", "--name", "Ana Lopez"))
        ok(self.run(self.colleague, "group", "add", "Grade 7 PLC"))
        ok(self.run(self.colleague, "group", "setup", "grade", str(repository)))
        item = ok(self.run(self.colleague, "reflect", "Lab teams asked better questions after wait time."))
        ok(self.run(self.colleague, "publish", item, "--to", "grade"))
        ok(self.run(self.colleague, "sync"))

    # --- the example values, read from the journal ------------------------------------------
    def resolved(self, argv: list[str]) -> list[str]:
        return [self._value(argv, i, arg) for i, arg in enumerate(argv)][1:]

    def _value(self, argv: list[str], position: int, arg: str) -> str:
        if arg == "8f19beb1":
            reflections = sorted(self.tables(self.home)["reflections"], key=lambda r: str(r["created_at"]))
            return str(reflections[-1]["id"])
        if arg == "5c2e91aa":
            hits = json.loads(ok(self.run(self.home, "search", "lab teams", "--json")))
            return next(str(h["id"]) for h in hits if str(h["kind"]).startswith("colleague"))
        if arg == "ID" and argv[position - 1] == "resolve":
            journal = open_journal(resolve(self.home))
            try:
                (conflict, *_) = sync_state.list_conflicts(journal)
            finally:
                journal.close()
            return conflict.key
        if arg == "ID" and argv[position - 1] == "restore":
            listed = ok(self.run(self.home, "trash", "list"))
            return listed.splitlines()[-1].split()[0]
        if arg == "FILE":
            return str(max((self.home / "backups").iterdir(), key=lambda p: p.stat().st_mtime_ns))
        if arg.startswith("/media/"):
            return str(self._path(arg)) + ("/" if arg.endswith("/") else "")
        return arg

    def _path(self, shown: str) -> Path:
        return self.base / shown.lstrip("/")


def test_every_everyday_line_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reader = Reader(tmp_path)
    monkeypatch.chdir(reader.work)
    ran = 0
    for line in everyday_lines():
        for argv, stdin in commands(line):
            assert argv[0] == "ilearn", line
            if argv == ["ilearn"]:
                continue  # the app itself: tests/test_e2e_tmux.py
            reader.arrange(argv)
            args = reader.resolved(argv)
            result = reader.run(reader.home, *args, stdin=stdin)
            assert result.code == 0, f"{line}\n  ran as: ilearn {shlex.join(args)}\n  {result}"
            assert "Traceback" not in result.err
            ran += 1
    assert ran >= 50
    for name in ("portfolio.md", "show.html", "portfolio.pdf", "everything.json", "journal.zip", "plc.html"):
        assert (reader.work / name).is_file(), name
    assert (reader.work / "show" / "index.html").is_file()
    assert (tmp_path / "media" / "usb" / "folio" / "portfolio.md").is_file()


def test_the_completion_lines_print_their_scripts(tmp_path: Path) -> None:
    """``eval "$(ilearn completion bash)"`` and its kin: each names a shell the command knows."""
    section = README.read_text(encoding="utf-8").split("### Tab completion", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    shells = re.findall(r"ilearn completion (\w+)", block.group(1))
    assert sorted(shells) == ["bash", "fish", "zsh"]
    for shell in shells:
        script = ok(invoke("completion", shell, home=tmp_path / "home"))
        assert "ilearn" in script and len(script.splitlines()) > 3, shell
