"""The personal profile: a role, hours a week, and the certifications earned (with their dates).

The profile is a small YAML file in the user's config directory (``CERTPATH_PROFILE`` overrides the
location). Nothing in it is ever lost: every change is made under a lock, written to a temporary
file, flushed to disk and renamed over the old file, which keeps its mode and owner; a file
certpath cannot read, or may not write, is reported and left exactly as it is.

The lock is ``<profile path>.lock``, beside the path as given (the config directory, or where
``CERTPATH_PROFILE`` points), never beside a symbolic link's target: certpath creates no file
outside the folder of the profile path but the profile itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from certpath.dates import iso_date
from certpath.errors import CatalogError, CertpathError, Finding, InputError, ProfileError
from certpath.holdings import Held, SavedPlan, read_saved_plan, shown_date
from certpath.model import MAX_HOURS_PER_WEEK, MIN_HOURS_PER_WEEK

if TYPE_CHECKING:  # for annotations only; reading and writing import what they use
    from certpath.yamldoc import Document, Key

SCHEMA_VERSION = 1
PROFILE_ENV = "CERTPATH_PROFILE"
ENV_HAVE, ENV_ROLE, ENV_HOURS = "CERTPATH_HAVE", "CERTPATH_ROLE", "CERTPATH_HOURS_PER_WEEK"
LOCK_TIMEOUT = 30.0
"""Seconds to wait for another certpath that is changing the profile."""

_KEYS = ("schema_version", "role", "hours_per_week", "earned", "plan")



@dataclass(frozen=True)
class Profile:
    """What the profile holds; ``source`` and ``document`` locate its values for error messages.

    ``earned`` maps each certification to the day it was earned (the first of the month when
    only the month is known: ``earned_months`` lists those). ``expires`` holds the expiry dates
    that credentials state, which win over the catalog's validity period.
    """

    role: str | None = None
    hours_per_week: float | None = None
    earned: Mapping[str, dt.date | None] = field(default_factory=dict)
    expires: Mapping[str, dt.date] = field(default_factory=dict)
    earned_months: frozenset[str] = frozenset()
    expires_months: frozenset[str] = frozenset()
    plan: SavedPlan | None = None
    source: str = ""
    document: Document | None = field(default=None, compare=False, repr=False)

    def finding(self, path: Key, message: str) -> Finding:
        """Return an error located at a value of the profile file (positions found only now)."""
        line, column = self.document.position(path) if self.document else (0, 0)
        return Finding(self.source, line, column, "error", message)


def profile_path(environ: Mapping[str, str] | None = None) -> Path:
    """Return where the profile lives: ``$CERTPATH_PROFILE``, else the user's config directory."""
    env = os.environ if environ is None else environ
    override = env.get(PROFILE_ENV, "")
    if override:
        return Path(override).expanduser()
    import platformdirs  # only when the default location is needed

    return platformdirs.user_config_path("certpath", appauthor=False) / "profile.yaml"


def load_profile(path: Path, *, today: dt.date | None = None) -> Profile:
    """Read the profile at ``path`` (an empty profile if there is none); raise ProfileError.

    Given ``today``, a certification earned after it is an error (as ``profile earn`` says).
    """
    if not path.exists() and not path.is_symlink():
        return Profile(source=str(path))
    from certpath.yamldoc import read_yaml
    try:
        doc = read_yaml(path)
    except CatalogError as exc:
        raise ProfileError(exc.findings) from None
    return _decode(doc, today)


