"""Checking the index store before an update must not drop the SQLite locks this
process holds on it: closing any descriptor of a file drops all of a process's
POSIX locks on it, and another process closing the store then deleted its
write-ahead log under the app's connections (the next Ctrl+R failed with "an
input/output error" after a `reader entity` in another terminal)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reader.integrity import store_damage
from reader.store import connect

_OTHER_PROCESS = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("SELECT COUNT(*) FROM t").fetchone()
conn.close()
"""


def test_another_process_leaves_the_log_of_a_store_this_one_holds(tmp_path):
    path = tmp_path / "reader.sqlite"
    conn = connect(path)  # as the app's library holds the store
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    assert store_damage(path, thorough=False) is None  # before every update
    subprocess.run([sys.executable, "-c", _OTHER_PROCESS, str(path)], check=True)
    assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    conn.execute("INSERT INTO t VALUES (2)")  # and this process can still write
    conn.commit()
    assert conn.execute("SELECT COUNT(*) FROM t").fetchone() == (2,)
    conn.close()


def test_a_file_that_is_not_a_database_is_still_told_apart(tmp_path):
    path = tmp_path / "reader.sqlite"
    path.write_bytes(b"not a database, " * 20)
    assert store_damage(path, thorough=False) == "not an SQLite database"
    path.write_bytes(b"short")
    assert store_damage(path, thorough=False) == "not an SQLite database"
    path.write_bytes(b"")
    assert store_damage(path, thorough=False) is None
