"""The parsers of the commands that track growth and evaluation: progress checks, hours,
renewal, the framework's coverage and what was submitted (one function per command)."""

from __future__ import annotations

from ilearn_tui.cli.parser_parts import Parser, Subs, finite, sub, whole


def framework_parser(subs: Subs) -> None:
    p = sub(subs, "framework", "the evaluation framework: coverage of its components, or 'set NAME'")
    p.add_argument("--cycle", metavar="C", help="only this cycle (e.g. 2025-26)")
    p.add_argument("--json", action="store_true", help="print JSON")
    fw_subs = p.add_subparsers(dest="framework_command", metavar="ACTION", parser_class=Parser)
    f = sub(fw_subs, "set", "choose the framework your evidence is tagged with")
    f.add_argument("name", metavar="danielson|marzano|ma|none")


def submissions_parser(subs: Subs) -> None:
    p = sub(subs, "submissions", "list the documents you submitted (date, kind, size, SHA-256)")
    p.add_argument("--check", action="store_true", help="check each kept copy against its SHA-256")


def hours_parser(subs: Subs) -> None:
    p = sub(subs, "hours", "hours and credits: totals, by type, topic, goal and month")
    p.add_argument("--cycle", metavar="C", help="a cycle (default: the current one; 'all': every cycle)")
    p.add_argument("--json", action="store_true", help="print JSON")


def check_parser(subs: Subs) -> None:
    from ilearn_tui.cli.values import amount

    p = sub(subs, "check", "record a progress check on a goal (a 1-5 self-rating or a measured value)")
    p.add_argument("goal", metavar="GOAL")
    p.add_argument(
        "--indicator",
        required=True,
        metavar="KIND",
        help="student-achievement, instructional-practice, student-engagement, 21st-century-skills or other",
    )
    p.add_argument("--rating", type=whole(1, 5), metavar="N", help="1 (just starting) to 5 (fully there)")
    p.add_argument(
        "--value",
        type=amount("--value", "a measured value", "72"),
        metavar="X",
        help="a measured value, e.g. 72 (%% on a quiz)",
    )
    p.add_argument("--date", metavar="DATE")
    p.add_argument("--note", default="", metavar="T")


def renewal_parser(subs: Subs) -> None:
    from ilearn_tui.domain.renewal import MAX_YEARS, PRESETS  # heavy; only this parser needs them

    p = sub(subs, "renewal", "licence-renewal progress, and the requirement it is measured against")
    p.add_argument("--json", action="store_true", help="print progress as JSON")
    ren_subs = p.add_subparsers(dest="renewal_command", metavar="ACTION", parser_class=Parser)
    r = sub(ren_subs, "show", "progress toward renewal (the default action)")
    r.add_argument("--json", action="store_true")
    sub(ren_subs, "presets", "list the built-in requirements")
    r = sub(
        ren_subs, "set", "choose a state's preset (ilearn renewal presets) or define a custom requirement"
    )
    r.add_argument("preset", metavar="PRESET", help=f"{', '.join(PRESETS)} or custom")
    r.add_argument("--start", required=True, metavar="DATE", help="when the current licence period began")
    r.add_argument("--units", default="hours", help="custom: what is counted (hours, PDPs, points…)")
    r.add_argument("--amount", type=finite, help="custom: how many units are required")
    r.add_argument(
        "--years",
        type=whole(1, MAX_YEARS),
        help=f"custom: the length of the period in years (1 to {MAX_YEARS})",
    )
    r.add_argument(
        "--minimum",
        action="append",
        default=[],
        metavar="TOPIC=N",
        help="custom: a minimum for one topic (repeatable)",
    )
    r.add_argument(
        "--topic-minimum",
        type=finite,
        default=0.0,
        metavar="N",
        help="custom: a topic counts only from N units",
    )
    r.add_argument("--hour-rate", type=finite, metavar="N", help="units per clock hour (default 1)")
    r.add_argument(
        "--semester-credit-rate",
        type=finite,
        metavar="N",
        help="units per university semester credit (default: the preset's, else 15)",
    )
    r.add_argument(
        "--extra-licences",
        type=whole(0, 20),
        default=0,
        metavar="N",
        help="additional licences held, where the rule asks more for each (MA: +30 PDPs)",
    )
