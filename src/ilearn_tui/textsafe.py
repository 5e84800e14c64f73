"""Keep terminal control sequences in stored text from ever reaching the terminal."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (which include CSI and OSC).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides can make a file name read differently from what it is.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe to print: control characters shown as ``\\xNN``-style escapes."""
    if text.isprintable():  # no control or format character at all: one C pass, no regex
        return text
    return _BIDI.sub("", _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))


# Whole terminal escape sequences (CSI, the OSC/DCS/APC/PM strings, and the short escapes), so
# that stripping the ESC alone does not leave their parameters behind as words.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)|\x9b[0-?]*[ -/]*[@-~]|\x1b[ -/]*[0-~]?",
    re.S,
)


def stripped(text: str) -> str:
    """Text from someone else (a colleague's item) with every escape sequence and control removed.

    Unlike ``printable``, nothing of them is kept to show: the text is stored this way. Newlines
    and tabs stay (Markdown needs them); a carriage return before a newline goes.
    """
    text = _SEQUENCE.sub("", text.replace("\r\n", "\n"))
    return _BIDI.sub("", _CONTROL.sub("", text))


def one_line(text: str, width: int = 80) -> str:
    """A single printable line, cut to ``width`` characters."""
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture" for that character
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


_HIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Text for the screen's widgets: each control character drawn as a visible symbol.

    Widgets pass their text to the terminal as it is, so an escape sequence typed, pasted or
    imported into a reflection would otherwise be obeyed by the terminal.
    """
    return _HIDDEN.sub(_picture, text)