def _decode(doc: Document, today: dt.date | None) -> Profile:
    data = doc.data
    if not isinstance(data, dict):
        doc.error((), "expected a mapping at the top of the profile")
        raise ProfileError(doc.findings)
    for key in data:
        if key not in _KEYS:
            doc.error((key,), f"unknown key {key!r}; known keys: {', '.join(_KEYS)}")
    version = data.get("schema_version", SCHEMA_VERSION)
    if version != SCHEMA_VERSION:
        doc.error(("schema_version",), f"schema_version {version!r} is not supported; this "
                  f"certpath reads version {SCHEMA_VERSION} (was the file written by a newer one?)")
    role = data.get("role")
    if role is not None and not (isinstance(role, str) and role.strip()):
        doc.error(("role",), "role must be a role id, such as 'sre'")
    hours = data.get("hours_per_week")
    if hours is not None and (isinstance(hours, bool) or not isinstance(hours, (int, float))
                              or not MIN_HOURS_PER_WEEK <= hours <= MAX_HOURS_PER_WEEK):
        doc.error(("hours_per_week",), f"hours_per_week must be a number from {MIN_HOURS_PER_WEEK:g} "
                  f"to {MAX_HOURS_PER_WEEK}")
    held = Held(today=today)
    held.read(doc, data.get("earned"))
    saved = read_saved_plan(doc, data.get("plan"))
    if doc.findings:
        raise ProfileError(doc.findings)
    return Profile(role=role, hours_per_week=None if hours is None else float(hours),
                   earned=held.earned, expires=held.expires,
                   earned_months=frozenset(held.earned_months),
                   expires_months=frozenset(held.expires_months), plan=saved,
                   source=doc.source, document=doc)


