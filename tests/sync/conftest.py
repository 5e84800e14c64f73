"""The two computers most sync tests start from, and a real smart-HTTP git server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from dulwich.repo import Repo
from dulwich.server import DictBackend
from dulwich.web import make_wsgi_chain

from tests.sync.helpers import Computer, two_homes


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Computer, Computer, Path]:
    return two_homes(tmp_path)


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """dulwich's own WSGI git server over one empty bare repository, started and stopped here."""
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
