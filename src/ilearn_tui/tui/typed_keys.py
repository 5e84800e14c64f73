"""Keys take effect in the order they were typed, each once the one before it has done its work.

Textual sends a key to the widget that has focus when the key reaches the app. A key that
means an action there (tab, n, escape) then travels up from that widget to the app, through
one message queue per widget, before its action moves focus or opens a screen. A key typed
meanwhile is sent by the old focus: on a busy machine the words typed 0.2 s after a Tab went
into the field the Tab was leaving, and letters typed just after ``n`` reached the list behind
the form that ``n`` was opening.

So a key that may do more than type waits for its trip to end before the next key is sent:
a marker follows it through each queue it can be in, widget by widget up to the app, and then
through the queue of any screen it opened, which composes and takes its focus before the marker
comes round. Letters typed into a text field only type, so they go straight on when nothing is
waiting: a burst of typing costs nothing extra.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.widgets import TextArea

# A marker is lost only if the widget it waits in ends with an error; after this long the next
# key goes anyway rather than never. Long enough for a slow screen to compose on a big journal.
STUCK_SECONDS = 5.0

# What the terminal sends as typing: a paste goes in line with the keys around it.
Typed = events.Key | events.Paste


class TypedKeys:
    """The app's typed keys, sent one at a time; ``route`` is Textual's own handling of one key."""

    def __init__(self, app: App[Any], route: Callable[[Typed], Awaitable[None]]) -> None:
        self._app = app
        self._route = route
        self._waiting: deque[Typed] = deque()
        self._busy = False
        self._trip = 0  # which key's trip is under way, so a late marker cannot end the next one
        self._stuck: Timer | None = None
        self._screen: Screen[object] | None = None  # the screen on top when the key was sent
        self._typed_into: Widget | None = None  # a field sent letters since the last trip

    async def arrived(self, key: Typed) -> None:
        self._waiting.append(key)
        if not self._busy:
            await self._send()

    async def _send(self) -> None:
        while self._waiting and not self._busy:
            key = self._waiting[0]
            screen = self._screen = self._app.screen
            focused = screen.focused
            if _only_types(key, focused):
                self._waiting.popleft()
                self._typed_into = focused
                await self._route(key)
                continue
            if self._typed_into is not None:
                # The letters are still in their field's queue: they go in before an action
                # (ctrl+s, a Tab) reads the field or moves away from it.
                field, self._typed_into = self._typed_into, None
                self._start([field])
                return
            self._waiting.popleft()
            await self._route(key)
            self._start(list((focused or screen).ancestors_with_self))

    def _start(self, queues: list[MessagePump]) -> None:
        self._busy = True
        self._trip += 1
        self._stuck = self._app.set_timer(STUCK_SECONDS, lambda trip=self._trip: self._done(trip))
        self._follow(self._trip, queues)

    def _follow(self, trip: int, queues: list[MessagePump]) -> None:
        """Wait in each queue in turn; the last (the app's) finds out whether a screen changed."""
        while queues:
            queue, rest = queues[0], queues[1:]
            if rest:
                if queue.call_later(self._follow, trip, rest):
                    return
            elif queue.call_later(self._arrived_at_app, trip):
                return
            queues = rest  # closed: the key cannot be waiting there
        self._done(trip)

    def _arrived_at_app(self, trip: int) -> None:
        screen = self._app.screen
        if trip == self._trip and screen is not self._screen:
            # A screen opened, closed or was switched to: once its own queue has come round it
            # has composed and taken focus, and any focus it asked for on mount is queued here.
            self._screen = screen
            self._follow(trip, [screen, self._app])
            return
        self._done(trip)

    def _done(self, trip: int) -> None:
        if trip != self._trip or not self._busy:
            return
        self._busy = False
        if self._stuck is not None:
            self._stuck.stop()
            self._stuck = None
        self._app.call_later(self._send)


def _only_types(key: Typed, focused: Widget | None) -> bool:
    """Whether ``key`` can do nothing but insert text in the focused text field."""
    if isinstance(key, events.Key) and not key.is_printable:
        return False
    return takes_text(focused)


def takes_text(focused: Widget | None) -> bool:
    """Whether the focused widget takes typed letters as text.

    The text area's module (with its document and syntax machinery) is looked up rather than
    imported: until a screen with a text area has been built, nothing focused can be one, and
    the first frame does not pay for loading it.
    """
    if isinstance(focused, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")
    if text_area is None or not isinstance(focused, text_area.TextArea):
        return False
    return not cast("TextArea", focused).read_only
