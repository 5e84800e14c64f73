"""A sample journal of a fictional teacher, for ``ilearn demo`` and for trying the app safely.

Her content is data (``teacher.toml``, readable and editable without Python); ``build``
places it on real days and writes it through the store's bulk path.
"""

from ilearn_tui.demo.build import build_demo, demo_renewal

__all__ = ["build_demo", "demo_renewal"]
