"""The ``cli-help`` directive: the ``--help`` text of the command line, as it is today.

``.. cli-help:: parse`` runs ``diplomacy-events parse --help`` through
:func:`diplomacy_events.cli.main` at build time and shows what it prints, so the page never
falls behind the command line.  Lines are wrapped at 88 columns whatever the terminal.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

WIDTH = "88"


@contextlib.contextmanager
def _columns(width: str) -> Iterator[None]:
    """Make argparse wrap at ``width`` columns for the duration of the block."""
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = width
    try:
        yield
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old


def help_text(*command: str) -> str:
    """What ``diplomacy-events COMMAND --help`` prints."""
    from diplomacy_events.cli import main

    out = io.StringIO()
    with _columns(WIDTH), contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main([*command, "--help"])
    return out.getvalue().rstrip("\n")


class CliHelp(SphinxDirective):
    """Show the help of the command line or of one of its commands."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        """Run the command's ``--help`` and return its text as a literal block."""
        text = help_text(*self.arguments)
        block = nodes.literal_block(text, text)
        block["language"] = "text"
        return [block]


def setup(app: Any) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("cli-help", CliHelp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
