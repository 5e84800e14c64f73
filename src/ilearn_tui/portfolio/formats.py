"""Every kind of export, declared once, and the rule that picks one from a target's name.

The command line, the app's export dialog and the export service all read this table, so a
format, its suffix, its label and its document name cannot drift apart. The errors raised
here say what is wrong in plain words and name no command-line option or key: each UI adds
how to fix it in its own terms. The module imports nothing heavy, so a bad command line is
refused before the journal is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ilearn_tui.errors import UsageError


@dataclass(frozen=True)
class ExportKind:
    """One choice of export: what it is called, how it is written, and who it is for."""

    name: str  # the choice in the app; a format or a packet on the command line
    format: str  # the --format value it is made with
    label: str
    suffix: str
    stem: str  # the document's name inside a folder export, without the suffix
    packet: str | None = None
    shareable: bool = True  # private records left out unless asked, listed names redacted
    folder: bool = True  # can be written as a folder: the document plus evidence/ copies
    later: str = ""  # set while it is not yet available: what to use instead
    also: tuple[str, ...] = ()  # other suffixes that name it
    binary: bool = False  # bytes, not text: never printed, always written to a named file

    @property
    def document_name(self) -> str:
        return self.stem + self.suffix

    @property
    def folder_document(self) -> str:
        """The document's name in a folder export: a browser or web server opens ``index.html`` itself."""
        return "index.html" if self.format == "html" else self.document_name

    @property
    def words(self) -> str:
        """The format in a sentence: "Markdown", "HTML"."""
        return _FORMAT_WORDS[self.format]

    @property
    def available(self) -> bool:
        return not self.later

    @property
    def title(self) -> str:
        """As the app's format list shows it."""
        return f"{self.label} ({self.suffix})"


