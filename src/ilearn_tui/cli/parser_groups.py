"""The parsers of the commands for learning with colleagues: groups, publishing, the profile
colleagues see (one function per command)."""

from __future__ import annotations

from ilearn_tui.cli.parser_parts import Parser, Subs, goal_ref, sub

_GROUP_REF = "the group's id, or an unambiguous start of its name"
_KINDS = "plc, cohort, book-study or team (any unambiguous start; default plc)"


def group_parser(subs: Subs) -> None:
    p = sub(
        subs,
        "group",
        "your groups (PLC, cohort, book study, team): add, list, set up, show, delete",
        "Your groups: a PLC, a cohort, a book study, a team. A group's shared repository (a folder "
        "on a shared drive or USB stick, file://, ssh:// or https://) is where members publish; "
        "each member writes only her own folder of it. See docs/GROUPS.md.",
    )
    group_subs = p.add_subparsers(dest="group_command", metavar="ACTION", parser_class=Parser)
    g = sub(group_subs, "add", "add a group, with its members")
    g.add_argument("name", metavar="NAME")
    g.add_argument("--kind", metavar="KIND", help=_KINDS)
    g.add_argument(
        "--member", action="append", default=[], metavar="NAME", help="a member's name (repeatable)"
    )
    g = sub(group_subs, "list", "every group: name, kind, members, its repository or 'not set up'")
    g.add_argument("--json", action="store_true", help="print JSON")
    g = sub(group_subs, "setup", "name the group's shared repository (an empty folder becomes one)")
    g.add_argument("group", metavar="GROUP", help=_GROUP_REF)
    g.add_argument("url", metavar="URL", help="a folder, file://, ssh:// or http(s):// URL")
    g = sub(group_subs, "show", "one group: its members, its repository and what you published there")
    g.add_argument("group", metavar="GROUP", help=_GROUP_REF)
    g = sub(group_subs, "delete", "move a group, its members and what you published there to the trash")
    g.add_argument("group", metavar="GROUP", help=_GROUP_REF)


def publish_parser(subs: Subs) -> None:
    p = sub(
        subs,
        "publish",
        "publish a redacted copy of a record to a group (and record the share)",
        "Publish a copy of a reflection, goal, research question, activity, innovation, progress "
        "check, evidence record or share to a group, with your redaction list applied. It reaches "
        "the group's repository at the next 'ilearn sync'. Private reflections and evidence with "
        "student information are refused. Publishing the same record again replaces the copy.",
    )
    p.add_argument("record", metavar="ID", help="a record's id, or its first characters (at least 4)")
    p.add_argument("--to", required=True, metavar="GROUP", help=_GROUP_REF)


def unpublish_parser(subs: Subs) -> None:
    p = sub(subs, "unpublish", "withdraw a publication (to the trash; the share it recorded stays)")
    p.add_argument("record", metavar="ID", help="the publication's id, or the published record's id")
    p.add_argument("--from", dest="group", metavar="GROUP", help="the group, when it went to several")


def profile_parser(subs: Subs) -> None:
    p = sub(
        subs,
        "profile",
        "your name, role and school (your name is shown on what you publish)",
        "With no option, print your profile; each option sets one part of it (an empty value clears it).",
    )
    p.add_argument("--name", metavar="NAME", help="your name, e.g. 'Sam Rivera'")
    p.add_argument("--role", metavar="ROLE", help="e.g. 'Grade 7 science teacher'")
    p.add_argument("--school", metavar="SCHOOL")


def share_parser(subs: Subs) -> None:
    from ilearn_tui.domain.text import DATE_FORMS

    p = sub(subs, "share", "record a share (stage 5): what you shared, where, with whom")
    share_subs = p.add_subparsers(dest="share_command", metavar="ACTION", parser_class=Parser)
    s = sub(share_subs, "add", "record something you shared (a talk, a post, a PLC meeting)")
    s.add_argument("title", metavar="TITLE")
    s.add_argument(
        "--audience",
        default="local",
        metavar="local|global",
        help="colleagues near you (the default) or the wider world",
    )
    s.add_argument("--venue", default="", metavar="WHERE", help="PLC, showcase, blog, conference…")
    s.add_argument("--date", metavar="DATE", help=DATE_FORMS)
    s.add_argument("--link", default="", metavar="URL", help="a web address (https://…)")
    s.add_argument("--notes", default="", metavar="TEXT")
    s.add_argument("--goal", metavar="GOAL", type=goal_ref, help="a goal it shares (id or title prefix)")
    s.add_argument("--group", metavar="GROUP", help=_GROUP_REF)


def reply_parser(subs: Subs) -> None:
    p = sub(
        subs,
        "reply",
        "answer a colleague's published item (it goes to the group at the next 'ilearn sync')",
        "Answer an item a colleague published to one of your groups: 'ilearn group show GROUP' and "
        "'ilearn search' give their ids. Your redaction list is applied to what you write.",
    )
    p.add_argument("item", metavar="ID", help="the colleague's item's id, or its first characters")
    p.add_argument("text", metavar="TEXT", help="your reply (Markdown); '-' reads it from stdin")
