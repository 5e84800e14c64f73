"""Every key, in one place, in plain words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# ilearn keys

ilearn follows the five stages of **Professional iLearning**: *Imagine* a vision for your
students, *Inspire* a personal learning plan, *Illuminate* it with support, *Innovate* in
class, and *Infiltrate* (share) what you learnt. Reflections run through all of it.

## Anywhere (when you are not typing in a field)

| key | what it does |
|---|---|
| `1` … `5` | the five stages: Imagine, Inspire, Illuminate, Innovate, Infiltrate |
| `d` | dashboard: where you are and the next step |
| `j` | journal: your reflections |
| `/` | search everything |
| `n` | new item in the current view |
| `e` | export your portfolio |
| `?` | this help |
| `ctrl+p` | command palette: every action by name, themes too |
| `ctrl+q` | quit (everything is already saved) |
| `tab` / `shift+tab` | move between fields and lists |

## In lists

| key | what it does |
|---|---|
| `↑` `↓` `pgup` `pgdn` `home` `end` | move |
| `enter` | open or edit the selected item |
| `delete` | delete the selected item (asks first) |

## In editors and forms

| key | what it does |
|---|---|
| `ctrl+s` | save |
| `escape` | leave (asks first if there are unsaved changes) |
| `ctrl+t` | reflection editor: insert the stage's prompt |

Unsaved reflection text is kept as a draft every few seconds and offered back next time.
Press `escape` or `?` to close this help.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [("escape", "dismiss", "Close"), ("question_mark", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%; border: round $primary; background: $surface;
        padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)
