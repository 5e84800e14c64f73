"""Kept for the modules that still import the school-year rule from here; see ``domain.text``."""

from __future__ import annotations

from ilearn_tui.domain.text import school_year_bounds

__all__ = ["school_year_bounds"]
