"""Write the files a command was asked for beside its answer, and say so on stderr."""

import sys
from collections.abc import Sequence
from pathlib import Path


def write_files(outputs: Sequence[tuple[Path, str, str | None]]) -> None:
    """Write (file, text, what it is) outputs, each checked before any is written; name each.

    Each written file gets one line on stderr: "wrote WHAT to FILE", or "wrote FILE" when ``what``
    is None (a file that is the command's whole answer, as ``graph --output``).
    """
    if not outputs:
        return
    from certpath.files import write_outputs
    from certpath.render.sanitiser import clean
    write_outputs([(target, text.encode("utf-8")) for target, text, _ in outputs])
    for target, _, what in outputs:
        named = clean(target) if what is None else f"{what} to {clean(target)}"
        sys.stderr.write(f"certpath: wrote {named}\n")
