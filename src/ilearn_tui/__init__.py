"""ilearn: a teacher's professional learning journal, portfolio and plan, in the terminal."""

__version__ = "0.1.0"
