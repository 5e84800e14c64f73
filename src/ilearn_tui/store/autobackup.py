"""The automatic backup, run as its own process after a quick command has finished.

A teacher's ``ilearn reflect`` should not wait half a second for a copy of a large journal;
the command hands the copy to this detached process and returns at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import sys
from pathlib import Path

from ilearn_tui.locations import Locations


def spawn(locations: Locations) -> None:
    """Start the backup in the background, detached from the terminal and this process.

    Both folders are passed: in the platform layout the settings (the backup interval) live
    in the config folder, which cannot be worked out from the data folder.
    """
    argv = [str(locations.data_dir), str(locations.config_dir)]
    with contextlib.suppress(OSError):
        subprocess.Popen(
            [sys.executable, "-m", "ilearn_tui.store.autobackup", *argv],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )


def run(locations: Locations) -> int:
    from ilearn_tui.settings import load_settings
    from ilearn_tui.store.backup import auto_backup
    from ilearn_tui.store.connection import connect

    if not locations.db_path.is_file():
        return 0
    locations.backups_dir.mkdir(mode=0o700, exist_ok=True)
    lock_path = locations.backups_dir / ".lock"
    fd = os.open(lock_path, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return 0  # another process is already taking this backup
        conn = connect(locations.db_path)
        try:
            interval = load_settings(locations).backup_interval_minutes
            auto_backup(conn, locations.backups_dir, interval)
        finally:
            conn.close()
    finally:
        os.close(fd)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(run(Locations(data_dir=Path(sys.argv[1]), config_dir=Path(sys.argv[2]))))
    except Exception:  # nobody is watching this process; the next run simply tries again
        sys.exit(1)
