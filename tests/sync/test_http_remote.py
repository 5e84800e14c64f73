"""A real smart-HTTP git server on 127.0.0.1 (dulwich's own WSGI app), started and stopped here."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from dulwich.repo import Repo
from dulwich.server import DictBackend
from dulwich.web import make_wsgi_chain

from tests.sync.helpers import Computer, summary


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    bare = tmp_path / "served.git"
    bare.mkdir()
    repo = Repo.init_bare(str(bare))
    httpd: WSGIServer = make_server(
        "127.0.0.1", 0, make_wsgi_chain(DictBackend({"/": repo})), handler_class=_Quiet
    )
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        thread.join(timeout=10)
        httpd.server_close()
        repo.close()
        assert not thread.is_alive()


def test_two_computers_sync_through_a_git_server(server: str, tmp_path: Path) -> None:
    # Real processes: the server's own open pack files must not count against the commands.
    laptop, desktop = Computer(tmp_path / "laptop", real=True), Computer(tmp_path / "desktop", real=True)
    laptop.ok("sync", "setup", server)
    desktop.ok("sync", "setup", server)
    rid = laptop.reflect("Shared over HTTP.").strip()
    assert summary(laptop.ok("sync"))[0] >= 1
    desktop.ok("sync")
    assert "Shared over HTTP." in desktop.bodies()
    desktop.reflect("An answer from home.")
    laptop.edit(rid, "Shared over HTTP, edited.")
    desktop.ok("sync")
    laptop.ok("sync")  # the remote moved: fetched and merged, then pushed
    desktop.ok("sync")
    assert laptop.records() == desktop.records()
    assert {"Shared over HTTP, edited.", "An answer from home."} <= desktop.bodies()
