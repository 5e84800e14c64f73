"""Where ilearn keeps its files.

Everything is computed on demand: importing this module creates no folder and reads no
setting, so tests and ``--home`` can point the whole app elsewhere before anything runs.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "ilearn"
DB_NAME = "journal.sqlite3"
DIR_MODE = 0o700
FILE_MODE = 0o600


@dataclass(frozen=True)
class Locations:
    """The folders of one journal: data (the database, evidence, backups) and config."""

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
        """Create the private folders, tightening permissions on ones that already exist."""
        for folder in (self.data_dir, self.config_dir):
            make_private_dir(folder)


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) readable by the owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if folder.stat().st_mode & 0o777 != DIR_MODE:
        # A folder we do not own (a shared USB stick) is still usable as it is.
        with contextlib.suppress(PermissionError):
            folder.chmod(DIR_MODE)


def resolve(home: str | os.PathLike[str] | None = None) -> Locations:
    """Pick the folders: ``--home``, then ``ILEARN_HOME``, then the platform's defaults."""
    chosen = home if home is not None else os.environ.get("ILEARN_HOME") or None
    if chosen is not None:
        base = Path(chosen).expanduser().absolute()
        return Locations(data_dir=base, config_dir=base / "config")
    import platformdirs

    return Locations(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
