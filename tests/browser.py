"""Launch Debian's Chromium through Playwright for the browser tests.

No browser is ever downloaded (``playwright install`` is not used): the
tests drive ``/usr/bin/chromium`` from Debian's ``chromium`` package.  When
it is missing and the tests run as root, :func:`find_chromium` installs it
with apt-get (a minute or two, once per session); otherwise the browser tests
are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Playwright

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "OpenPage", "find_chromium", "launch", "open_page"]

CHROMIUM = Path("/usr/bin/chromium")
"""Where Debian's ``chromium`` package puts the browser."""

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Flags for a headless run that makes no network request of its own."""

_APT_ENV = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}


def _tail(output: str, lines: int = 5) -> str:
    return " | ".join(output.strip().splitlines()[-lines:])


def find_chromium() -> tuple[Path | None, str]:
    """Return Chromium's path, installing it with apt-get as root; else ``None`` and why not."""
    if CHROMIUM.exists():
        return CHROMIUM, ""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None, f"{CHROMIUM} is missing; run `apt-get install chromium` as root to test"
    if shutil.which("apt-get") is None:
        return None, f"{CHROMIUM} is missing and apt-get is not available to install it"
    steps = (
        ["apt-get", "update", "-q"],
        [
            "apt-get",
            "install",
            "-y",
            "-q",
            "-o",
            "DPkg::Lock::Timeout=600",
            "chromium",
        ],
    )
    for step in steps:
        try:
            done = subprocess.run(
                step, env=_APT_ENV, capture_output=True, text=True, timeout=1200, check=False
            )
        except subprocess.TimeoutExpired:
            return None, f"`{' '.join(step)}` took more than 20 minutes"
        if done.returncode != 0:
            return None, f"`{' '.join(step)}` failed ({done.returncode}): {_tail(done.stderr)}"
    if not CHROMIUM.exists():
        return None, f"apt-get installed chromium but {CHROMIUM} is still missing"
    return CHROMIUM, ""


def launch(playwright: Playwright, executable: Path) -> Browser:
    """Launch headless Chromium from ``executable`` with :data:`CHROMIUM_ARGS`."""
    return playwright.chromium.launch(
        executable_path=str(executable), args=list(CHROMIUM_ARGS), headless=True
    )


class OpenPage:
    """A page with everything it reported: console errors, uncaught exceptions, dialogs."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type in ("error", "assert"):
            self.errors.append(f"console {message.type}: {message.text} at {message.location}")

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


def open_page(browser: Browser, path: Path, *, width: int = 1400, height: int = 1000) -> OpenPage:
    """Open the file at ``path`` (as a file:// URL) in a new page of ``browser``."""
    page = browser.new_page(viewport={"width": width, "height": height})
    opened = OpenPage(page)
    page.goto(path.resolve().as_uri(), wait_until="load")
    return opened
