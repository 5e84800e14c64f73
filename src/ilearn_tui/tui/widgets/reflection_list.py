"""A list of reflections that draws only the rows on screen.

It asks the store for one page of rows at a time, so 50,000 reflections cost the same as
fifty: no widget per entry, no full load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ilearn_tui.domain.records import Reflection
from ilearn_tui.textsafe import one_line
from ilearn_tui.tui import actions

PAGE = 200

# (offset, limit, total): the total lets the store read a far page from the nearer end.
Fetch = Callable[[int, int, int], list[Reflection]]


class ReflectionList(ScrollView, can_focus=True):
    """Rows of ``date  title  #tags``; enter opens the highlighted one."""

    BINDINGS = actions.bindings("list")
    DEFAULT_CSS = """
    ReflectionList { height: 1fr; }
    ReflectionList > .reflection-list--date { color: $text-muted; }
    ReflectionList > .reflection-list--tags { color: $secondary; }
    ReflectionList > .reflection-list--cursor { background: $primary 40%; text-style: bold; }
    """
    COMPONENT_CLASSES = {"reflection-list--date", "reflection-list--tags", "reflection-list--cursor"}

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Opened(Message):
        reflection_id: str

    def __init__(self, fetch: Fetch, count: Callable[[], int], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._fetch = fetch
        self._count_rows = count
        self._pages: dict[int, list[Reflection]] = {}
        self.total = 0

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Forget cached pages and re-count (after a write or a new filter)."""
        self._pages.clear()
        self.total = self._count_rows()
        self.virtual_size = Size(self.size.width, self.total)
        self.cursor = min(self.cursor, max(0, self.total - 1))
        self.refresh()

    def row(self, index: int) -> Reflection | None:
        if not 0 <= index < self.total:
            return None
        page = index // PAGE
        if page not in self._pages:
            self._pages[page] = self._fetch(page * PAGE, PAGE, self.total)
            if len(self._pages) > 20:  # keep memory flat however far the teacher scrolls
                self._pages.pop(next(iter(self._pages)))
        rows = self._pages[page]
        offset = index - page * PAGE
        return rows[offset] if offset < len(rows) else None

    @property
    def highlighted(self) -> Reflection | None:
        return self.row(self.cursor)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        reflection = self.row(index)
        if reflection is None:
            return Strip.blank(width, self.rich_style)
        base = self.rich_style
        if index == self.cursor and self.has_focus:
            base = base + self.get_component_rich_style("reflection-list--cursor")
        elif index == self.cursor:
            base = base + Style(reverse=True)
        date_style = base + self.get_component_rich_style("reflection-list--date", partial=True)
        tag_style = base + self.get_component_rich_style("reflection-list--tags", partial=True)
        marker = "▶ " if index == self.cursor else "  "
        tags = " ".join(f"#{t}" for t in reflection.tags[:4])
        title = one_line(reflection.title or reflection.body, 200)
        stage = f" [{reflection.stage}]" if reflection.stage else ""
        room = max(8, width - 14 - len(tags) - len(stage) - 2)
        segments = [
            Segment(marker, base),
            Segment(f"{reflection.date}  ", date_style),
            Segment(f"{title[:room]:<{room}}", base),
            Segment(stage, date_style),
            Segment(f" {tags}" if tags else "", tag_style),
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False)
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        if self.total:
            self.cursor = self.total - 1 if where < 0 else 0

    def action_open(self) -> None:
        reflection = self.highlighted
        if reflection is not None:
            self.post_message(self.Opened(reflection.id))

    def on_click(self, event: object) -> None:
        y = getattr(event, "y", None)
        if isinstance(y, int):
            self.cursor = min(max(0, self.total - 1), self.scroll_offset.y + y)
            if getattr(event, "chain", 1) >= 2:
                self.action_open()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