def dump_profile(profile: Profile) -> bytes:
    """Return the text of a profile file, schema version first."""
    import yaml

    hours = profile.hours_per_week
    body: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "role": profile.role,
        "hours_per_week": int(hours) if hours is not None and hours.is_integer() else hours,
        "earned": {cert_id: _entry(profile, cert_id) for cert_id in profile.earned},
    }
    if profile.plan is not None:
        saved = profile.plan
        body["plan"] = {"target": saved.target, "pace": saved.pace, "start": saved.start,
                        "hours_per_week": saved.hours_per_week, "have": list(saved.have),
                        "required_only": saved.required_only, "optimize": saved.optimize,
                        "by": saved.by, "done": list(saved.done)}
    text = "# certpath profile: change it with 'certpath profile ...' or edit it by hand.\n"
    class _Plain(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:  # one date for many: written out each time
            return True

    text += yaml.dump(body, Dumper=_Plain, sort_keys=False, allow_unicode=True,
                      default_flow_style=False)
    return text.encode("utf-8")


def _entry(profile: Profile, cert_id: str) -> Any:
    """One certification of ``earned`` as it is written: a date, a month, or a mapping."""
    earned: Any = shown_date(profile.earned[cert_id], month=cert_id in profile.earned_months)
    if cert_id not in profile.expires:
        return earned
    return {"earned": earned, "expires": shown_date(profile.expires[cert_id],
                                                    month=cert_id in profile.expires_months)}


def update_profile(path: Path, change: Callable[[Profile], Profile]) -> Profile:
    """Apply ``change`` to the profile under a lock and write the result atomically.

    A profile that cannot be read raises ProfileError and is not touched.
    """
    from certpath.files import write_atomic
    target = Path(os.path.realpath(path))  # keep a symlinked profile a symlink
    with locked(path):
        mode = _writable_mode(path, target)
        current = load_profile(target)
        updated = replace(change(current), source=str(path))
        write_atomic(target, dump_profile(updated), mode=mode, new_owner_of=target.parent)
    return updated


def _writable_mode(path: Path, target: Path) -> int:
    """Return the mode to keep for the profile (0600 for a new one); refuse one not to be written.

    Renaming over a file needs only its folder to be writable, so a read-only profile (or one
    that is not a regular file) would be replaced without this check; root may write any file,
    so a file no one may write counts as read-only for root too.
    """
    try:
        found = target.stat()
    except FileNotFoundError:
        return 0o600
    except OSError as exc:
        raise CertpathError(f"{path}: cannot read the profile: {exc.strerror or exc}") from None
    if not stat.S_ISREG(found.st_mode):
        raise CertpathError(f"{path}: the profile is not a regular file; point "
                            f"{PROFILE_ENV} at a file")
    mode = stat.S_IMODE(found.st_mode)
    if not os.access(target, os.W_OK) or not mode & 0o222:
        raise CertpathError(f"{path}: the profile is read-only, so certpath leaves it as it is; "
                            "make it writable (chmod u+w) to change it")
    return mode


def reset_profile(path: Path) -> Path | None:
    """Move the profile aside to ``<name>.bak`` (so nothing is lost); return where, or None."""
    from certpath.files import fsync_dir
    target = Path(os.path.realpath(path))
    with locked(path):
        if not target.exists():
            return None
        backup = target.with_name(target.name + ".bak")
        os.replace(target, backup)
        fsync_dir(target.parent)
    return backup


def parse_earned(text: str, *, today: dt.date, what: str = "--on") -> dt.date | None:
    """Parse when a certification was earned: YYYY-MM-DD, not after ``today``, or "unknown"."""
    if text.strip().lower() == "unknown":
        return None
    try:
        day = iso_date(text.strip())
    except ValueError:
        raise InputError(f"{what} {text!r} is not a date; write it as YYYY-MM-DD, "
                         "or 'unknown'") from None
    if day > today:
        raise InputError(f"{what} {day.isoformat()} is in the future (today is "
                         f"{today.isoformat()}); give the day it was earned, or 'unknown'")
    return day


def earn(profile: Profile, cert_id: str, on: dt.date | None, *, expires: dt.date | None = None,
         earned_month: bool = False, expires_month: bool = False) -> Profile:
    """Return the profile with ``cert_id`` earned on ``on`` (and, from a credential, expiring)."""
    others = forget(profile, cert_id)
    return replace(
        others, earned={**others.earned, cert_id: on},
        expires={**others.expires, cert_id: expires} if expires else others.expires,
        earned_months=others.earned_months | ({cert_id} if earned_month else set()),
        expires_months=others.expires_months | ({cert_id} if expires and expires_month
                                                else set()))


def forget(profile: Profile, cert_id: str) -> Profile:
    """Return the profile without ``cert_id``."""
    return replace(profile, earned={k: v for k, v in profile.earned.items() if k != cert_id},
                   expires={k: v for k, v in profile.expires.items() if k != cert_id},
                   earned_months=profile.earned_months - {cert_id},
                   expires_months=profile.expires_months - {cert_id})


def lock_path(path: Path) -> Path:
    """Return the lock file of the profile at ``path``: beside the path, not a link's target."""
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def locked(path: Path, *, what: str = "profile") -> Any:
    """Hold ``<path>.lock`` while the file at ``path`` (the profile, or a team file) changes."""
    import filelock  # only commands that change the profile pay for it

    from certpath.files import make_parent, share_lock
    make_parent(path)
    lock = filelock.FileLock(str(lock_path(path)), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise CertpathError(f"{path}: another certpath has held the {what} lock for "
                            f"{LOCK_TIMEOUT:g} s; try again") from None
    except OSError as exc:
        raise CertpathError(f"{lock_path(path)}: cannot create the lock file that guards the "
                            f"{what} while it changes: {exc.strerror or exc}") from None
    try:
        share_lock(lock_path(path), path)
        yield
    finally:
        lock.release()


@dataclass(frozen=True)
class Settings:
    """The role, certifications held and hours a week in effect, and where each came from."""

    have: tuple[str, ...]
    role: str | None
    hours_per_week: float | None
    sources: Mapping[str, str]  # "have"/"role"/"hours_per_week" -> "flag", "environment", "profile"


def merge_settings(profile: Profile, *, have: list[str] | None, role: str | None,
                   hours_per_week: float | None, environ: Mapping[str, str]) -> Settings:
    """Choose each setting: a flag beats the environment, which beats the profile."""
    sources: dict[str, str] = {}

    def pick(name: str, flag: Any, env_name: str, from_profile: Any, parse: Callable[[str], Any]) \
            -> Any:
        if flag is not None:  # an empty --have is an answer too
            sources[name] = "flag"
            return flag
        text = environ.get(env_name, "").strip()
        if text:
            sources[name] = "environment"
            return parse(text)
        if from_profile:
            sources[name] = "profile"
            return from_profile
        return None

    chosen_have = pick("have", have, ENV_HAVE, list(profile.earned),
                       lambda t: [p.strip() for p in t.split(",") if p.strip()])
    return Settings(
        have=tuple(chosen_have or ()),
        role=pick("role", role, ENV_ROLE, profile.role, str),
        hours_per_week=pick("hours_per_week", hours_per_week, ENV_HOURS, profile.hours_per_week,
                            _hours),
        sources=sources,
    )


def _hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not MIN_HOURS_PER_WEEK <= value <= MAX_HOURS_PER_WEEK:  # also false for NaN
        raise InputError(f"{ENV_HOURS}={text!r} is not a number of hours from "
                         f"{MIN_HOURS_PER_WEEK:g} to {MAX_HOURS_PER_WEEK}")
    return value
