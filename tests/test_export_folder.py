"""Folder exports: the document plus evidence/ copies, linked relatively, written all at once."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from ilearn_tui.errors import IlearnError, TargetExistsError
from ilearn_tui.locations import resolve
from ilearn_tui.portfolio import folder as folders
from ilearn_tui.portfolio.folder import readable_name, slug
from ilearn_tui.portfolio.formats import BY_NAME, Choice
from ilearn_tui.portfolio.gather import Scope
from ilearn_tui.portfolio.json_import import import_document, load_document
from ilearn_tui.services.exports import export_to, preflight
from ilearn_tui.store.journal import Journal, open_journal
from tests.helpers.export_data import fill_with_files, link_targets


def export_folder(journal: Journal, target: Path, **options: object) -> object:
    scope = Scope(include_private=bool(options.pop("include_private", False)))
    plan = preflight(Choice(BY_NAME[str(options.pop("fmt", "md"))], target, folder=True))
    return export_to(journal, plan, scope, [], **options)  # type: ignore[arg-type]


def assert_links_resolve(folder: Path, document: str) -> list[Path]:
    """Every relative link in the document names an existing file inside ``folder``."""
    files = []
    root = folder.resolve()
    for target in link_targets(document):
        parts = urlsplit(target)
        if parts.scheme or target.startswith("#"):
            continue
        path = (folder / unquote(parts.path)).resolve()
        assert path.is_relative_to(root), target
        assert path.is_file(), target
        files.append(path)
    return files


def test_folder_has_the_document_and_linked_copies(journal: Journal, tmp_path: Path) -> None:
    fill_with_files(journal, tmp_path / "src")
    target = tmp_path / "usb" / "portfolio"
    target.parent.mkdir()
    result = export_folder(journal, target)
    document = (target / "portfolio.md").read_text()
    linked = assert_links_resolve(target, document)
    copies = sorted((target / "evidence").iterdir())
    # Four shareable files (the class list stays behind), each linked once.
    assert len(copies) == 4 and sorted(linked) == [c.resolve() for c in copies]
    assert result.copied == 4  # type: ignore[attr-defined]
    names = [c.name for c in copies]
    assert "2024-10-03-claim-cards-photo.pdf" in names and "2024-10-03-claim-cards-photo-2.pdf" in names
    assert (target / "evidence" / "2024-10-03-claim-cards-photo.pdf").read_bytes() == b"%PDF-1.4 claim cards"
    assert not any("class" in n for n in names) and "Class list" not in document
    # Nothing is left over from building the folder.
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]


def test_private_evidence_and_its_file_come_with_include_private(journal: Journal, tmp_path: Path) -> None:
    fill_with_files(journal, tmp_path / "src")
    export_folder(journal, tmp_path / "all", include_private=True)
    names = [p.name for p in (tmp_path / "all" / "evidence").iterdir()]
    assert "2024-09-06-class-list.csv" in names
    assert_links_resolve(tmp_path / "all", (tmp_path / "all" / "portfolio.md").read_text())


def test_hostile_titles_give_safe_bounded_names(journal: Journal, tmp_path: Path) -> None:
    fill_with_files(journal, tmp_path / "src")
    export_folder(journal, tmp_path / "out")
    for copy in (tmp_path / "out" / "evidence").iterdir():
        name = copy.name
        assert len(name.encode()) <= 120
        assert not any(ch in name for ch in '/\\:*?"<>|') and name.isprintable()
        assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in name)
        assert not name.startswith(".")
    hostile = [p.name for p in (tmp_path / "out" / "evidence").iterdir() if "passwd" in p.name]
    assert hostile and hostile[0].startswith("2024-10-04-etc-passwd-31m-x-y-z-long-long")
    assert hostile[0].endswith(".exe")  # the real suffix, not the one the bidi override showed


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Claim cards photo", "claim-cards-photo"),
        ("../../etc/passwd", "etc-passwd"),
        ("Ünïcödé Café — été", "ünïcödé-café-été"),
        ("\u202egnp.exe", "gnp-exe"),
        ("CON", "con"),
        ("  ", ""),
        ("日本語のメモ", "日本語のメモ"),
        ("ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
    ],
)
def test_slug(title: str, expected: str) -> None:
    assert slug(title) == expected


def test_names_are_unique_without_case_and_bounded() -> None:
    taken: set[str] = set()
    first = readable_name("2024-01-02", "Photo", ".jpg", taken)
    second = readable_name("2024-01-02", "PHOTO", ".jpg", taken)
    assert (first, second) == ("2024-01-02-photo.jpg", "2024-01-02-photo-2.jpg")
    assert readable_name("2024-01-02", "", "", taken) == "2024-01-02-evidence"
    long = readable_name("2024-01-02", "é" * 500, ".pdf", taken)
    assert len(long.encode()) <= 11 + folders.MAX_STEM_BYTES + 4
    assert readable_name("not a date/..", "x", ".pdf", taken) == "x.pdf"


def test_existing_document_is_refused_without_force(journal: Journal, tmp_path: Path) -> None:
    fill_with_files(journal, tmp_path / "src")
    target = tmp_path / "stick"
    target.mkdir()
    (target / "portfolio.md").write_text("old")
    (target / "mine.txt").write_text("keep me")
    with pytest.raises(TargetExistsError, match=r"portfolio\.md already exists") as refused:
        export_folder(journal, target)
    assert "--force" not in str(refused.value)  # the service names no option: each UI words it
    assert (target / "portfolio.md").read_text() == "old"
    assert sorted(p.name for p in target.iterdir()) == ["mine.txt", "portfolio.md"]


def test_force_replaces_the_document_and_evidence_but_keeps_other_files(
    journal: Journal, tmp_path: Path
) -> None:
    fill_with_files(journal, tmp_path / "src")
    target = tmp_path / "stick"
    (target / "evidence").mkdir(parents=True)
    (target / "evidence" / "stale.pdf").write_text("old copy")
    (target / "portfolio.md").write_text("old")
    (target / "mine.txt").write_text("keep me")
    export_folder(journal, target, force=True)
    assert (target / "mine.txt").read_text() == "keep me"
    assert not (target / "evidence" / "stale.pdf").exists()
    assert "Robin Okafor" in (target / "portfolio.md").read_text()
    assert_links_resolve(target, (target / "portfolio.md").read_text())
    assert sorted(p.name for p in target.iterdir()) == ["evidence", "mine.txt", "portfolio.md"]


def test_an_existing_empty_folder_is_filled(journal: Journal, tmp_path: Path) -> None:
    fill_with_files(journal, tmp_path / "src")
    target = tmp_path / "empty"
    target.mkdir()
    export_folder(journal, target)
    assert sorted(p.name for p in target.iterdir()) == ["evidence", "portfolio.md"]


def test_a_failure_while_building_leaves_the_target_untouched(
    journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_with_files(journal, tmp_path / "src")
    target = tmp_path / "stick"
    target.mkdir()
    (target / "portfolio.md").write_text("old")

    def broken(source: Path, dest: Path) -> bool:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(folders, "_copy", broken)
    with pytest.raises(IlearnError, match="No space left"):
        export_folder(journal, target, force=True)
    assert sorted(p.name for p in target.iterdir()) == ["portfolio.md"]
    assert (target / "portfolio.md").read_text() == "old"


def test_a_missing_stored_file_is_listed_unlinked(journal: Journal, tmp_path: Path) -> None:
    ids = fill_with_files(journal, tmp_path / "src")
    name = journal.conn.execute(
        "SELECT file_name FROM evidence WHERE id = ?", (ids["certificate"],)
    ).fetchone()
    os.remove(journal.locations.evidence_dir / name[0])
    result = export_folder(journal, tmp_path / "out")
    assert result.missing == ["certificate.pdf"]  # type: ignore[attr-defined]
    document = (tmp_path / "out" / "portfolio.md").read_text()
    assert "| Certificate |" in document
    assert_links_resolve(tmp_path / "out", document)


def test_folder_target_that_is_a_file_is_refused(journal: Journal, tmp_path: Path) -> None:
    fill_with_files(journal, tmp_path / "src")
    (tmp_path / "afile").write_text("x")
    with pytest.raises(IlearnError, match="is a file, not a folder"):
        export_folder(journal, tmp_path / "afile")
    with pytest.raises(IlearnError, match="does not exist"):
        export_folder(journal, tmp_path / "no" / "such" / "place")


def test_html_folder_links_resolve_too(journal: Journal, tmp_path: Path) -> None:
    from tests.helpers.export_data import markup

    fill_with_files(journal, tmp_path / "src")
    export_folder(journal, tmp_path / "show", fmt="html")
    page = (tmp_path / "show" / "index.html").read_text()
    hrefs = [v for _, n, v in markup(page).attrs if n == "href" and v.startswith("evidence/")]
    assert len(hrefs) == 4
    assert all((tmp_path / "show" / unquote(h)).is_file() for h in hrefs)


def test_json_folder_brings_the_files_back_on_import(journal: Journal, tmp_path: Path) -> None:
    fill_with_files(journal, tmp_path / "src")
    export_folder(journal, tmp_path / "backup", fmt="json", include_private=True)
    stored = {p.name for p in (tmp_path / "backup" / "evidence").iterdir()}
    assert len(stored) == 4  # the twin shares its file (same hash): one copy
    with open_journal(resolve(tmp_path / "second")) as other:
        report = import_document(
            other, load_document(tmp_path / "backup" / "ilearn-journal.json"), source_dir=tmp_path / "backup"
        )
        assert report.missing_files == []
        assert {p.name for p in other.locations.evidence_dir.iterdir()} == stored