_FORMAT_WORDS = {"md": "Markdown", "html": "HTML", "json": "JSON", "archive": "zip archive", "pdf": "PDF"}
KINDS: tuple[ExportKind, ...] = (
    ExportKind("md", "md", "Markdown portfolio", ".md", "portfolio", also=(".markdown",)),
    ExportKind("html", "html", "HTML showcase", ".html", "portfolio", also=(".htm",)),
    ExportKind("review", "md", "Annual review packet", ".md", "review-packet", packet="review"),
    ExportKind("renewal", "md", "Licence-renewal record", ".md", "renewal-record", packet="renewal"),
    ExportKind("json", "json", "Everything, lossless", ".json", "ilearn-journal", shareable=False),
    ExportKind(
        "archive",
        "archive",
        "Everything with its evidence files",
        ".zip",
        "ilearn-archive",
        shareable=False,
        folder=False,
        binary=True,
    ),
    ExportKind("pdf", "pdf", "PDF portfolio, bound", ".pdf", "portfolio", folder=False, binary=True),
    ExportKind(
        "review-pdf",
        "pdf",
        "Annual review packet, bound PDF",
        ".pdf",
        "review-packet",
        packet="review",
        folder=False,
        binary=True,
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}
# The formats and packets that can be made today, in the order they are offered.
FORMATS = tuple(dict.fromkeys(k.format for k in KINDS if k.available and k.packet is None))
PACKETS = tuple(dict.fromkeys(k.packet for k in KINDS if k.packet))
# A packet in another format than Markdown: (packet, format) -> its kind.
_PACKET_FORMATS = {(k.packet, k.format): k for k in KINDS if k.packet}
_PLAIN = {k.format: k for k in KINDS if k.packet is None}
_BY_SUFFIX = {suffix: k for k in KINDS if k.packet is None for suffix in (k.suffix, *k.also)}
# The suffixes a name may end in to pick a format, as messages and the app's dialog list them.
NAMED_SUFFIXES = ", ".join(k.suffix for k in KINDS if k.available and k.packet is None)


class ExportChoiceError(UsageError):
    """A format, packet or target name that does not make a possible export (exit status 2)."""


class UnknownFormat(ExportChoiceError):
    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(f"unknown format {value!r}: {', '.join(FORMATS[:-1])} or {FORMATS[-1]}")


class UnknownPacket(ExportChoiceError):
    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(f"unknown packet {value!r}: {' or '.join(PACKETS)}")


class NotYetAvailable(ExportChoiceError):
    def __init__(self, kind: ExportKind) -> None:
        self.kind = kind
        words = kind.words[0].upper() + kind.words[1:]
        super().__init__(f"{words} export is not yet available; {kind.later}")


class PacketNotMarkdown(ExportChoiceError):
    def __init__(self, packet: str, fmt: str) -> None:
        self.packet, self.format = packet, fmt
        self.made = tuple(_FORMAT_WORDS[f] for (p, f) in _PACKET_FORMATS if p == packet)
        super().__init__(f"the {packet} packet is made as {' or '.join(self.made)}, not {fmt}")


class NameContradicts(ExportChoiceError):
    """The target's suffix names one format and the format asked for is another."""

    def __init__(self, name: str, named: ExportKind, asked: ExportKind) -> None:
        self.name, self.named, self.asked = name, named, asked
        what = f"the {asked.packet} packet is {asked.words}" if asked.packet else f"{asked.words} was chosen"
        super().__init__(f"{name} is named as {named.words}, but {what}")


class UnknownSuffix(ExportChoiceError):
    def __init__(self, name: str, suffix: str) -> None:
        self.name, self.suffix = name, suffix
        super().__init__(
            f"{name}: {suffix!r} names no export format ({NAMED_SUFFIXES}, or a folder ending in /)"
        )


class NotAFolder(ExportChoiceError):
    """A kind that is one file by nature (an archive) asked to be written as a folder."""

    def __init__(self, kind: ExportKind, name: str) -> None:
        self.kind, self.name = kind, name
        super().__init__(
            f"{kind.words[0].upper() + kind.words[1:]} export is one {kind.suffix} file, not a folder"
        )


class NeedsTarget(ExportChoiceError):
    """A kind that is not text (an archive) cannot be printed; it needs a file name."""

    def __init__(self, kind: ExportKind) -> None:
        self.kind = kind
        super().__init__(
            f"{kind.words[0].upper() + kind.words[1:]} export needs a file name ending in {kind.suffix}"
        )


class NoTarget(ExportChoiceError):
    def __init__(self) -> None:
        super().__init__("a file or folder name is needed")


@dataclass(frozen=True)
class Choice:
    """What to make and where: ``target`` None means the text goes to the caller (stdout)."""

    kind: ExportKind
    target: Path | None = None
    folder: bool = False


def kind_for(fmt: str | None, packet: str | None = None) -> ExportKind | None:
    """The kind a format and a packet ask for (None when neither is given); refuses bad pairs."""
    asked: ExportKind | None = None
    if fmt is not None:
        fmt = fmt.strip().lower()
        asked = _PLAIN.get(fmt)
        if asked is None:
            raise UnknownFormat(fmt)
        if not asked.available:
            raise NotYetAvailable(asked)
    if packet is not None:
        packet = packet.strip().lower()
        if packet not in PACKETS:
            raise UnknownPacket(packet)
        if asked is not None and (packet, asked.format) not in _PACKET_FORMATS:
            raise PacketNotMarkdown(packet, asked.format)
        asked = _PACKET_FORMATS[(packet, asked.format if asked else "md")]
    return asked


def is_folder_name(raw: str) -> bool:
    """A name ending in a separator, an existing folder, or a name with no suffix."""
    target = Path(raw).expanduser()
    return raw.endswith(("/", os.sep)) or target.is_dir() or not target.suffix


def choose(out: str | None, asked: ExportKind | None) -> Choice:
    """The export a target name and an optional asked-for kind make together.

    With no kind asked, the name decides; a name whose suffix names another format than the
    one asked for is refused rather than written mislabelled.
    """
    if out is None:
        if asked is not None and asked.binary:
            raise NeedsTarget(asked)
        return Choice(asked or BY_NAME["md"])
    if not out.strip():
        raise NoTarget
    target = Path(out).expanduser()
    if is_folder_name(out):
        if asked is not None and not asked.folder:
            raise NotAFolder(asked, target.name)
        return Choice(asked or BY_NAME["md"], target, folder=True)
    suffix = target.suffix.lower()
    named = _BY_SUFFIX.get(suffix)
    if named is None:
        if asked is None:
            raise UnknownSuffix(target.name, suffix)
        return Choice(asked, target)  # a name of the teacher's own: the asked format decides
    if not named.available:  # whatever was asked: the name promises a file we cannot make
        raise NotYetAvailable(named)
    if asked is None:
        return Choice(named, target)
    if asked.format != named.format:
        # A packet asked for by name and a file named for another format it comes in: that one.
        other = _PACKET_FORMATS.get((asked.packet, named.format)) if asked.packet else None
        if other is None:
            raise NameContradicts(target.name, named, asked)
        return Choice(other, target)
    return Choice(asked, target)
