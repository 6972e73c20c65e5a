"""Atomic file writes: a reader sees the old file or the complete new one, never half of one.

The text is written to a temporary file in the target's own folder (so that
the final move stays on one file system), flushed to disk, and moved over
the target with :func:`os.replace`.  If anything goes wrong before that, the
temporary file is removed and the target is left as it was::

    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> with atomic_write(folder / "out.txt") as handle:
    ...     _ = handle.write("complete")
    >>> (folder / "out.txt").read_text()
    'complete'
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

__all__ = ["AtomicFile", "atomic_write"]


class AtomicFile:
    """A text file written under a temporary name and moved over its target on :meth:`commit`.

    Until :meth:`commit` the target is untouched; :meth:`discard` removes
    what was written.  The folder of the target must exist.

    A target that is a symbolic link is followed: the file it points to is
    replaced, the link stays.  A target that exists and is not a regular file
    (``/dev/null``, a named pipe, a terminal) cannot be replaced and is
    written directly, without atomicity.
    """

    def __init__(
        self, target: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str | None = None
    ) -> None:
        path = Path(target)
        if path.is_symlink():
            path = path.resolve()
        self.target = path
        self.temporary: Path | None = None
        if path.exists() and not path.is_file():
            self.handle: TextIO = path.open("w", encoding=encoding, newline=newline)
        else:
            self.temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
            self.handle = self.temporary.open("x", encoding=encoding, newline=newline)
        self._done = False

    def commit(self) -> Path:
        """Flush the file to disk, move it over the target and return the target."""
        if self._done:
            return self.target
        try:
            self.handle.flush()
            if self.temporary is not None:
                os.fsync(self.handle.fileno())
            self.handle.close()
            if self.temporary is not None:
                os.replace(self.temporary, self.target)
        except BaseException:
            self.discard()
            raise
        self._done = True
        return self.target

    def discard(self) -> None:
        """Close and remove the temporary file; the target stays as it was."""
        self._done = True
        with contextlib.suppress(OSError):
            self.handle.close()
        if self.temporary is not None:
            self.temporary.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_write(
    target: str | os.PathLike[str], *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[TextIO]:
    """Open ``target`` for writing text atomically: committed on success, discarded on any error."""
    file = AtomicFile(target, encoding=encoding, newline=newline)
    try:
        yield file.handle
    except BaseException:
        file.discard()
        raise
    file.commit()
