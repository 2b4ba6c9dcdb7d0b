"""Write a report to the file the user named: atomically, with secret-free errors."""

from __future__ import annotations

from ffaudit import user_files


def write_atomic(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step; raise ``FfauditError`` if it cannot.

    ``user_files.write_atomic`` does it: a temporary file in the same directory, then
    ``os.replace``, so a reader (a CI upload step, an editor) never sees half a report and an
    error leaves the old file as it was; a folder, FIFO or device is refused before any write.
    """
    user_files.write_atomic(path, text, '')
