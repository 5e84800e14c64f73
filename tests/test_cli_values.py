"""Forgiving values: prefixes and words for list values, "did you mean …?", clear refusals.

The rule itself is checked directly on the vocabularies; the command line is checked for what
a teacher sees: the value saved, or exit 2 with one ``ilearn:`` line and the journal unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ilearn_tui.cli import values
from ilearn_tui.domain import vocab
from ilearn_tui.errors import UsageError
from tests.helpers.cli import Result, assert_fails, invoke_in, ok, snapshot, tables

Cli = Callable[..., Result]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    home = tmp_path_factory.mktemp("values") / "home"
    assert invoke_in(home, "goal", "add", "Better questioning").code == 0
    return home, snapshot(home)


# --- the rule -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("engagement", "student engagement"),
        ("Student-Engagement", "student engagement"),
        ("student_engagement", "student engagement"),
        ("engage", "student engagement"),
        ("practice", "instructional practice"),
        ("21st", "21st-century skills"),
        ("skills", "21st-century skills"),
        ("century skills", "21st-century skills"),
        ("other", "other"),
    ],
)
def test_an_indicator_by_any_unambiguous_prefix_or_word(text: str, expected: str) -> None:
    assert values.indicator(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("workshop", "workshop"),
        ("work", "workshop"),
        ("BOOK", "book"),
        ("peer coaching", "coaching"),
        ("book study", "book"),
        ("learning walk", "walk"),
        ("unconference", "edcamp"),
    ],
)
def test_an_activity_type_by_its_name_or_label(text: str, expected: str) -> None:
    assert values.activity_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("3", 3), ("illuminate", 3), ("ILLUM", 3), ("inf", 5), ("imag", 1)]
)
def test_a_stage_by_number_or_name(text: str, expected: int) -> None:
    assert values.stage("--stage", text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("student", ["could be 'student achievement' or 'student engagement'"]),
        ("engagment", ["did you mean 'student engagement'?"]),
        ("zzz", ["is not known; use student achievement"]),
        ("", ["empty"]),
        ("   ", ["empty"]),
    ],
)
def test_an_indicator_that_names_no_one_value_is_refused(text: str, words: list[str]) -> None:
    with pytest.raises(UsageError) as refused:
        values.indicator(text)
    assert str(refused.value).startswith("--indicator: ")
    for word in words:
        assert word in str(refused.value)


@pytest.mark.parametrize(
    ("read", "text", "words"),
    [
        (values.goal_kind, "studnet", "did you mean 'student-learning'?"),
        (values.goal_kind, "profesional", "did you mean 'professional-practice'?"),
        (values.indicator, "acheivement", "did you mean 'student achievement'?"),
        (values.indicator, "studnet", "is not known; use student achievement"),  # a word of two values
        (values.activity_type, "reflexion", "did you mean 'video'?"),
    ],
)
def test_a_slip_in_one_word_of_a_value_gets_a_suggestion(
    read: Callable[[str], str], text: str, words: str
) -> None:
    with pytest.raises(UsageError) as refused:
        read(text)
    assert words in str(refused.value)


def test_every_vocabulary_value_is_reachable_by_its_own_name() -> None:
    """No value of a list is shadowed by another (each picks itself, whatever the other names)."""
    for value in vocab.ACTIVITY_TYPES:
        assert values.activity_type(value) == value
    for value in vocab.INDICATOR_KINDS:
        assert values.indicator(value) == value
    for value in vocab.ACTIVITY_ROLES:
        assert values.role(value) == value
    for number, name in vocab.STAGES.items():
        assert values.stage("--stage", name) == values.stage("--stage", str(number)) == number


@pytest.mark.parametrize("text", ["six", "1,5", "nan", "inf", "-inf", "", "1.5h"])
def test_an_amount_that_is_not_a_number_names_the_option(text: str) -> None:
    with pytest.raises(UsageError) as refused:
        values.amount("--hours", "hours")(text)
    assert str(refused.value) == f"--hours: {text!r} is not a number of hours (e.g. 1.5)"


def test_a_misspelt_command_gets_a_suggestion() -> None:
    message = "argument COMMAND: invalid choice: 'shwo' (choose from 'show', 'search', 'edit')"
    assert values.suggest_choice(message) == "unknown command 'shwo'; did you mean 'show'?"
    assert values.suggest_choice("argument --hours: expected one argument") is None


# --- on the command line ------------------------------------------------------------------
def test_forgiving_values_are_saved_as_the_full_value(ilearn: Cli, home: Path, seeded: str) -> None:
    ok(ilearn("log", "Work", "Questioning workshop", "--role", "fac", "--hours", "1.5"))
    ok(ilearn("check", "better", "--indicator", "engagement", "--rating", "4"))
    ok(ilearn("reflect", "Wait time", "--stage", "innov"))
    (activity,) = tables(home)["activities"]
    assert (activity["type"], activity["role"], activity["hours"]) == ("workshop", "facilitated", 1.5)
    assert tables(home)["checks"][0]["indicator"] == "student engagement"
    assert tables(home)["reflections"][0]["stage"] == 4


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (("log", "workshp", "T"), "ilearn: TYPE: 'workshp' is not known; did you mean 'workshop'?"),
        (("log", "o", "T"), "ilearn: TYPE: 'o' could be 'course' or 'resource' or 'other'"),
        (
            ("log", "book", "T", "--hours", "six"),
            "ilearn: --hours: 'six' is not a number of hours (e.g. 1.5)",
        ),
        (("log", "book", "T", "--credits", "lots"), "ilearn: --credits: 'lots' is not a number of credits"),
        (
            ("log", "book", "T", "--hours", "-3"),
            "ilearn: --hours: '-3' is below 0; give 0 or more hours (e.g. 1.5)",
        ),
        (("log", "book", "T", "--credits=-0.5"), "ilearn: --credits: '-0.5' is below 0; give 0 or more"),
        (
            ("log", "book", "T", "--role", "led"),
            "ilearn: --role: 'led' is not known; use attended or facilitated",
        ),
        (
            ("log", "book", "T", "--date", "someday"),
            "ilearn: --date: bad date 'someday': use YYYY-MM-DD",
        ),
        (
            ("check", "better", "--indicator", "student", "--rating", "4"),
            "ilearn: --indicator: 'student' could be",
        ),
        (
            ("check", "better", "--indicator", "x", "--value", "lots"),
            "ilearn: --value: 'lots' is not a number",
        ),
        (("reflect", "x", "--stage", "9"), "ilearn: --stage: '9' is not a stage; use 1-5 or imagine"),
        (("reflect", "x", "--stage", "i"), "ilearn: --stage: 'i' could be 'imagine' or 'inspire'"),
        (("export", "--from", "2024-13-01"), "ilearn: --from: bad date '2024-13-01'"),
        (("goal", "add", "X", "--kind", "studnet"), "ilearn: --kind: 'studnet' is not known; did you mean"),
        (("shwo", "abcd"), "ilearn: unknown command 'shwo'; did you mean 'show'?"),
        (
            ("reflect", "x", "--tga", "q"),
            "ilearn: unknown option '--tga'; did you mean '--tag'? (see 'ilearn reflect --help')",
        ),
        (
            ("goal", "add", "X", "--questoin=Q"),
            "ilearn: unknown option '--questoin=Q'; did you mean '--question'? (see 'ilearn goal add",
        ),
        (("status", "extra"), "ilearn: unrecognized arguments: extra (see 'ilearn status --help')"),
        (("goal", "ad", "x"), "ilearn: unknown command 'ad'; did you mean 'add'?"),
        (("serch", "x"), "ilearn: unknown command 'serch'; did you mean 'search'?"),
    ],
)
def test_a_value_that_cannot_be_read_is_refused_and_changes_nothing(
    ilearn: Cli, home: Path, seeded: str, args: tuple[str, ...], line: str
) -> None:
    result = ilearn(*args)
    assert_fails(result, 2)
    assert result.err.startswith(line), result.err
    assert snapshot(home) == seeded


def test_a_real_process_suggests_and_refuses(cli: Cli, home: Path, seeded: str) -> None:
    result = cli("log", "workshp", "Questioning")
    assert_fails(result, 2)
    assert "did you mean 'workshop'?" in result.err
    assert snapshot(home) == seeded
