"""The teacher's settings, kept as JSON in the config folder.

A missing or damaged file falls back to defaults (and says so) rather than stopping the app:
settings are conveniences, the journal is what matters.
"""

from __future__ import annotations

from ilearn_tui.atomicfile import write_file
from ilearn_tui.errors import IlearnError
from ilearn_tui.locations import FILE_MODE, Locations, make_private_dir


class RedactionUnknown(IlearnError):
    """The names to redact could not be read, so nothing may be shared until that is fixed.

    The message names no option: the command line and the app each add how to export
    everything for the teacher's own keeping instead.
    """

    def __init__(self, why: str) -> None:
        self.why = why
        super().__init__(f"{why}, so the names to redact are unknown; fix it before exporting")


class Settings:
    """The settings, each with its default; ``problems`` and ``redaction_unknown`` are not saved.

    A plain class rather than a dataclass: closing a journal after ``ilearn reflect`` reads the
    backup interval from here, and that quick command loads no ``dataclasses`` otherwise.
    """

    # What the file holds, in its order.
    SAVED = (
        "theme",
        "evidence_max_mb",
        "backup_interval_minutes",
        "redact_names",
        "renewal",
        # Binding id -> keys ("editor.save": "ctrl+s,f2"); the app checks the ids against its actions.
        "keymap",
        # Off: evidence marked as student information (and its file) never leaves this computer by sync.
        "sync_student_info",
        # Sync in the app: in the background after the first frame, and before quitting.
        "sync_on_start",
        "sync_on_quit",
    )
    # ``redaction_unknown`` is set when the file could not tell us which names to redact: a
    # shared export must then stop.
    __slots__ = (*SAVED, "problems", "redaction_unknown")

    def __init__(
        self,
        *,
        theme: str = "ilearn-dark",
        evidence_max_mb: int = 200,
        backup_interval_minutes: int = 60,
        redact_names: list[str] | None = None,
        renewal: dict[str, object] | None = None,
        keymap: dict[str, str] | None = None,
        sync_student_info: bool = False,
        sync_on_start: bool = False,
        sync_on_quit: bool = False,
        redaction_unknown: str = "",
    ) -> None:
        self.theme = theme
        self.evidence_max_mb = evidence_max_mb
        self.backup_interval_minutes = backup_interval_minutes
        self.redact_names: list[str] = [] if redact_names is None else redact_names
        self.renewal: dict[str, object] = {} if renewal is None else renewal
        self.keymap: dict[str, str] = {} if keymap is None else keymap
        self.sync_student_info = sync_student_info
        self.sync_on_start = sync_on_start
        self.sync_on_quit = sync_on_quit
        self.problems: list[str] = []
        self.redaction_unknown = redaction_unknown

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Settings):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a dataclass's would be

    def __repr__(self) -> str:
        return f"Settings({', '.join(f'{name}={getattr(self, name)!r}' for name in self.SAVED)})"

    def names_to_redact(self, *, shareable: bool) -> list[str]:
        """The redaction list, refusing a shareable export when the list could not be read."""
        if shareable and self.redaction_unknown:
            raise RedactionUnknown(self.redaction_unknown)
        return self.redact_names

    @property
    def evidence_max_bytes(self) -> int:
        return self.evidence_max_mb * 1024 * 1024


def load_settings(locations: Locations) -> Settings:
    path = locations.settings_path
    settings = Settings()
    try:
        text = path.read_text(encoding="utf-8")
        import json  # only once there is a file to read

        raw = json.loads(text)
    except FileNotFoundError:
        return settings
    except (OSError, ValueError) as exc:
        settings.problems.append(f"settings file {path} is unreadable ({exc}); using defaults")
        settings.redaction_unknown = f"settings file {path} is unreadable"
        return settings
    if not isinstance(raw, dict):
        settings.problems.append(f"settings file {path} is not a JSON object; using defaults")
        settings.redaction_unknown = f"settings file {path} is not a JSON object"
        return settings
    for name in Settings.SAVED:
        if name not in raw:
            continue
        value = raw[name]
        default = getattr(settings, name)
        # bool is an int to isinstance: a number setting must not take true, nor a switch 1.
        ok = isinstance(value, type(default)) and isinstance(value, bool) == isinstance(default, bool)
        if name == "redact_names":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        if name == "keymap" and ok:
            kept = {k: v for k, v in value.items() if isinstance(v, str)}
            if len(kept) != len(value):
                settings.problems.append("setting 'keymap': entries whose keys are not text were ignored")
            value = kept
        if name == "evidence_max_mb":
            ok = ok and 1 <= value <= 100_000
        if name == "backup_interval_minutes":
            ok = ok and 0 <= value <= 100_000
        if ok:
            setattr(settings, name, value)
        else:
            settings.problems.append(f"setting {name!r} has a bad value; using the default")
            if name == "redact_names":
                settings.redaction_unknown = f"setting 'redact_names' in {path} is not a list of names"
    return settings


def save_settings(locations: Locations, settings: Settings) -> None:
    """Write atomically so a crash mid-save never leaves half a settings file.

    A failure (a full disk) names the file: "No space left on device" alone does not say
    which of the teacher's files was not saved. The writer has removed its temporary file.
    """
    path = locations.settings_path
    import json

    data = {name: getattr(settings, name) for name in Settings.SAVED}
    try:
        make_private_dir(locations.config_dir)
        write_file(path, json.dumps(data, indent=2), overwrite=True, mode=FILE_MODE)
    except OSError as exc:
        raise IlearnError(
            f"cannot save the settings file {path}: {exc.strerror or exc}; it was left as it was"
        ) from exc
