"""Every action of the app, declared once.

Screen and app ``BINDINGS``, the key bar (which draws the shown bindings), the ``?`` help
and the command palette are all generated from ``ACTIONS``, so a key cannot be added to a
screen without also reaching help, and a teacher's ``keymap`` setting can remap any of
them by id (``App.set_keymap``). This module imports no screen, so every screen may use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType

from ilearn_tui.domain.stages import Status
from ilearn_tui.domain.vocab import STAGES


@dataclass(frozen=True)
class Action:
    """One thing a teacher can do, with the key(s) that do it and where it applies."""

    id: str  # the binding id: stable, and the name a keymap uses
    keys: str  # default keys, comma separated; "" for a palette-only action
    action: str  # the Textual action string run on the area's screen (or the app)
    description: str  # the key bar's label
    area: str  # one of AREAS
    help: str  # what it does, in plain words (help screen, tooltip, palette help)
    palette: str | None = None  # the palette title, "area: What", or None if not offered
    show: bool = True  # drawn in the key bar
    priority: bool = False  # wins over a focused widget's own use of the key
    key_display: str | None = None
    builtin: bool = False  # bound by Textual itself: listed in help, never bound again here
    # Whether the key still does this while a text field has focus; None: decided by the key
    # (a key that types or moves the cursor there never reaches the action).
    in_text_field: bool | None = None

    def fires_in_text_field(self, key: str | None = None) -> bool:
        """True when ``key`` (default: the first of ``keys``) does this even while typing."""
        if self.in_text_field is not None:
            return self.in_text_field
        if self.priority:
            return True
        first = (key if key is not None else self.keys).split(",")[0].strip()
        return not (len(_SYMBOLS.get(first, first)) == 1 or first in _EDITING_KEYS)


# Help sections, in the order help shows them.
AREAS: dict[str, str] = {
    "global": "Anywhere (when you are not typing in a field)",
    "dashboard": "On the dashboard",
    "journal": "In the journal",
    "list": "In lists",
    "stage": "In a stage",
    "search": "In search",
    "editor": "In the reflection editor",
    "form": "In record forms",
    "links": "Choosing links",
    "renewal": "Choosing a renewal requirement",
    "export": "Exporting",
    "trash": "In the trash",
    "coverage": "In the framework coverage",
    "conflicts": "Resolving sync conflicts",
    "merge": "Editing both versions of a conflict",
    "groups": "In your groups (what colleagues published)",
    "reply": "Replying to a colleague",
    "dialog": "In dialogs",
    "help": "In this help",
    "recovery": "When the journal cannot be opened",
}

_STAGE_ACTIONS = tuple(
    Action(
        f"stage.{name.lower()}",
        str(n),
        f"stage({n})",
        name,
        "global",
        f"stage {n}: {name}",
        palette=f"stage: {name}",
        show=False,
    )
    for n, name in STAGES.items()
)

# "New …" for every kind of record, by name in the palette: the record's stage opens with its form.
_NEW_RECORD_ACTIONS = tuple(
    Action(
        f"new.{name}",
        "",
        f"new_record('{name}')",
        f"New {noun}",
        "global",
        f"add a {noun} (stage {stage}, {STAGES[stage]})",
        palette=f"new: {noun.capitalize()}",
    )
    for name, noun, stage in (
        ("goal", "goal", 2),
        ("question", "research question", 2),
        ("activity", "learning activity", 3),
        ("evidence", "evidence", 4),
        ("check", "progress check", 4),
        ("innovation", "innovation", 4),
        ("share", "share", 5),
        ("outcome", "student outcome", 1),
        ("interest", "interest or expertise", 2),
    )
)

ACTIONS: tuple[Action, ...] = (
    *_STAGE_ACTIONS,
    Action("help", "question_mark", "help", "Help", "global", "every key (this help)",
           palette="help: Keys", key_display="?"),
    Action("area.dashboard", "d", "area('dashboard')", "Dashboard", "global",
           "dashboard: where you are and the next step", palette="area: Dashboard"),
    Action("area.journal", "j", "area('journal')", "Journal", "global", "journal: your reflections",
           palette="area: Journal"),
    Action("area.search", "slash", "area('search')", "Search", "global", "search everything",
           palette="area: Search", key_display="/"),
    Action("export", "e", "export", "Export", "global",
           "export your portfolio (Markdown, HTML, PDF, JSON or a zip)",
           palette="export: Portfolio"),
    Action("quit", "ctrl+q", "quit", "Quit", "global", "quit (everything is already saved)", priority=True,
           palette="app: Quit"),
    # "S": ctrl+y is a text area's redo. Not in the key bar, which is full at 80 columns.
    Action("sync.now", "S", "sync_now", "Sync", "global",
           "sync with your other computers now (set up once with 'ilearn sync setup URL')",
           palette="sync: Sync now", show=False),
    Action("command_palette", "ctrl+p", "command_palette", "palette", "global",
           "command palette: every action by name, themes too", builtin=True),
    Action("focus.next", "tab", "focus_next", "Next", "global", "move to the next field or list",
           show=False, builtin=True),
    Action("focus.previous", "shift+tab", "focus_previous", "Previous", "global",
           "move to the previous field or list", show=False, builtin=True),
    # Offered in the palette only: no key of their own.
    Action("reflection.new", "", "new_reflection", "New reflection", "global", "write a reflection",
           palette="new: Reflection"),
    *_NEW_RECORD_ACTIONS,
    Action("export.markdown", "", "export_as('md')", "Export Markdown", "global",
           "export your portfolio as one Markdown file", palette="export: Markdown portfolio"),
    Action("export.html", "", "export_as('html')", "Export HTML", "global",
           "export your portfolio as a web page to show", palette="export: HTML showcase"),
    Action("export.folder", "", "export_as('folder')", "Export to a folder", "global",
           "export your portfolio to a folder, with copies of your evidence files",
           palette="export: To a folder (with evidence files)"),
    Action("cycle.next", "", "next_cycle", "Next cycle", "global",
           "start the next school year: your vision and open goals come along",
           palette="cycle: Start the next school year"),
    Action("renewal.choose", "", "renewal", "Renewal", "global",
           "choose the licence renewal requirement: MA, NY, TX, IL, VA presets or your own rule",
           palette="renewal: Choose requirement"),
    Action("trash.restore", "", "restore_last", "Restore", "global",
           "restore the last deleted item from the trash", palette="trash: Restore the last deleted item"),
    Action("trash.show", "", "trash", "Trash", "global",
           "see what was deleted: restore any of it, or empty the trash", palette="trash: Show the trash"),
    Action("coverage.show", "", "coverage", "Coverage", "global",
           "framework coverage: every component of your rubric and what evidences it",
           palette="framework: Coverage of the components"),
    Action("sync.conflicts", "", "conflicts", "Conflicts", "global",
           "what both computers changed: keep this one's, the other's, or an edit of both",
           palette="sync: Conflicts"),
    # "g" is not in the key bar, which is full at 80 columns; help and the palette list it.
    Action("groups.show", "g", "groups", "Groups", "global",
           "your groups: what colleagues published, newest first; reply or cite it",
           palette="groups: From colleagues", show=False),
    Action("theme.choose", "", "change_theme", "Theme", "global", "choose the colours of the app",
           palette="theme: Change theme"),
    Action("dashboard.new", "n", "new", "New reflection", "dashboard", "write a new reflection"),
    Action("journal.new", "n", "new", "New reflection", "journal", "write a new reflection"),
    Action("journal.delete", "delete", "delete", "Delete", "journal",
           "move the highlighted reflection to the trash (asks first)"),
    Action("journal.filter", "f", "focus_filters", "Filter", "journal",
           "filter by tag, stage, goal or dates"),
    Action("list.up", "up", "move(-1)", "Up", "list", "previous row", show=False),
    Action("list.down", "down", "move(1)", "Down", "list", "next row", show=False),
    Action("list.page_up", "pageup", "page(-1)", "Page up", "list", "a page up", show=False),
    Action("list.page_down", "pagedown", "page(1)", "Page down", "list", "a page down", show=False),
    Action("list.first", "home", "jump(0)", "First", "list", "the first row", show=False),
    Action("list.last", "end", "jump(-1)", "Last", "list", "the last row", show=False),
    Action("list.open", "enter", "open", "Open", "list", "open or edit the highlighted item"),
    Action("stage.new", "n", "new", "New", "stage", "add a record to the focused list"),
    Action("stage.vision", "v", "vision", "Vision", "stage", "write or revise your vision"),
    Action("stage.details", "i", "details", "Goal details", "stage",
           "the highlighted goal's ratings over time and linked work"),
    Action("stage.delete", "delete", "delete", "Delete", "stage",
           "delete the highlighted record (asks first)"),
    Action("stage.coverage", "c", "coverage", "Coverage", "stage",
           "in Innovate: which framework components your evidence covers"),
    Action("search.clear", "escape", "clear", "Clear / back", "search",
           "clear the search; on an empty search, go back to where you were"),
    Action("editor.save", "ctrl+s", "save", "Save", "editor", "save the reflection", priority=True),
    Action("editor.leave", "escape", "leave", "Leave", "editor",
           "leave (asks first if there are unsaved changes)"),
    Action("editor.prompt", "ctrl+t", "prompt", "Prompt", "editor", "insert the stage's reflection prompt"),
    Action("editor.links", "ctrl+l", "links", "Links", "editor",
           "link goals, questions, activities and evidence"),
    Action("form.save", "ctrl+s", "save", "Save", "form", "save the record", priority=True),
    Action("form.cancel", "escape", "cancel", "Cancel", "form",
           "leave (asks first if there are unsaved changes)"),
    Action("links.done", "ctrl+s", "done", "Keep links", "links", "keep the chosen links"),
    Action("links.cancel", "escape", "cancel", "Cancel", "links", "leave the links as they were"),
    Action("renewal.save", "ctrl+s", "save", "Save", "renewal", "save the requirement", priority=True),
    Action("renewal.cancel", "escape", "dismiss(False)", "Cancel", "renewal", "leave it unchanged"),
    Action("export.run", "ctrl+s", "export", "Export", "export", "export now", priority=True),
    Action("export.close", "escape", "dismiss", "Close", "export", "close without exporting"),
    Action("export.open", "ctrl+o", "open_folder", "Open folder", "export",
           "open the folder of the last export with the desktop's file manager", priority=True),
    Action("trash.restore_one", "r", "restore", "Restore", "trash", "restore the highlighted item"),
    Action("trash.empty", "ctrl+d", "empty", "Empty", "trash", "empty the trash for good (asks first)"),
    Action("trash.close", "escape", "close", "Close", "trash", "close the trash"),
    Action("coverage.close", "escape", "close", "Close", "coverage", "close the coverage view"),
    Action("conflicts.mine", "m", "keep_mine", "Keep mine", "conflicts", "keep this computer's version"),
    Action("conflicts.theirs", "t", "keep_theirs", "Keep theirs", "conflicts",
           "keep the other computer's version"),
    Action("conflicts.both", "b", "edit_both", "Edit both", "conflicts",
           "write one version from both texts, then save it with ctrl+s"),
    Action("conflicts.close", "escape", "dismiss", "Close", "conflicts", "close the conflicts"),
    Action("groups.reply", "r", "reply", "Reply", "groups",
           "reply to the highlighted item (sent to the group at the next sync)"),
    Action("groups.cite", "c", "cite", "Cite", "groups",
           "cite the highlighted item in a new reflection of yours"),
    Action("groups.sync", "S", "sync", "Sync", "groups",
           "sync now: your replies go out, colleagues' new items come in"),
    Action("groups.close", "escape", "close", "Close", "groups", "close your groups"),
    Action("reply.save", "ctrl+s", "save", "Save", "reply", "save the reply", priority=True),
    Action("reply.cancel", "escape", "dismiss(None)", "Cancel", "reply", "leave without replying"),
    Action("merge.save", "ctrl+s", "save", "Save", "merge", "keep the text as written", priority=True),
    Action("merge.cancel", "escape", "dismiss(None)", "Cancel", "merge", "leave the conflict as it was"),
    Action("syncquit.skip", "ctrl+c", "skip", "Skip", "dialog", "quit now without waiting for the sync",
           priority=True),
    Action("confirm.yes", "y", "dismiss(True)", "Yes", "dialog", "answer yes to the question"),
    Action("confirm.cancel", "escape", "dismiss(False)", "Cancel", "dialog", "answer no"),
    Action("detail.close", "escape", "dismiss", "Close", "dialog", "close the goal's details"),
    Action("onboarding.skip", "escape", "skip", "Skip", "dialog", "skip the welcome questions"),
    Action("drafts.later", "escape", "dismiss", "Later", "dialog", "decide about unsaved writing later"),
    Action("help.close", "escape", "dismiss", "Close", "help", "close this help"),
    Action("help.conflicts", "c", "conflicts", "Conflicts", "help",
           "the sync conflicts: what both computers changed (also 'sync: Conflicts' in the palette)"),
    Action("help.close_again", "question_mark", "dismiss", "Close", "help", "close this help",
           show=False, key_display="?"),
    Action("recovery.quit", "escape", "quit", "Quit", "recovery", "quit and leave the files as they are"),
)

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}


def bindings(area: str, prefix: str = "") -> list[BindingType]:
    """The ``BINDINGS`` of the screen or widget that serves ``area`` (ids starting ``prefix``)."""
    if area not in AREAS:
        raise ValueError(f"unknown area {area!r}")
    return [
        Binding(
            a.keys,
            a.action,
            a.description,
            show=a.show,
            key_display=a.key_display,
            priority=a.priority,
            tooltip=a.help[:1].upper() + a.help[1:],
            id=a.id,
        )
        for a in ACTIONS
        if a.area == area and a.id.startswith(prefix) and a.keys and not a.builtin
    ]


def key_bar(live: Iterable[tuple[Binding, bool]], typing: bool) -> list[tuple[Binding, bool]]:
    """What the key bar offers: each shown binding a key press here would run, once per action.

    ``live`` is every binding that fires where focus is, with whether it is enabled now (a
    dialog's own keys stop at the dialog: the global keys behind it do not fire there). While a
    text field has focus, a key that would type there is left out.
    """
    shown: list[tuple[Binding, bool]] = []
    seen: set[str] = set()
    for binding, enabled in live:
        if not binding.show or binding.action in seen:
            continue
        action = BY_ID.get(binding.id or "")
        if typing and action is not None and not action.fires_in_text_field(binding.key):
            continue
        seen.add(binding.action)
        shown.append((binding, enabled))
    return shown


def palette_actions() -> list[Action]:
    """The actions the command palette offers, in table order."""
    return [a for a in ACTIONS if a.palette]


def _places(action: Action) -> set[str]:
    """Where the action's keys are live: global ones everywhere, the reflection list in the journal."""
    if action.area == "global":
        return {"*"}
    if action.area == "list":
        return {"journal"}
    if action.area == "dialog":
        return {action.id.split(".")[0]}  # each dialog is its own screen
    return {action.area}


def _keys(text: str) -> set[str]:
    return {_SYMBOLS.get(k.strip(), k.strip()) for k in text.split(",") if k.strip()}


def check_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Split a user keymap into the usable entries and one line per entry that is not.

    An entry is left out when its id has no key to remap, it gives no key, or it gives a key
    that another action already uses where both are live (Textual would take the key from the
    other action without a word).
    """
    wanted: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        action = BY_ID.get(binding_id)
        cleaned = ",".join(k.strip() for k in keys.split(",") if k.strip())
        if action is None or not action.keys or action.builtin:
            problems.append(f"{binding_id!r} is not an action that has a key")
        elif not cleaned:
            problems.append(f"{binding_id!r} has no key")
        else:
            wanted[binding_id] = cleaned
    good: dict[str, str] = {}
    for binding_id, keys in wanted.items():
        action = BY_ID[binding_id]
        taken_by = [
            other.id
            for other in ACTIONS
            if other.id != binding_id
            and other.keys
            and ({"*"} & (_places(action) | _places(other)) or _places(action) & _places(other))
            and _keys(keys) & _keys(wanted.get(other.id, other.keys))
        ]
        if taken_by and _keys(keys) != _keys(action.keys):
            problems.append(f"{binding_id!r}: {keys} is already the key of {', '.join(taken_by)}")
        else:
            good[binding_id] = keys
    return good, problems


_SYMBOLS = {"question_mark": "?", "slash": "/"}
# Keys a text field keeps for itself: they edit the text or move its cursor.
_EDITING_KEYS = {
    "space", "enter", "delete", "backspace", "home", "end",
    "left", "right", "up", "down", "pageup", "pagedown",
}


def keys_of(action: Action, keymap: Mapping[str, str]) -> list[str]:
    """The keys that do ``action`` now, the teacher's keymap applied, as a teacher types them."""
    keys = keymap.get(action.id, action.keys)
    return [_SYMBOLS.get(k.strip(), k.strip()) for k in keys.split(",") if k.strip()]


def reminder(ids: list[str], keymap: Mapping[str, str]) -> str:
    """A one-line reminder of some keys, e.g. ``ctrl+s save · escape leave``."""
    return " · ".join(f"{'/'.join(keys_of(BY_ID[i], keymap))} {BY_ID[i].description.lower()}" for i in ids)


def help_markdown(keymap: Mapping[str, str]) -> str:
    """The ``?`` help: every keyed action by area, then what the palette offers."""
    out = [
        "# ilearn keys",
        "",
        "ilearn follows the five stages of **Professional iLearning**: *Imagine* a vision for your",
        "students, *Inspire* a personal learning plan, *Illuminate* it with support, *Innovate* in",
        "class, and *Infiltrate* (share) what you learnt. Reflections run through all of it.",
        "",
        "**The top line** names the school year on screen (*no cycle* until one is started: the",
        "welcome or your first record starts it), then the five stages, each "
        + ", ".join(f"{status.symbol} {status.value}" for status in Status)
        + "; ▸ marks the stage to work on next.",
    ]
    for area, title in AREAS.items():
        rows = [
            f"| {' / '.join(f'`{k}`' for k in keys_of(a, keymap))} | {a.help} |"
            for a in ACTIONS
            if a.area == area and a.keys and a.id != "help.close_again"
        ]
        if rows:
            out += ["", f"## {title}", "", "| key | what it does |", "|---|---|", *rows]
    out += ["", "## In the command palette (`ctrl+p`)", "", "| command | what it does |", "|---|---|"]
    out += [f"| {a.palette} | {a.help} |" for a in palette_actions()]
    out += [
        "",
        "Unsaved reflection text is kept as a draft every few seconds and offered back next time.",
        "Keys can be changed with `keymap` in settings.json. Press `escape` or `?` to close this help.",
    ]
    return "\n".join(out) + "\n"
