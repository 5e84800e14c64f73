"""Themes from TOML files: the ones shipped with ilearn and any in the user's config folder.

A theme file that cannot be read is reported back to the caller (shown as a notification)
and skipped, so one bad file never stops the app.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.theme import Theme

_COLOURS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)


def shipped_themes_dir() -> Path:
    """The ``themes/`` folder inside an installed wheel, or at the top of a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "themes"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "themes"


def theme_from_file(path: Path) -> Theme:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("it has no name")
    if not isinstance(data.get("primary"), str):
        raise ValueError("it has no primary colour")
    options: dict[str, object] = {k: data[k] for k in _COLOURS if isinstance(data.get(k), str)}
    for key in ("luminosity_spread", "text_alpha"):
        if isinstance(data.get(key), (int, float)):
            options[key] = float(data[key])
    theme = Theme(name=name.strip(), dark=bool(data.get("dark", True)), **options)  # type: ignore[arg-type]
    theme.to_color_system()  # parses every colour now, so a bad one fails here, not mid-render
    return theme


def load_themes(folders: list[Path]) -> tuple[list[Theme], list[str]]:
    """All readable themes in ``folders`` (later folders win), and one message per bad file."""
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = theme_from_file(path)
            except Exception as exc:  # unreadable, bad TOML, or a colour Textual cannot parse
                problems.append(f"Theme file {path.name} was skipped: {exc}")
                continue
            themes[theme.name] = theme
    return list(themes.values()), problems
