"""What the app checks as it opens: a welcome to show first, or unsaved writing to offer back.

Kept apart from the screens themselves, which load Textual's form widgets and their styles:
most starts show neither, and they then cost the first frame nothing.
"""

from __future__ import annotations

from ilearn_tui.store.drafts import list_drafts
from ilearn_tui.store.journal import Journal
from ilearn_tui.tui.shell import Shell


def welcome_due(journal: Journal, *, demo: bool) -> bool:
    """Whether the app opens on the welcome: a journal not yet introduced, with no writing to
    offer back (that comes first; the welcome waits for the next start)."""
    if demo or journal.get_meta("onboarded"):
        return False
    try:
        return not list_drafts(journal)
    except Exception:  # the dashboard's check sets unreadable drafts aside and says so
        return False


def offer_drafts(app: Shell) -> None:
    """Unsaved writing from last time, offered back over the dashboard."""
    try:
        drafts = list_drafts(app.journal)
        if drafts:
            from ilearn_tui.tui.screens.startup import DraftsScreen

            app.push_screen(DraftsScreen(drafts))
    except Exception as exc:  # a draft that cannot be shown must never stop the app from opening
        _set_aside_drafts(app, exc)


def _set_aside_drafts(app: Shell, error: Exception) -> None:
    """Move unreadable drafts to the trash, where they stay recoverable, and say so."""
    from ilearn_tui.store.drafts import draft_ids
    from ilearn_tui.store.trash import move_to_trash

    try:
        for draft_id in draft_ids(app.journal):
            move_to_trash(app.journal, "drafts", draft_id, "draft", "unreadable draft")
    except Exception:
        return
    app.notify(
        f"Unsaved text from last time could not be shown ({error}); it is in the trash.",
        severity="warning",
        timeout=10,
    )
