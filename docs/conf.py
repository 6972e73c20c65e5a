"""Sphinx configuration of the diplomacy_events documentation.

Build the pages with ``sphinx-build -W --keep-going -b html docs docs/_build/html`` and run
every example in them with ``sphinx-build -W --keep-going -b doctest docs docs/_build/doctest``.
"""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))

import _inventories  # noqa: E402 - the module beside this file, found through sys.path

# -- Project -----------------------------------------------------------------------------------

project = "diplomacy_events"
author = "The diplomacy_events developers"
copyright = "2025, The diplomacy_events developers"  # noqa: A001 - Sphinx's name for it
release = _version("diplomacy-events")
version = ".".join(release.split(".")[:2])

# -- Extensions --------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
root_doc = "index"

# MyST: ::: fences for admonitions, definition lists, and anchors for headings down to level 3.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Every cross-reference must resolve: a link that goes nowhere is a build error (with -W).
nitpicky = True

# -- autodoc -----------------------------------------------------------------------------------

autodoc_typehints = "description"
autodoc_member_order = "bysource"
autodoc_class_signature = "separated"
autodoc_preserve_defaults = True

# -- doctest -----------------------------------------------------------------------------------

# Every ```{doctest} block of the pages runs in the doctest build, and its shown output is
# compared.  The ">>>" examples inside docstrings are run by pytest (--doctest-modules), so
# the doctest builder does not run them a second time.
doctest_test_doctest_blocks = ""
doctest_global_setup = """
import datetime
from pathlib import Path

import diplomacy_events as de

REPO = Path(de.__file__).resolve().parents[1]
SEED = REPO / "seeds" / "seed-istanbul-consultations.txt"
"""

# -- intersphinx, offline ----------------------------------------------------------------------

# Neither CI nor a developer's machine can reach docs.python.org, www.attrs.org,
# dateutil.readthedocs.io or catt.rs, and a failed inventory download is a warning, which
# -W turns into a failed build.  So no inventory is ever downloaded: each mapping below names
# a local inventory file as its second element, and Sphinx reads that file instead of
# fetching ``objects.inv`` from the site.  The files are written at every build by
# ``_inventories.py`` (beside this file) from a short, reviewable table of the targets these
# pages link to, each with its exact address on the site; the links in the built pages still
# point at the real sites.  A link to a target missing from the table fails the build
# (nitpicky), and the fix is one line in that table.
intersphinx_mapping = {
    name: (inventory.base, str(path))
    for name, inventory, path in _inventories.write_all(_HERE / "_build" / "_inventories")
}
intersphinx_timeout = 1

# -- HTML --------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"diplomacy_events {release}"
html_static_path: list[str] = []


def _drop_module_docstrings(
    app: Any, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Leave module docstrings out of the reference sections.

    Each concept page explains its module in prose with examples that run; the module's own
    docstring (with its own examples, run by pytest) would repeat that just above the classes.
    """
    if what == "module":
        lines.clear()


def setup(app: Any) -> dict[str, Any]:
    """Connect the docstring filter."""
    app.connect("autodoc-process-docstring", _drop_module_docstrings)
    return {"parallel_read_safe": True}
