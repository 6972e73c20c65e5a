"""Sphinx configuration of the diplomacy_events documentation.

Build the pages with ``sphinx-build -W --keep-going -b html docs docs/_build/html`` and run
every example in them with ``sphinx-build -W --keep-going -b doctest docs docs/_build/doctest``.
"""

from __future__ import annotations

import doctest
import sys
from importlib.metadata import version as _version
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE))
sys.path.insert(0, str(_HERE / "_ext"))

import _inventories  # noqa: E402 - the module beside this file, found through sys.path

# -- Project -----------------------------------------------------------------------------------

project = "diplomacy_events"
author = "The diplomacy_events developers"
copyright = "2025, The diplomacy_events developers"
release = _version("diplomacy-events")
version = ".".join(release.split(".")[:2])

# -- Extensions --------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.intersphinx",
    "sphinx.ext.viewcode",
    "clihelp",  # docs/_ext/clihelp.py: the command line's --help texts, run at build time
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
# Names in the reference are short ("Meeting", not "diplomacy_events.model.Meeting"): each
# reference section sits on the page of its module.
add_module_names = False
# Fields of the attrs classes are listed even where they have no docstring of their own, and
# a module's public names come in the order of its source (the order a reader meets them in),
# not the alphabetical order of its __all__.
autodoc_default_options = {"undoc-members": True, "ignore-module-all": True}

# Targets no documentation can link to.  Type variables of generic signatures have no page;
# the ``regex`` package publishes no Sphinx inventory.
nitpick_ignore = [
    ("py:class", "diplomacy_events.base.D"),
    ("py:class", "diplomacy_events.serialize.T"),
    ("py:class", "diplomacy_events.exceptions._E"),
    ("py:class", "diplomacy_events.exceptions._T"),
    ("py:class", "_regex.Pattern"),
    ("py:class", "_regex.Match"),
    # Hypothesis's documentation is being reorganised; its strategy type is left unlinked
    # rather than linked to an address that may not last.
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "st.SearchStrategy"),
]

# -- doctest -----------------------------------------------------------------------------------

# Every ```{doctest} block of the pages runs in the doctest build, and its shown output is
# compared.  The ">>>" examples inside docstrings are run by pytest (--doctest-modules), so
# the doctest builder does not run them a second time.
doctest_test_doctest_blocks = ""
# ELLIPSIS lets an example show "..." for output that is long or beside the point; unlike
# Sphinx's default, the message of an exception an example shows is checked too.
doctest_default_flags = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1
doctest_global_setup = """
import datetime
import importlib.util
from pathlib import Path

import diplomacy_events as de

REPO = Path(de.__file__).resolve().parents[1]
SEED = REPO / "seeds" / "seed-istanbul-consultations.txt"


def missing(module):
    '''Whether an optional module is absent; examples that need it say :skipif: missing(...).'''
    return importlib.util.find_spec(module) is None
"""

# -- intersphinx, offline ----------------------------------------------------------------------

# Neither CI nor a developer's machine can reach docs.python.org, www.attrs.org,
# dateutil.readthedocs.io or the other sites these pages link to, and a failed inventory
# download is a warning, which -W turns into a failed build.  So no inventory is ever
# downloaded: each mapping below names a local inventory file as its second element, and
# Sphinx reads that file instead of fetching ``objects.inv`` from the site.  The files are
# written at every build by ``_inventories.py`` (beside this file) from a short, reviewable
# table of the targets these pages link to, each with its exact address on the site; the
# links in the built pages still point at the real sites.  A link to a target missing from
# the table fails the build (nitpicky), and the fix is one line in that table.
intersphinx_mapping = {
    name: (inventory.base, str(path))
    for name, inventory, path in _inventories.write_all(_HERE / "_build" / "_inventories")
}

# -- HTML --------------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"diplomacy_events {release}"
html_static_path = ["_static"]
html_css_files = ["custom.css"]


def _drop_module_docstrings(
    app: Any, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Leave module docstrings out of the reference sections.

    Each concept page explains its module in prose with examples that run; the module's own
    docstring (with its own examples, run by pytest) would repeat that just above the classes.
    """
    if what == "module":
        lines.clear()


def _canonical(target: str, module_name: str | None) -> str | None:
    """The full name under which the object ``target`` names is documented, if it differs.

    ``target`` is looked up in ``module_name`` (the module of the docstring it is in) or, when
    it starts with a module, in that module: ``diplomacy_events.Meeting.kind`` is documented
    as ``diplomacy_events.model.Meeting.kind``, the class's own module.
    """
    parts = target.split(".")
    candidates: list[tuple[object, list[str]]] = []
    if module_name and module_name in sys.modules:
        candidates.append((sys.modules[module_name], parts))
    for cut in range(len(parts) - 1, 0, -1):
        module = sys.modules.get(".".join(parts[:cut]))
        if module is not None:
            candidates.append((module, parts[cut:]))
            break
    for module, rest in candidates:
        obj = getattr(module, rest[0], None)
        owner, qualname = getattr(obj, "__module__", None), getattr(obj, "__qualname__", None)
        if isinstance(owner, str) and isinstance(qualname, str):
            full = ".".join([owner, qualname, *rest[1:]])
            if full != target:
                return full
    return None


def _resolve_imported_name(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a name that a module imports or re-exports, by the name it is documented under.

    The pages write ``diplomacy_events.Meeting``, as users import it; a docstring of
    ``diplomacy_events.assembly`` may say ``Meeting``, a name that module imports.  Python finds
    both, Sphinx's search does not; this looks the object up and retries with its full name.
    """
    if node.get("refdomain") != "py":
        return None
    full = _canonical(node["reftarget"], node.get("py:module"))
    if full is None:
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], full, node, contnode
    )


def setup(app: Any) -> dict[str, Any]:
    """Connect the docstring filter and the resolver of imported names."""
    app.connect("autodoc-process-docstring", _drop_module_docstrings)
    app.connect("missing-reference", _resolve_imported_name)
    return {"parallel_read_safe": True}
