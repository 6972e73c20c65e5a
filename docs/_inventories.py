"""Small intersphinx inventories for offline builds: the targets these pages link to.

Sphinx's intersphinx extension links ``:class:`datetime.date``` to the Python documentation
by reading that site's ``objects.inv``.  The builds of this project have no network, so
``conf.py`` gives intersphinx a local inventory for each site instead, written by
:func:`write_all` from the tables below.  Each row is a target's name, its role and its
address relative to the site (``$`` stands for the name, as in ``objects.inv``); the
addresses were taken from the sites' own inventories.  To link to something new, add its
row here.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["INVENTORIES", "Inventory", "write_all"]


@dataclass(frozen=True)
class Inventory:
    """The targets of one documentation site."""

    project: str
    version: str
    base: str
    """The site's address; every target's address is relative to it."""
    entries: tuple[tuple[str, str, str], ...]
    """``(name, domain:role, address)`` rows."""

    def encode(self) -> bytes:
        """The inventory in Sphinx's ``objects.inv`` format, version 2."""
        header = (
            "# Sphinx inventory version 2\n"
            f"# Project: {self.project}\n"
            f"# Version: {self.version}\n"
            "# The remainder of this file is compressed using zlib.\n"
        )
        body = "".join(f"{name} {role} 1 {uri} -\n" for name, role, uri in sorted(self.entries))
        return header.encode("utf-8") + zlib.compress(body.encode("utf-8"), 9)


def _rows(kind: str, page: str, names: str) -> tuple[tuple[str, str, str], ...]:
    """Rows of one role on one page, from a whitespace-separated list of names."""
    anchor = "module-$" if kind == "py:module" else "$"
    return tuple((name, kind, f"{page}#{anchor}") for name in names.split())


PYTHON = Inventory(
    project="Python",
    version="3",
    base="https://docs.python.org/3",
    entries=(
        *_rows("py:class", "library/stdtypes.html", "str list dict tuple bytes"),
        *_rows("py:class", "library/functions.html", "int float bool object type"),
        *_rows("py:data", "library/constants.html", "None"),
        *_rows(
            "py:exception", "library/exceptions.html", "Exception ValueError TypeError LookupError"
        ),
        *_rows("py:class", "library/datetime.html", "datetime.date datetime.datetime"),
        *_rows("py:class", "library/enum.html", "enum.Enum"),
        *_rows("py:class", "library/pathlib.html", "pathlib.Path"),
        *_rows("py:class", "library/os.html", "os.PathLike"),
        *_rows("py:function", "library/os.html", "os.replace"),
        *_rows("py:class", "library/fractions.html", "fractions.Fraction"),
        *_rows(
            "py:class",
            "library/collections.abc.html",
            "collections.abc.Mapping collections.abc.Sequence collections.abc.Iterable"
            " collections.abc.Iterator collections.abc.Callable",
        ),
        *_rows("py:data", "library/typing.html", "typing.Any typing.Literal"),
        *_rows("py:class", "library/typing.html", "typing.Generic typing.Protocol"),
        *_rows("py:function", "library/json.html", "json.dumps json.loads"),
        *_rows("py:module", "library/json.html", "json"),
        *_rows("py:module", "library/doctest.html", "doctest"),
        *_rows("py:module", "library/pickle.html", "pickle"),
        *_rows("py:module", "library/concurrent.futures.html", "concurrent.futures"),
        *_rows(
            "py:class", "library/concurrent.futures.html", "concurrent.futures.ProcessPoolExecutor"
        ),
        *_rows("py:class", "library/argparse.html", "argparse.ArgumentParser"),
    ),
)

ATTRS = Inventory(
    project="attrs",
    version="stable",
    base="https://www.attrs.org/en/stable",
    entries=(
        *_rows("py:module", "api.html", "attrs"),
        *_rows(
            "py:function",
            "api.html",
            "attrs.frozen attrs.define attrs.field attrs.evolve attrs.asdict",
        ),
        *_rows("py:class", "api.html", "attrs.Attribute"),
    ),
)

DATEUTIL = Inventory(
    project="dateutil",
    version="stable",
    base="https://dateutil.readthedocs.io/en/stable",
    entries=(
        *_rows("py:module", "parser.html", "dateutil.parser"),
        # dateutil documents its parse function with automethod, so it is a method there.
        *_rows("py:method", "parser.html", "dateutil.parser.parse"),
        *_rows("py:class", "relativedelta.html", "dateutil.relativedelta.relativedelta"),
    ),
)

CATTRS = Inventory(
    project="cattrs",
    version="stable",
    base="https://catt.rs/en/stable",
    entries=(
        *_rows("py:module", "cattrs.html", "cattrs"),
        *_rows("py:class", "cattrs.html", "cattrs.Converter"),
        # Type hints name the class by the module that defines it; the site documents it
        # under its public name only, so this row points the former at the latter.
        ("cattrs.converters.Converter", "py:class", "cattrs.html#cattrs.Converter"),
    ),
)

PANDAS = Inventory(
    project="pandas",
    version="stable",
    base="https://pandas.pydata.org/docs",
    entries=(
        *_rows("py:module", "index.html", "pandas"),
        *_rows("py:class", "reference/api/pandas.DataFrame.html", "pandas.DataFrame"),
    ),
)

DASK = Inventory(
    project="Dask",
    version="stable",
    base="https://docs.dask.org/en/stable",
    entries=(
        *_rows("py:class", "generated/dask.bag.Bag.html", "dask.bag.Bag"),
        *_rows("py:class", "generated/dask.dataframe.DataFrame.html", "dask.dataframe.DataFrame"),
    ),
)

INVENTORIES: dict[str, Inventory] = {
    "python": PYTHON,
    "attrs": ATTRS,
    "dateutil": DATEUTIL,
    "cattrs": CATTRS,
    "pandas": PANDAS,
    "dask": DASK,
}
"""Each site by the name conf.py maps it under."""


def write_all(folder: Path) -> list[tuple[str, Inventory, Path]]:
    """Write each inventory to ``folder/NAME.inv``, unless unchanged; return what was written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, inventory in INVENTORIES.items():
        path = folder / f"{name}.inv"
        data = inventory.encode()
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append((name, inventory, path))
    return written
