"""Where ilearn keeps its files.

Everything is computed on demand: importing this module creates no folder and reads no
setting, so tests and ``--home`` can point the whole app elsewhere before anything runs.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import NamedTuple

APP_NAME = "ilearn"
DB_NAME = "journal.sqlite3"
DIR_MODE = 0o700
FILE_MODE = 0o600


class Locations(NamedTuple):
    """The folders of one journal: data (the database, evidence, backups) and config.

    A named tuple (frozen, compared by value) so that every command, the quickest included,
    has it without loading ``dataclasses``.
    """

    data_dir: Path
    config_dir: Path

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def evidence_dir(self) -> Path:
        return self.data_dir / "evidence"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "drafts"

    @property
    def damaged_dir(self) -> Path:
        return self.data_dir / "damaged"

    @property
    def settings_path(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def user_themes_dir(self) -> Path:
        return self.config_dir / "themes"

    def ensure(self) -> None:
        """Create the folders that are missing, private to the owner."""
        for folder in (self.data_dir, self.config_dir):
            make_private_dir(folder)


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents readable by the owner only.

    A folder that already exists keeps its mode: it may be a shared one (1777, a class
    drive) that the teacher chose on purpose, and a read-only command must change nothing.
    """
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # another copy of the app made it first; it is not ours to change
        # mkdir's mode passes through the umask; what we create is exactly 0700.
        with contextlib.suppress(OSError):
            path.chmod(DIR_MODE)
    if not folder.is_dir():
        raise NotADirectoryError(20, "not a folder", str(folder))


def resolve(home: str | os.PathLike[str] | None = None) -> Locations:
    """Pick the folders: ``--home``, then ``ILEARN_HOME``, then the platform's defaults.

    An empty ``--home`` is refused: it is usually an unset shell variable, and taking it as
    the current folder would put a journal wherever the command happened to run.
    """
    if home is not None and not os.fspath(home).strip():
        from ilearn_tui.errors import UsageError

        raise UsageError("--home is empty; give the folder for the journal")
    chosen = home if home is not None else os.environ.get("ILEARN_HOME") or None
    if chosen is not None:
        base = Path(chosen).expanduser().absolute()
        return Locations(data_dir=base, config_dir=base / "config")
    import platformdirs

    return Locations(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
