"""The evaluation framework's components in the app's forms: typed, checked, saved, shown again."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input, Static, TextArea

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.domain.frameworks import FRAMEWORKS
from ilearn_tui.store import coverage
from ilearn_tui.store.records import get_record, list_records, save_record
from ilearn_tui.store.reflections import list_reflections
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.editor import EditorScreen
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.waiting import form_on_stage, showing, until


async def test_no_framework_no_components_field(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        form = await form_on_stage(pilot, 4, "evidence")
        assert not form.query("#form-components")


async def test_new_evidence_saves_its_components_with_it(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    coverage.set_framework(app.journal, "danielson")
    async with app.run_test(size=(100, 30)) as pilot:
        form = await form_on_stage(pilot, 4, "evidence")
        form.query_one("#field-title", Input).value = "Exit tickets, week 3"
        # Codes in any case, and a component by a word of its name, as on the command line.
        form.query_one("#form-components", Input).value = "3B, 1e; questioning"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
    [item] = list_records(app.journal, KINDS["evidence"], app.overview().cycle_id)
    assert coverage.components_of(app.journal, "evidence", item["id"]) == [
        ("danielson", "1e"),
        ("danielson", "3b"),
    ]


async def test_an_unknown_code_is_named_under_the_field_and_nothing_is_saved(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    coverage.set_framework(app.journal, "danielson")
    async with app.run_test(size=(100, 30)) as pilot:
        form = await form_on_stage(pilot, 3, "activity")
        form.query_one("#field-title", Input).value = "Questioning workshop"
        field = form.query_one("#form-components", Input)
        field.value = "3b, 3q"
        await pilot.press("ctrl+s")
        error = form.query_one("#error-components", Static)
        await until(pilot, lambda: "⚠" in str(error.render()))
        said = str(error.render())
        assert "'3q' is not known" in said
        assert "3a" in said and "4f" in said  # what would be accepted
        assert app.screen is form and form.focused is field
        assert not list_records(app.journal, KINDS["activity"], app.overview().cycle_id)
        field.value = "3b, 3e"
        await until(pilot, lambda: str(error.render()) == "")  # put right: the error goes


async def test_editing_shows_the_components_again_and_replaces_them(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    journal = app.journal
    coverage.set_framework(journal, "ma")
    async with app.run_test(size=(100, 30)) as pilot:
        values = {"title": "Family newsletter", "kind": "document", "date": "2026-10-01"}
        item_id = save_record(journal, KINDS["evidence"], values, cycle_id=journal.cycle_for("2026-10-01"))
        coverage.tag(journal, "evidence", item_id, FRAMEWORKS["ma"], ["III-C", "I-A"])
        coverage.tag(journal, "evidence", item_id, FRAMEWORKS["danielson"], ["4c"])
        await pilot.press("4")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        record = get_record(journal, KINDS["evidence"], item_id)
        app.screen.open_form(KINDS["evidence"], record)  # type: ignore[attr-defined]
        await until(pilot, showing(app, RecordFormScreen, "#form-components"))
        field = app.screen.query_one("#form-components", Input)
        assert field.value == "I-A, III-C"  # in the framework's order
        field.value = "III-C, IV-A"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
    assert coverage.components_of(journal, "evidence", item_id) == [
        ("danielson", "4c"),  # another framework's tag stays
        ("ma", "III-C"),
        ("ma", "IV-A"),
    ]


async def _reflection_editor(pilot, app: IlearnApp, reflection_id: str | None = None) -> EditorScreen:  # type: ignore[no-untyped-def]
    app.push_screen(EditorScreen(reflection_id))
    await until(pilot, lambda: isinstance(app.screen, EditorScreen) and app.screen.focused is not None)
    assert isinstance(app.screen, EditorScreen)
    return app.screen


async def test_a_reflection_takes_components_and_refuses_an_unknown_one(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    coverage.set_framework(app.journal, "marzano")
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await _reflection_editor(pilot, app)
        editor.query_one("#body", TextArea).text = "Wait time helped the quiet ones."
        field = editor.query_one("#components", Input)
        field.value = "7, formative, 99"
        await pilot.press("ctrl+s")
        error = editor.query_one("#editor-error", Static)
        await until(pilot, lambda: "'99' is not known" in str(error.render()))
        assert "1, 2" in str(error.render()) and editor.focused is field
        assert not list_reflections(app.journal)
        field.value = "7, formative"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(list_reflections(app.journal)))
        [saved] = list_reflections(app.journal)
        assert coverage.codes_of(app.journal, "reflection", saved.id, FRAMEWORKS["marzano"]) == ["7", "14"]
        await pilot.press("escape")
        reopened = await _reflection_editor(pilot, app, saved.id)
        assert reopened.query_one("#components", Input).value == "7, 14"
        assert not reopened.dirty  # shown again as saved: leaving asks nothing


async def test_a_reflection_without_a_framework_has_no_components_field(
    make_app: Callable[..., IlearnApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await _reflection_editor(pilot, app)
        assert not editor.query("#components")


async def test_a_long_framework_title_wraps_in_its_label_at_80_columns(
    make_app: Callable[..., IlearnApp],
) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Label

    app = make_app()
    coverage.set_framework(app.journal, "ma")
    title = FRAMEWORKS["ma"].title
    async with app.run_test(size=(80, 24)) as pilot:
        form = await form_on_stage(pilot, 4, "evidence")
        [label] = [w for w in form.query(Label) if title in str(w.render())]
        await pilot.pause()
        assert label.size.height == 2  # wrapped, where it was cut at the dialog's edge
        assert label.region.right <= form.query_one(VerticalScroll).content_region.right
