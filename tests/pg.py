"""A throwaway PostgreSQL server for the tests, started and stopped by a fixture.

    from pg import postgres_url, postgres_db    # in a test module (tests/ is on sys.path)

    def test_something(postgres_db):             # a fresh, empty database per test
        store = open_store(postgres_db)

`postgres_url` (session scope) runs `initdb` and `pg_ctl start` on a temporary
directory, listening only on 127.0.0.1 at a free port, with its unix socket
inside that directory, trust authentication for one user, and durability
switched off (the data is thrown away). It yields the URL of the server's
`postgres` database and stops the server and removes the directory afterwards.
PostgreSQL refuses to run as root, so as root the server runs as the
`postgres` system user that Debian's package creates.

The server binaries come from Debian's `postgresql` package
(`scripts/setup.sh --dev` installs it); without them, or without psycopg, the
tests that need the server are skipped and say why. Set
`DRAGOMAN_TEST_POSTGRES_BIN` to a directory holding `initdb` and `pg_ctl` to
use other binaries, or `DRAGOMAN_TEST_POSTGRES_URL` to use a running server
instead (the tests create and drop their own databases on it).
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

USER = "dragoman"


def find_bindir() -> Path | None:
    """The directory with initdb and pg_ctl: $DRAGOMAN_TEST_POSTGRES_BIN, Debian's newest, or PATH."""
    env = os.environ.get("DRAGOMAN_TEST_POSTGRES_BIN")
    candidates = [Path(env)] if env else []
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: _version_key(p), reverse=True)
    candidates += [Path(p) for p in debian]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for c in candidates:
        if (c / "initdb").is_file() and (c / "pg_ctl").is_file():
            return c
    return None


def _version_key(path: str) -> tuple[int, ...]:
    part = Path(path).parent.name
    return tuple(int(x) for x in part.split(".") if x.isdigit()) or (0,)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One initdb'd data directory and the server running on it."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.run_as: str | None = None
        if os.geteuid() == 0:
            import pwd

            try:
                pwd.getpwnam("postgres")
            except KeyError:
                pytest.skip("running as root and there is no 'postgres' system user to run the PostgreSQL server as")
            self.run_as = "postgres"
        self.dir = Path(tempfile.mkdtemp(prefix="dragoman-pg-"))
        self.data = self.dir / "data"
        self.sock = self.dir / "sock"
        self.log = self.dir / "server.log"
        self.port = free_port()
        self.started = False

    def _cmd(self, *args: str) -> list[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            runuser = shutil.which("runuser")
            if runuser:
                return [runuser, "-u", self.run_as, "--", *cmd]
            return ["su", self.run_as, "-s", "/bin/sh", "-c", " ".join(_quote(a) for a in cmd)]
        return cmd

    def _run(self, *args: str, timeout: float = 120) -> None:
        proc = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}")

    def start(self) -> str:
        self.sock.mkdir()
        if self.run_as:
            import pwd

            pw = pwd.getpwnam(self.run_as)
            for p in (self.dir, self.sock):
                os.chown(p, pw.pw_uid, pw.pw_gid)
        os.chmod(self.dir, 0o700)
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "--encoding=UTF8",
                  "--locale=C", "--no-instructions")
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -c unix_socket_directories={self.sock} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", opts, "-w", "-t", "60", "start")
        self.started = True
        return f"postgresql://{USER}@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        try:
            if self.started:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=60)
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def _quote(a: str) -> str:
    import shlex

    return shlex.quote(a)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a running PostgreSQL server's maintenance database (`postgres`)."""
    pytest.importorskip("psycopg", reason="psycopg 3 is not installed (pip install 'psycopg[binary]')")
    external = os.environ.get("DRAGOMAN_TEST_POSTGRES_URL")
    if external:
        yield external
        return
    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: "
                    "install Debian's 'postgresql' package (scripts/setup.sh --dev does) "
                    "or set DRAGOMAN_TEST_POSTGRES_BIN")
    server = PostgresServer(bindir)
    try:
        url = server.start()
    except Exception:
        server.stop()
        raise
    try:
        yield url
    finally:
        server.stop()


def _with_database(url: str, name: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url)._replace(path="/" + name).geturl()


@pytest.fixture
def postgres_db(postgres_url: str) -> Iterator[str]:
    """URL of a new, empty database on the test server, dropped after the test."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(postgres_url, name)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
