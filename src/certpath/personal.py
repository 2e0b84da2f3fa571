"""The settings in effect for one command: its flags, then the environment, then the profile.

Names are resolved against the catalog in use, and an unknown one says where it came from (a
flag, an environment variable, or the profile file and line).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from certpath.catalog import Catalog
from certpath.errors import ProfileError, UnknownNameError

TODAY_ENV = "CERTPATH_TODAY"


def split_names(values: Sequence[str] | None) -> list[str]:
    """Split repeated, comma-separated option values into names."""
    names: list[str] = []
    for value in values or ():
        names.extend(part.strip() for part in value.split(",") if part.strip())
    return names


def resolve_have(catalog: Catalog, values: Sequence[str] | None) -> list[str]:
    """Resolve names of held certifications (as --have takes them) to ids, in order, once each."""
    return list(dict.fromkeys(catalog.resolve_cert(n).id for n in split_names(values)))


def today() -> dt.date:
    """Return today's date (``$CERTPATH_TODAY`` fixes it, for examples and tests)."""
    fixed = os.environ.get(TODAY_ENV, "")
    if not fixed:
        return dt.date.today()
    from certpath.schedule import parse_date
    return parse_date(fixed, what=TODAY_ENV)


@dataclass(frozen=True)
class Personal:
    """The settings in effect for one command, resolved against the catalog."""

    have: list[str]
    role: str | None
    hours_per_week: float | None
    expired: list[str]  # held or implied, but not valid today (see validity.not_valid_ids)
    earned: dict[str, dt.date | None]
    expires: dict[str, dt.date | None]  # each dated holding's expiry (None: never)
    stated: dict[str, dt.date]  # expiry dates imported credentials state (they win)


def personal(catalog: Catalog, *, have: list[str] | None, role: str | None = None,
             hours_per_week: float | None = None) -> Personal:
    """Fill what the flags leave out from the environment, then the profile."""
    from certpath import profile as profiles
    from certpath.validity import not_valid_among, standings
    found = profiles.load_profile(profiles.profile_path(), today=today())
    given = None if have is None else split_names(have)  # --have '' means: I hold nothing
    chosen = profiles.merge_settings(found, have=given, role=role,
                                     hours_per_week=hours_per_week, environ=os.environ)
    from_profile = chosen.sources

    def unknown(key: tuple[str, ...], what: str, name: str) -> ProfileError:
        fix = f"'certpath profile forget {name}'" if key[0] == "earned" else "'certpath profile set'"
        return ProfileError([found.finding(key, f"unknown {what} {name!r} (the catalog has no "
                                                f"such {what}); {fix} changes it")])

    held = []
    with _naming_env(from_profile.get("have") == "environment", profiles.ENV_HAVE):
        for name in chosen.have:
            if from_profile.get("have") == "profile" and name not in catalog.certifications:
                raise unknown(("earned", name), "certification", name)
            held.append(catalog.resolve_cert(name).id)
    role_id = None
    if chosen.role is not None:
        if from_profile.get("role") == "profile" and chosen.role not in catalog.roles:
            raise unknown(("role",), "role", chosen.role)
        with _naming_env(from_profile.get("role") == "environment", profiles.ENV_ROLE):
            role_id = catalog.resolve_role(chosen.role).id
    standing = standings(catalog, found.earned, today(), stated=found.expires)
    return Personal(list(dict.fromkeys(held)), role_id, chosen.hours_per_week,
                    not_valid_among(catalog, standing), dict(found.earned),
                    {c: s.expires for c, s in standing.items()}, dict(found.expires))


@contextlib.contextmanager
def _naming_env(active: bool, variable: str) -> Iterator[None]:
    """Say which environment variable an unknown name came from."""
    try:
        yield
    except UnknownNameError as exc:
        if not active:
            raise
        raise UnknownNameError(exc.kind, exc.name, exc.suggestions, ambiguous=exc.ambiguous,
                               source=variable) from None
