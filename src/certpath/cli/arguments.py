"""Command-line words before Typer sees them, and the hint for a word it could not place.

Global options (``--catalog``, ``--no-color``, ...) belong to the ``certpath`` group, so the
parser takes them only before the command. Users type them after it too (``certpath tracks
--no-color``), as git and gh allow; ``hoist_global_options`` moves them in front.
"""

from __future__ import annotations

from collections.abc import Sequence

GLOBAL_FLAGS = frozenset({"--no-builtin", "--no-color", "--no-cache", "--no-pager"})
GLOBAL_VALUED = frozenset({"--catalog", "-c"})


def hoist_global_options(args: Sequence[str]) -> list[str]:
    """Return ``args`` with the global options given after the command moved before it.

    Nothing after ``--`` moves, and an option's place among the others is kept.
    """
    i = 0
    while i < len(args) and args[i] != "--":  # the first word that is not a global option
        if args[i] in GLOBAL_VALUED:
            i += 2
        elif args[i].startswith("-"):
            i += 1
        else:
            break
    if i >= len(args) or args[i] == "--":
        return list(args)
    moved: list[str] = []
    kept: list[str] = []
    rest = list(args[i + 1:])
    j = 0
    while j < len(rest):
        word = rest[j]
        if word == "--":
            kept.extend(rest[j:])
            break
        if word in GLOBAL_FLAGS or word.startswith("--catalog="):
            moved.append(word)
        elif word in GLOBAL_VALUED and j + 1 < len(rest):
            moved.extend(rest[j:j + 2])
            j += 1
        else:
            kept.append(word)
        j += 1
    return [*args[:i], *moved, args[i], *kept]


_KINDS = {"certification": "CERT", "role": "ROLE"}  # what a word names -> the metavar taking it


def stray_argument_hint(command: object, word: str, kind: str | None) -> str:
    """Say what to type instead of a word ``command`` takes no argument for.

    ``kind`` is what the word names in the catalog (``certification``, ``role``) or None. The
    probable option is the one whose metavar takes that kind, else the command's one required
    option with a value.
    """
    options = _valued_options(command)
    wanted = _KINDS.get(kind or "")
    found = [p for p in options if wanted and getattr(p, "metavar", None) == wanted]
    required = [p for p in options if getattr(p, "required", False)]
    chosen = found[0] if found else required[0] if len(required) == 1 else None
    if chosen is not None:
        flag = max(getattr(chosen, "opts", ()), key=len)
        return f"unexpected argument {word!r}: did you mean {flag} {word}?"
    return f"unexpected argument {word!r}: this command takes options only (see --help)"


def _valued_options(command: object) -> list[object]:
    """The options of ``command`` that take a value."""
    return [p for p in getattr(command, "params", ())
            if getattr(p, "param_type_name", "") == "option" and not getattr(p, "is_flag", True)]


def stray_word(command: object, words: Sequence[str]) -> str | None:
    """Return the first word after ``command``'s name that no option of it takes, if any."""
    name = getattr(command, "name", None)
    if name not in words:
        return None
    valued = {opt for p in _valued_options(command) for opt in getattr(p, "opts", ())}
    rest = list(words[words.index(name) + 1:])
    skip = False
    for word in rest:
        if skip:
            skip = False
        elif word == "--":
            return None
        elif word.startswith("-"):
            skip = word in valued
        else:
            return word
    return None
