"""Entry point for the ``ilearn`` console script and ``python -m ilearn_tui``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line; kept tiny so that start-up imports only what a command needs."""
    from ilearn_tui.cli.main import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
