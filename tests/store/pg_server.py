"""A throwaway PostgreSQL cluster for the tests and the benchmark: initdb into a temporary
directory, a free port on 127.0.0.1, password authentication over TCP, deleted afterwards.

PostgreSQL refuses to run as root, and CI runs as root: the server programs then run as
the unprivileged user `postgres` (created by Debian's package) through `runuser`.
`scripts/setup_postgres.sh` installs the package when `initdb` is missing.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class Unavailable(Exception):
    """PostgreSQL's server programs cannot be found or started here (the reason says why)."""


def _bin_dir() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    # Debian keeps the server programs out of PATH, one directory per major version.
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[-3]))
    if versions:
        return Path(versions[-1]).parent
    raise Unavailable("initdb not found: run `bash scripts/setup_postgres.sh` (installs Debian's postgresql)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One running server; `url(db)` gives a superuser URL for a database on it."""

    def __init__(self, fsync: bool = False):
        self.bin = _bin_dir()
        self.password = secrets.token_hex(12)
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="newsevents-pg-"))
        self._as: list[str] = []
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root and there is no `postgres` user to run the server as") from None
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        self.data = self.dir / "data"
        self.running = False
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password + "\n")
        if self._as:
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth-local=trust",
            "--auth-host=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C.UTF-8",
        )
        pwfile.unlink()
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c max_connections=60"
        if not fsync:
            # Tests need no durability across a crash of the machine, only speed.
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-o", options, "-w", "start")
        self.running = True
        atexit.register(self.stop)

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run([*self._as, str(self.bin / program), *args], capture_output=True, text=True)
        if done.returncode != 0:
            log = self.dir / "log"
            tail = log.read_text()[-800:] if log.exists() else ""
            raise Unavailable(f"{program} failed: {(done.stderr or done.stdout).strip()[-800:]} {tail}".strip())

    def url(self, database: str = "postgres", user: str = "postgres", password: str | None = None) -> str:
        password = self.password if password is None else password
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as con:
            con.execute(statement)

    def new_database(self) -> str:
        """A fresh, empty database; returns its superuser URL."""
        name = f"t_{secrets.token_hex(6)}"
        self.sql(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        if self.running:
            self.running = False
            subprocess.run(
                [*self._as, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                capture_output=True,
            )
        shutil.rmtree(self.dir, ignore_errors=True)


_shared: Cluster | None = None


def shared_cluster() -> Cluster:
    """The one cluster of this process: every test module that needs a server shares it."""
    global _shared
    if _shared is None or not _shared.running:
        _shared = Cluster()
    return _shared
