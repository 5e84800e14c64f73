"""The showcase charts' x-axis labels: never two at one spot, never close enough to run together."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from itertools import pairwise

import pytest

from ilearn_tui.portfolio.charts import WIDTH, month_chart, month_name, months_between, rating_chart, spaced

SVG = "{http://www.w3.org/2000/svg}"
# An independent bound for a character at 11px in any common sans-serif: 0.6 em.
CHAR = 0.6 * 11


def x_labels(svg: str) -> list[tuple[float, str]]:
    """The x-axis labels: tick texts below the plot (the y-axis ticks sit at its left edge)."""
    root = ET.fromstring(svg)
    ticks = [t for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
    bottom = max(float(t.get("y", 0)) for t in ticks)
    return [(float(t.get("x", 0)), t.text or "") for t in ticks if float(t.get("y", 0)) == bottom]


def assert_readable(labels: list[tuple[float, str]]) -> None:
    assert labels, "an axis with data has at least one label"
    xs = [x for x, _ in labels]
    assert len(set(xs)) == len(xs)
    for (x1, a), (x2, b) in pairwise(labels):
        assert x2 - x1 >= CHAR * (len(a) + len(b)) / 2, (a, b)
    for x, text in labels:
        assert CHAR * len(text) / 2 <= x <= WIDTH - CHAR * len(text) / 2, text


def months(n: int) -> dict[str, float]:
    return {m: 1.0 + i % 3 for i, m in enumerate(months_between("2024-01", "2099-12")[:n])}


@pytest.mark.parametrize("n", [1, 2, 12, 40])
def test_month_labels_never_overlap(n: int) -> None:
    labels = x_labels(month_chart(months(n)))
    assert_readable(labels)
    assert all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", text) for _, text in labels)
    assert labels[0][1] == "Jan 2024"
    if n <= 12:
        assert len(labels) == n  # room for every month


@pytest.mark.parametrize("n", [1, 2, 12, 40])
def test_rating_labels_never_overlap(n: int) -> None:
    start = date(2026, 12, 1)
    points = [((start + timedelta(days=3 * i)).isoformat(), 1 + i % 5) for i in range(n)]
    labels = x_labels(rating_chart([("goal", points)]))
    assert_readable(labels)
    texts = [text for _, text in labels]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", t) for t in texts)  # a day is meant: a full date
    assert texts[0] == "2026-12-01" and texts[-1] == points[-1][0]  # the span is always readable
    assert len(texts) == len(set(texts))


def test_one_point_chart_prints_its_date_once() -> None:
    svg = rating_chart([("goal", [("2026-12-01", 3)])])
    assert svg.count(">2026-12-01</text>") == 1 and "012026" not in svg


def test_two_goals_on_the_same_days_share_the_labels() -> None:
    same = [("2026-12-01", 2), ("2026-12-02", 3)]
    labels = x_labels(rating_chart([("a", same), ("b", same)]))
    assert_readable(labels)


def test_spaced_keeps_the_first_of_two_at_one_spot_and_stays_inside() -> None:
    assert spaced([(10.0, "2026-12-01"), (10.0, "2026-12-02")], 0, 100) == [(35.0, "2026-12-01")]
    assert spaced([], 0, 100) == []


@pytest.mark.parametrize(("month", "name"), [("2026-12", "Dec 2026"), ("2001-01", "Jan 2001")])
def test_month_names_carry_the_whole_year(month: str, name: str) -> None:
    assert month_name(month) == name


def test_a_single_day_sits_under_its_label_in_the_middle() -> None:
    svg = rating_chart([("goal", [("2026-12-01", 3)])])
    [(label_x, _)] = x_labels(svg)
    circle = ET.fromstring(svg).find(f"{SVG}circle")
    assert circle is not None and float(circle.get("cx", 0)) == pytest.approx(label_x, abs=0.1)


def test_one_month_is_a_column_not_a_wall() -> None:
    bar = ET.fromstring(month_chart({"2026-12": 2.0})).find(f"{SVG}rect")
    assert bar is not None and float(bar.get("width", 0)) <= WIDTH / 8
