"""Where the import time of a command goes, beyond what a bare ``python -c pass`` imports."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
from typing import Any

_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")


def parse_importtime(stderr: str) -> list[tuple[str, int, int, str | None]]:
    """(module, self µs, cumulative µs, parent module) for each line of ``-X importtime``."""
    lines = []
    for line in stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match:
            own, cum, indent, name = match.groups()
            lines.append((name, int(own), int(cum), (len(indent) - 1) // 2))
    # Lines come children first; walking backwards, a line's parent is the nearest shallower one.
    parents: dict[int, str | None] = {}
    stack: list[tuple[int, str]] = []
    for index in range(len(lines) - 1, -1, -1):
        name, _, _, depth = lines[index]
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[index] = stack[-1][1] if stack else None
        stack.append((depth, name))
    return [(name, own, cum, parents[i]) for i, (name, own, cum, _) in enumerate(lines)]


def import_costs(argv: list[str], runs: int, env: dict[str, str]) -> dict[str, Any]:
    """Where ``argv``'s import time goes, beyond what a bare ``python -c pass`` imports.

    The time is split into units that add up to the whole: each ``ilearn_tui`` module counts
    its own (self) time, each other module that our code imports counts its whole subtree.
    """
    bare = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "pass"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    startup = {entry[0] for entry in parse_importtime(bare.stderr)}
    samples: dict[str, list[int]] = {}
    importer: dict[str, str] = {}
    totals: list[int] = []
    for attempt in range(runs + 1):  # the first run only warms the caches
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", *argv],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if attempt == 0:
            continue
        total = 0
        for name, own, cum, parent in parse_importtime(proc.stderr):
            if name in startup:
                continue
            ours = name == "ilearn_tui" or name.startswith("ilearn_tui.")
            parent_ours = parent is None or parent == "ilearn_tui" or parent.startswith("ilearn_tui.")
            if ours:
                cost = own
            elif parent_ours:
                cost = cum
            else:
                continue
            total += cost
            samples.setdefault(name, []).append(cost)
            importer[name] = "(ours)" if ours else (parent or "(at run time)")
        totals.append(total)
    ranked = sorted(((name, statistics.median(v)) for name, v in samples.items()), key=lambda item: -item[1])
    return {
        "argv": argv,
        "runs": runs,
        "total_ms": statistics.median(totals) / 1000,
        "top": [
            {"module": name, "imported_by": importer[name], "ms": cost / 1000} for name, cost in ranked[:15]
        ],
    }
