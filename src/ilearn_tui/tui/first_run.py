"""What the app checks as it opens: unsaved writing to offer back, or a welcome to show.

Kept apart from the dialogs themselves, which load Textual's form widgets and their styles:
most starts show neither, and they then cost the first frame nothing.
"""

from __future__ import annotations

from ilearn_tui.store.drafts import list_drafts
from ilearn_tui.tui.shell import Shell


def first_run_checks(app: Shell) -> None:
    try:
        drafts = list_drafts(app.journal)
        if drafts:
            from ilearn_tui.tui.screens.startup import DraftsScreen

            app.push_screen(DraftsScreen(drafts))
            return
    except Exception as exc:  # a draft that cannot be shown must never stop the app from opening
        _set_aside_drafts(app, exc)
        return
    if not app.demo and not app.journal.get_meta("onboarded"):
        from ilearn_tui.tui.screens.startup import OnboardingScreen

        app.push_screen(OnboardingScreen())


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
