"""The errors certpath raises for a user's mistake, each with its exit code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

UNREADABLE = 2
ECHO = 1


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in a catalog, team or profile file, with its position."""

    file: str
    line: int
    column: int
    severity: str  # "error" or "warning"
    message: str
    priority: int = field(default=0, compare=False)
    """Higher comes first: UNREADABLE for a file that could not be read or parsed at all, ECHO for
    the one line that sums what it left unknown, 0 for the rest."""

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.severity}: {self.message}"


def in_order(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Sort findings for display: unreadable files first, then by file, position and message."""
    return tuple(sorted(set(findings), key=lambda f: (-f.priority, f)))


class CertpathError(Exception):
    """A mistake in the user's input: bad data, an unknown name, a bad option."""

    exit_code = 1
    code = "error"


class CatalogError(CertpathError):
    """A catalog (or another YAML input) that cannot be used; carries every finding."""

    code = "invalid_catalog"

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = in_order(findings)
        errors = [f for f in self.findings if f.severity == "error"]
        shown = errors or list(self.findings)
        text = str(shown[0]) if shown else "invalid catalog"
        if len(shown) > 1:
            text += f" (and {len(shown) - 1} more; run 'certpath validate' to list them)"
        super().__init__(text)


_LISTED_BY = {"certification": "tracks", "role": "roles", "track": "tracks", "level": "tracks"}


class UnknownNameError(CertpathError):
    """A certification, role or other name that matches nothing (or too much)."""

    code = "unknown_name"

    def __init__(self, kind: str, name: str, suggestions: Sequence[str], *, ambiguous: bool = False,
                 source: str | None = None, hint: str | None = None):
        self.kind = kind
        self.name = name
        self.suggestions = tuple(suggestions)
        self.ambiguous = ambiguous
        where = f" (from {source})" if source else ""
        if ambiguous:
            text = f"{kind} {name!r}{where} is ambiguous: it matches {', '.join(self.suggestions)}"
        else:
            text = f"unknown {kind} {name!r}{where}"
            if hint:  # what to type instead, said better than a list of near names
                text += f"; {hint}"
            elif self.suggestions:
                text += f"; nearest: {', '.join(self.suggestions)}"
            elif kind in _LISTED_BY:
                text += f"; 'certpath {_LISTED_BY[kind]}' lists them"
        super().__init__(text)


class InputError(CertpathError):
    """A value given on the command line that certpath cannot use (bad usage, exit 2)."""

    exit_code = 2
    code = "bad_input"


class ProfileError(CatalogError):
    """A profile file that cannot be read; it is left as it is."""

    code = "invalid_profile"


class TeamError(CatalogError):
    """A team file that cannot be used; carries every finding."""

    code = "invalid_team"


class CredentialError(CertpathError):
    """A file given to ``profile import`` that is not a credential certpath can read."""

    code = "invalid_credential"
