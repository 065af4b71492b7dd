"""Serving with gunicorn and `gunicorn.conf.py`: slow clients do not hold up the others, the
access log never shows a resume token, and the master process holds no database connection."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SLOW_CLIENTS = 6  # three times what stops two synchronous workers (docs/reliability.md)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, timeout: float) -> tuple[int, float]:
    """A plain GET on a new connection: its status and how long it took."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        head = b""
        while b"\r\n" not in head:
            chunk = s.recv(4096)
            if not chunk:
                raise ConnectionError("closed before answering")
            head += chunk
    return int(head.split(b" ", 2)[1]), time.monotonic() - started


class Gunicorn:
    """gunicorn started with the repository's settings (and `extra` arguments) on 127.0.0.1."""

    def __init__(self, app: str, folder: Path, *extra: str, cwd: Path = ROOT):
        self.port, self.log = _free_port(), folder / f"gunicorn-{app.replace(':', '-')}.log"
        env = dict(os.environ, SURVEY_INSTANCE_PATH=str(folder / "instance"))
        env["PYTHONPATH"] = os.pathsep.join([str(cwd), str(ROOT), env.get("PYTHONPATH", "")])
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "-c",
                    str(ROOT / "gunicorn.conf.py"),
                    "-b",
                    f"127.0.0.1:{self.port}",
                    *extra,
                    app,
                ],
                cwd=cwd,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, path: str = "/", seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                if _get(self.port, path, timeout=5)[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"gunicorn did not answer:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class SlowClients:
    """Connections that send a request line, then one header every half second, never ending."""

    def __init__(self, port: int, count: int):
        self.sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
        for s in self.sockets:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._drip, daemon=True)
        self.thread.start()

    def _drip(self) -> None:
        n = 0
        while not self.stopping.wait(0.5):
            n += 1
            for s in self.sockets:
                with contextlib.suppress(OSError):
                    s.sendall(f"X-Slow-{n}: {'.' * 10}\r\n".encode())

    def close(self) -> None:
        self.stopping.set()
        self.thread.join()
        for s in self.sockets:
            s.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serving")
    server = Gunicorn("wsgi:app", folder)
    try:
        server.wait_ready("/?lang=fr")
        yield server
    finally:
        server.stop()


def test_slow_clients_do_not_block_a_normal_request(served):
    slow = SlowClients(served.port, SLOW_CLIENTS)
    try:
        time.sleep(1.0)  # each slow client now holds a thread, reading its headers
        status, seconds = _get(served.port, "/?lang=fr", timeout=10)
        assert slow.thread.is_alive()  # still dripping: they were there all along
    finally:
        slow.close()
    assert status == 200
    assert seconds < 3, f"a normal request took {seconds:.1f} s behind {SLOW_CLIENTS} slow clients"


def test_the_same_slow_clients_block_synchronous_workers(tmp_path):
    """The control: with synchronous workers (gunicorn's default), the normal request waits."""
    (tmp_path / "tiny.py").write_text(
        "def app(environ, start_response):\n"
        "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
        "    return [b'ok']\n"
    )
    server = Gunicorn("tiny:app", tmp_path, "-k", "sync", "-w", "2", "--threads", "1", cwd=tmp_path)
    try:
        server.wait_ready()
        slow = SlowClients(server.port, SLOW_CLIENTS)
        try:
            time.sleep(1.0)
            with pytest.raises(socket.timeout):
                _get(server.port, "/", timeout=2)
        finally:
            slow.close()
    finally:
        server.stop()


def test_the_access_log_never_shows_a_token(served):
    secret = "Zq" + "x" * 41
    for path in (f"/resume/{secret}?lang=ar", f"/api/v1/assessments/{secret}/comparison"):
        assert _get(served.port, path, timeout=10)[0] == 404
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        log = served.log.read_text("utf-8", "replace")
        if "/api/v1/assessments/[redacted]/comparison" in log:
            break
        time.sleep(0.1)
    assert '"GET /resume/[redacted]?lang=ar HTTP/1.1" 404' in log
    assert "/api/v1/assessments/[redacted]/comparison" in log
    assert secret not in log


def test_the_master_process_holds_no_database_connection(served):
    """Workers build the app after the fork: nothing opened before it is shared between them."""
    database = re.compile(r"survey\.sqlite3(-wal|-shm)?$")
    opened = []
    for fd in Path(f"/proc/{served.process.pid}/fd").iterdir():
        with contextlib.suppress(OSError):  # closed meanwhile
            opened.append(os.readlink(fd))
    assert any("socket:" in path for path in opened)  # the listening socket: the right process
    assert not [path for path in opened if database.search(path)], opened
