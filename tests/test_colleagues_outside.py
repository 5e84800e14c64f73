"""Two teachers' homes sharing one group repository, driven from outside through ``ilearn``.

Sam publishes a reflection to the PLC; Ana, in her own home, syncs and finds it with Sam's
name; her reply comes back to Sam. Evidence with student information never reaches the
repository, and publishing recorded a share in Sam's Stage 5.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from dulwich.object_store import iter_tree_contents
from dulwich.repo import Repo

from tests.helpers.tmux import ILEARN

pytestmark = pytest.mark.skipif(not ILEARN, reason="needs the installed ilearn")


def ilearn(home: Path, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILEARN")}
    done = subprocess.run(
        [str(ILEARN), "--home", str(home), *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == code, (args, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done


def repository_text(folder: Path) -> str:
    """Every file of the group repository's branch, as one text (what any member can read)."""
    with Repo(str(folder)) as repo:
        head = repo.refs[b"refs/heads/main"]
        tree = repo[head].tree  # type: ignore[attr-defined]
        return "\n".join(
            repo[entry.sha].as_raw_string().decode("utf-8")  # type: ignore[index]
            for entry in iter_tree_contents(repo.object_store, tree)
        )


def test_two_teachers_publish_find_and_reply(tmp_path: Path) -> None:
    sam, ana, shared = tmp_path / "sam", tmp_path / "ana", tmp_path / "plc.git"
    for home, name in ((sam, "Sam Rivera"), (ana, "Ana Lopez")):
        ilearn(home, "profile", "--name", name)
        ilearn(home, "group", "add", "Grade 7 PLC", "--kind", "plc")
        ilearn(home, "group", "setup", "Grade 7", str(shared))

    rid = ilearn(sam, "reflect", "Sentence stems got the quiet table talking.", "--stage", "4").stdout.strip()
    secret = tmp_path / "tally.txt"
    secret.write_text("Exit ticket tally, with Jordan's name\n")
    ilearn(sam, "evidence", "add", str(secret), "--title", "Named tally", "--student-info")
    evidence_id = json.loads(ilearn(sam, "search", "tally", "--json").stdout)[0]["id"]
    refused = ilearn(sam, "publish", evidence_id[:8], "--to", "Grade", code=1)
    assert refused.stderr.startswith("ilearn: ") and refused.stderr.count("\n") == 1
    ilearn(sam, "publish", rid[:8], "--to", "Grade")
    said = ilearn(sam, "sync").stdout
    assert "group Grade 7 PLC: sent" in said, said

    said = ilearn(ana, "sync").stdout
    assert "received 1 (1 item from 1 colleague in all)" in said, said
    hits = json.loads(ilearn(ana, "search", "stems", "--json").stdout)
    (hit,) = [h for h in hits if "colleague" in h["kind"]]
    assert "Sam Rivera" in json.dumps(hit)
    ilearn(ana, "reply", hit["id"][:8], "Try them with the lab teams too.")
    ilearn(ana, "sync")

    ilearn(sam, "sync")
    shown = ilearn(sam, "group", "show", "Grade").stdout
    assert "Ana Lopez" in shown and "reply" in shown, shown
    text = repository_text(shared)
    assert "Try them with the lab teams too." in text and "Sentence stems" in text
    assert "tally" not in text.lower() and "Jordan" not in text
    # Publishing recorded a share, in the teacher's own Stage 5; the colleague's items are not hers.
    stage5 = ilearn(sam, "stage", "5").stdout
    assert "Grade 7 PLC" in stage5, stage5
    assert "Try them with" not in ilearn(sam, "export", "--format", "md").stdout
