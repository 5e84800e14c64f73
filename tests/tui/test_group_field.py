"""An activity's or a share's group, chosen on its form by name and saved with the record."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select

from ilearn_tui.domain.forms import KINDS
from ilearn_tui.store.groups import add_group
from ilearn_tui.store.records import get_record, list_records, save_record
from ilearn_tui.tui.app import IlearnApp
from ilearn_tui.tui.screens.record_form import RecordFormScreen
from ilearn_tui.tui.screens.stage import StageScreen
from tests.tui.waiting import form_on_stage, until

STAGE = {"activity": 3, "share": 5}


def _groups(app: IlearnApp) -> dict[str, str]:
    """Two groups made out of name order, so the form's order is its own doing."""
    return {
        "team": add_group(app.journal, "science team", "team", []),
        "plc": add_group(app.journal, "Grade 7 PLC", "plc", ["Ana Lopez"]),
    }


async def _shot(app: IlearnApp, pilot: Pilot[object], name: str) -> None:
    """An SVG of the form at its group field, when ILEARN_SCREENSHOTS names a folder."""
    folder = os.environ.get("ILEARN_SCREENSHOTS")
    if folder:
        await pilot.pause()  # after the form's own scroll to its top
        field = app.screen.query_one("#field-group_id")
        label = field.parent.children[field.parent.children.index(field) - 1] if field.parent else field
        label.scroll_visible(animate=False, top=True)
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(Path(folder)))


@pytest.mark.parametrize("kind_name", ["activity", "share"])
async def test_a_new_record_is_saved_in_the_group_picked_by_name(
    kind_name: str, make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    ids = _groups(app)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await form_on_stage(pilot, STAGE[kind_name], kind_name)
        picker = form.query_one("#field-group_id", Select)
        assert picker.value is Select.NULL  # no group until one is chosen
        assert [str(label) for label, _ in picker._options[1:]] == ["Grade 7 PLC", "science team"]
        assert picker.prompt == "(none)"
        await _shot(app, pilot, f"{kind_name}-group-80x24")
        form.query_one("#field-title", Input).value = "Wait time in the PLC"
        picker.value = ids["plc"]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
    [row] = list_records(app.journal, KINDS[kind_name], app.overview().cycle_id)
    assert row["group_id"] == ids["plc"]


@pytest.mark.parametrize("kind_name", ["activity", "share"])
async def test_editing_shows_the_group_and_can_take_it_away(
    kind_name: str, make_app: Callable[..., IlearnApp]
) -> None:
    app = make_app()
    ids = _groups(app)
    kind = KINDS[kind_name]
    values: dict[str, object] = {"title": "Exit tickets", "date": "2026-11-10", "group_id": ids["team"]}
    values |= {"type": "plc"} if kind_name == "activity" else {"audience": "local"}
    made = save_record(app.journal, kind, values, cycle_id=app.journal.cycle_for("2026-11-10"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(str(STAGE[kind_name]))
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
        assert isinstance(app.screen, StageScreen)
        app.screen.open_form(kind, get_record(app.journal, kind, made))
        await until(
            pilot, lambda: isinstance(app.screen, RecordFormScreen) and bool(app.screen.query("#buttons"))
        )
        picker = app.screen.query_one("#field-group_id", Select)
        assert picker.value == ids["team"]
        await _shot(app, pilot, f"{kind_name}-group-120x40")
        picker.clear()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, StageScreen))
    saved = get_record(app.journal, kind, made)
    assert saved is not None
    assert saved["group_id"] is None


async def test_without_groups_the_field_offers_only_none(make_app: Callable[..., IlearnApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        form = await form_on_stage(pilot, 3, "activity")
        picker = form.query_one("#field-group_id", Select)
        assert len(picker._options) == 1 and picker.value is Select.NULL
