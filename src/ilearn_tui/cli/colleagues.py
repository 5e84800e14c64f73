"""``ilearn reply``, and the colleagues' items ``ilearn group show`` lists.

What colleagues published is read-only here: the teacher answers it, cites it, or finds it.
"""

from __future__ import annotations

import argparse
import sys

from ilearn_tui.cli.common import journal_for
from ilearn_tui.cli.output import out, saved
from ilearn_tui.domain.text import plural
from ilearn_tui.errors import UsageError
from ilearn_tui.store.journal import Journal
from ilearn_tui.textsafe import one_line

MAX_STDIN_BYTES = 1_048_576
SHOWN = 20  # the newest items ``group show`` lists


def run_reply(args: argparse.Namespace) -> int:
    from ilearn_tui.services.publishing import reply
    from ilearn_tui.settings import load_settings

    text = _text(args.text)
    with journal_for(args) as journal:
        names = load_settings(journal.locations).names_to_redact(shareable=True)
        reply_id, item = reply(journal, args.item, text, names)
        saved(
            "reply",
            f"to {one_line(item.author_name, 60)}: {one_line(item.item.title, 60)}",
            reply_id,
            "sent at the next 'ilearn sync'",
        )
    return 0


def _text(given: str) -> str:
    if given != "-":
        return given
    data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise UsageError("the reply on stdin is larger than 1 MiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("the reply on stdin is not UTF-8 text") from None


def list_from_colleagues(journal: Journal, group_id: str) -> None:
    """The newest items colleagues published to one group, with the ids ``reply`` takes."""
    from ilearn_tui.store import colleagues

    total = colleagues.count(journal, group_id)
    out(f"From colleagues: {plural(total, 'item')}" + (f" (the newest {SHOWN})" if total > SHOWN else ""))
    for found in colleagues.list_items(journal, group_id, limit=SHOWN):
        item = found.item
        what = "reply" if item.kind == "reply" else item.kind
        out(
            f"  {item.id[:8]}  {item.published_at[:10]}  {one_line(found.author_name, 24):<24} "
            f"{what:<10} {one_line(item.title, 50)}"
        )
