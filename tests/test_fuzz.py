"""Fuzz every input surface: catalogs, profiles, team files (YAML documents and raw bytes), options,
the credential files that ``profile import`` and ``team import`` read, team spreadsheets, and the
vendor files that ``import ctdl`` and ``import mslearn`` read.

Whatever the input, a command ends with exit 0, 1 or 2 and no traceback, and it changes or
creates no file but the ones it exists to write. The documents start from a valid catalog,
profile or team file and are mutated (a value replaced by a hostile one, a key removed or
added), so most of them reach planning and drawing, not only the parser.

In CI each test runs a few dozen examples (profile "ci", derandomized so the suite is stable).
To search longer: ``CERTPATH_FUZZ=long python -m pytest tests/test_fuzz.py`` (2,000 random
examples a test; ``CERTPATH_FUZZ_EXAMPLES=N`` sets any other number).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from certpath.cli import app

_SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]
settings.register_profile("fuzz-ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=_SLOW, database=None)
settings.register_profile("fuzz-long", max_examples=2000, deadline=None,
                          suppress_health_check=_SLOW)
FUZZ = settings(settings.get_profile(f"fuzz-{os.environ.get('CERTPATH_FUZZ', 'ci')}"),
                **({"max_examples": int(os.environ["CERTPATH_FUZZ_EXAMPLES"])}
                   if os.environ.get("CERTPATH_FUZZ_EXAMPLES") else {}))


class Raw(str):
    """A scalar written into the YAML exactly as it is (a plain token, possibly hostile)."""


TOKENS = [Raw(t) for t in (
    "9" * 5000, "-" + "9" * 5000, "9007199254740992", "18446744073709551616", "0x" + "f" * 40,
    "0b" + "1" * 70, "1" + "0" * 400 + ".0", ".inf", "-.inf", ".nan", "1e400", "0", "-1", "012",
    "1_000", "12:30", "NO", "yes", "~", "null", "2024-02-30", "2023-02-29", "9999-12-31",
    "0001-01-01", "2024-1-5", "2024-01-01T10:00:00", "1.10", "!!python/object:os.system",
    "!!binary aGk=", "*nothing", "&a x", "<<", "'", '"', "[", "{", "}", "]", ":", "- x", "#",
    "? x", "|", ">", "%", "@", "`",
)]
HOSTILE_TEXT = st.text(alphabet=st.sampled_from(
    "ab-1 \t\n\r\x00\x07\x1b\x7f\x85\x9b\u2028\u202e\u2066\u200f\ufeff\ufffe<>&\"'[]|*_#\\:,{}"),
    max_size=30)
SCALARS: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from(TOKENS), HOSTILE_TEXT, st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.dates(), st.sampled_from(["a", "b", "c", "e", "t", "l1", "r", "sre", "basics", "USD"]))
VALUES: st.SearchStrategy[Any] = st.recursive(
    SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                     st.dictionaries(st.sampled_from(["id", "x", "name", "cert"]),
                                                     inner, max_size=3)), max_leaves=6)


def emit(value: Any) -> str:
    """Write a value as flow-style YAML (what a person could type), hostile tokens as they are."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(emit(v) for v in value) + "]"
    return "{" + ", ".join(f"{emit(k) if not re.fullmatch(r'[a-z_]+', str(k)) else k}: "
                           f"{emit(v)}" for k, v in value.items()) + "}"


def document(data: dict[str, Any]) -> str:
    """Write a top-level mapping, one key a line."""
    return "".join(f"{key}: {emit(value)}\n" for key, value in data.items())


CATALOG: dict[str, Any] = {
    "levels": [{"id": "l1", "name": "One", "rank": 1}, {"id": "l2", "name": "Two", "rank": 2}],
    "tracks": [{"id": "t", "name": "T"}],
    "certifications": [
        {"id": "a", "name": "A", "track": "t", "level": "l1", "validity_months": 24,
         "effort": {"hours": 10}, "fee": {"amount": 100, "currency": "USD"},
         "renewal": [{"kind": "retake", "window_months": 6}],
         "preparation": [{"id": "focused", "name": "P", "min_days": 7, "max_days": 14,
                          "phases": [{"name": "X", "start_day": 1, "end_day": 7,
                                      "activities": ["read"]}]}]},
        {"id": "b", "name": "B", "track": "t", "level": "l1", "effort": {"hours": 5},
         "validity_periods": [{"since": dt.date(2024, 1, 1), "months": 12}],
         "validity_months": 36},
        {"id": "c", "name": "C", "track": "t", "level": "l2", "order": 3,
         "requires": [{"any_of": ["a", "b"], "choose": 1}], "effort": {"hours": 20}},
        {"id": "e", "name": "E", "track": "t", "level": "l2",
         "requires": ["c", {"cert": "a", "recommended": True, "must_be_valid": True}],
         "best_next": [{"direction": "same-track", "text": "more", "certifications": ["a"]}]},
    ],
}
ROLES: dict[str, Any] = {
    "roles": [{"id": "r", "name": "R", "target": "e", "focus_area": "F", "learning_paths": ["p"]}],
    "learning_paths": [{"id": "p", "name": "P", "tracks": ["t"]}],
}
PROFILE: dict[str, Any] = {
    "schema_version": 1, "role": "r", "hours_per_week": 5,
    "earned": {"a": dt.date(2024, 1, 1), "b": None},
    "plan": {"target": "e", "pace": "focused", "start": dt.date(2026, 1, 5), "have": ["a"],
             "done": ["a"]},
}
TEAM: dict[str, Any] = {
    "schema_version": 1, "name": "Team", "hours_per_week": 6, "start": dt.date(2026, 1, 5),
    "members": [{"name": "Ann", "role": "r", "have": ["a"]},
                {"name": "Bo", "target": "c", "hours_per_week": 10}],
}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found.extend(_paths(inner, (*prefix, key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found.extend(_paths(inner, (*prefix, index)))
    return found


def _at(base: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        base = base[step]
    return base


def _like(value: Any) -> st.SearchStrategy[Any]:
    """Values of the same kind as ``value`` (most of them valid), or anything at all."""
    same: st.SearchStrategy[Any] = VALUES
    if isinstance(value, bool):
        same = st.booleans()
    elif isinstance(value, int):
        same = st.one_of(st.integers(-3, 1300), st.sampled_from([9007199254740991, 3660, 10000]))
    elif isinstance(value, float):
        same = st.floats(0, 20000)
    elif isinstance(value, dt.date):
        same = st.dates()
    elif isinstance(value, str):
        same = st.one_of(HOSTILE_TEXT, st.sampled_from(["a", "b", "c", "e", "t", "l1", "r"]))
    return st.one_of(same, same, same, VALUES)


def mutated(base: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Documents made from ``base`` by up to two edits: replace, remove, or add an item."""
    paths = _paths(base)
    leaves = [p for p in paths if not isinstance(_at(base, p), (dict, list))]
    edit = st.one_of(st.tuples(st.just("replace"), st.sampled_from(leaves)),
                     st.tuples(st.sampled_from(["replace", "remove", "add"]),
                               st.sampled_from(paths))).flatmap(
        lambda e: st.tuples(st.just(e[0]), st.just(e[1]), _like(_at(base, e[1]))))

    def apply(edits: list[tuple[str, tuple[Any, ...], Any]]) -> dict[str, Any]:
        doc: dict[str, Any] = json.loads(json.dumps(base, default=str))  # a deep copy
        _dates(doc)
        for kind, path, value in edits:
            parent: Any = doc
            for step in path[:-1]:
                if not isinstance(parent, (dict, list)) or step not in (
                        parent if isinstance(parent, dict) else range(len(parent))):
                    break
                parent = parent[step]
            else:
                last = path[-1]
                here = isinstance(parent, dict) and last in parent or \
                    isinstance(parent, list) and isinstance(last, int) and last < len(parent)
                if not here:
                    continue
                if kind == "replace":
                    parent[last] = value
                elif kind == "remove":
                    del parent[last]
                elif isinstance(parent, dict):
                    parent[f"x{len(parent)}"] = value
                else:
                    parent.append(value)
        return doc

    return st.lists(edit, max_size=2).map(apply)


def _dates(value: Any) -> None:
    """Turn the copy's ISO date strings back into dates (json.dumps wrote them as text)."""
    items = value.items() if isinstance(value, dict) else enumerate(value) \
        if isinstance(value, list) else ()
    for key, inner in list(items):
        if isinstance(inner, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", inner):
            value[key] = dt.date.fromisoformat(inner)
        else:
            _dates(inner)


def snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``root`` (but the cache): its digest and mode."""
    found = {}
    for path in sorted(root.rglob("*")):
        if "cache" in path.relative_to(root).parts or not path.is_file():
            continue
        found[str(path.relative_to(root))] = (hashlib.sha256(path.read_bytes()).hexdigest(),
                                              path.stat().st_mode)
    return found


class Workspace:
    """A catalog, a profile and a team file in one folder, and a way to run certpath on them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.catalog = root / "catalog"
        self.catalog.mkdir(exist_ok=True)
        self.profile = root / "config" / "profile.yaml"
        self.profile.parent.mkdir(exist_ok=True)
        self.team = root / "team.yaml"
        self.env = {"CERTPATH_PROFILE": str(self.profile), "CERTPATH_TODAY": "2026-03-02",
                    "CERTPATH_CACHE_DIR": str(root / "cache"), "NO_COLOR": "1",
                    "COLUMNS": "100"}

    def write(self, *, tracks: str | bytes | None = None, roles: str | bytes | None = None,
              profile: str | bytes | None = None, team: str | bytes | None = None) -> None:
        for path, content in ((self.catalog / "tracks.yaml", tracks or document(CATALOG)),
                              (self.catalog / "roles.yaml", roles or document(ROLES)),
                              (self.profile, profile or document(PROFILE)),
                              (self.team, team or document(TEAM))):
            data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) \
                else content
            path.write_bytes(data)

    def run(self, args: list[str], *, writes: tuple[Path, ...] = ()) -> Any:
        """Run certpath; check the exit code, that no traceback escaped, and what changed."""
        before = snapshot(self.root)
        result = CliRunner().invoke(app, ["--no-builtin", "-c", str(self.catalog), *args],
                                    env=self.env)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert result.exit_code in (0, 1, 2), (args, result.output)
        assert "Traceback" not in result.output
        after = snapshot(self.root)
        allowed = {str(p.relative_to(self.root)) for p in writes}
        allowed |= {f"{name}.lock" for name in allowed}
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        assert changed <= allowed, (args, changed - allowed, result.output)
        return result


@pytest.fixture
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """One workspace for all of a test's examples (each example writes every file afresh)."""
    return Workspace(tmp_path_factory.mktemp("fuzz"))


READ_COMMANDS = [
    ["validate"], ["validate", "--json"], ["tracks"], ["tracks", "--json"], ["show", "a"],
    ["show", "c", "--json"], ["roles"], ["learning-paths"], ["institutions"], ["next", "a"],
    ["path", "--to", "e"], ["path", "--to", "e", "--json"], ["recommend", "--role", "r"],
    ["recommend", "--json"], ["plan", "--to", "e", "--start", "2026-03-02"],
    ["plan", "--json", "--to", "e"], ["graph"], ["graph", "--format", "svg"],
    ["graph", "--format", "mermaid"], ["graph", "--format", "dot", "--to", "e"],
    ["graph", "--json"], ["profile", "show"], ["profile", "show", "--json"],
]


@FUZZ
@given(tracks=mutated(CATALOG), roles=mutated(ROLES), command=st.sampled_from(READ_COMMANDS))
def test_fuzz_catalog_documents(workspace: Workspace, tracks: dict[str, Any],
                                roles: dict[str, Any], command: list[str]) -> None:
    """A mutated catalog: every command exits 0, 1 or 2 and writes nothing, cached or not."""
    workspace.write(tracks=document(tracks), roles=document(roles))
    first = workspace.run(command)
    second = workspace.run(command)  # the second run reads what the first cached
    assert (first.exit_code, first.stdout) == (second.exit_code, second.stdout)


@FUZZ
@given(data=st.one_of(st.binary(max_size=300),
                      st.lists(st.sampled_from([b"tracks:", b"certifications:", b"\n", b"  - ",
                                                b"{id: a", b"}", b"\xff", b"\x00", b"\t",
                                                b"\xef\xbb\xbf", b"&a", b"*a", b"[", b": "]),
                               max_size=30).map(b"".join)),
       command=st.sampled_from([["validate"], ["tracks"], ["path", "--to", "e"]]))
def test_fuzz_catalog_bytes(workspace: Workspace, data: bytes, command: list[str]) -> None:
    """Raw bytes in place of tracks.yaml: exit 0, 1 or 2, nothing written."""
    workspace.write(tracks=data)
    workspace.run(command)


PROFILE_COMMANDS: list[tuple[list[str], bool]] = [  # (command, whether it writes the profile)
    (["profile", "show"], False), (["profile", "show", "--json"], False),
    (["path", "--to", "e"], False), (["recommend"], False), (["plan", "--json"], False),
    (["profile", "earn", "c", "--on", "2025-01-01"], True), (["profile", "forget", "a"], True),
    (["profile", "set", "--hours-per-week", "7"], True),
]


@FUZZ
@given(profile=st.one_of(mutated(PROFILE).map(document), st.binary(max_size=200)),
       command=st.sampled_from(PROFILE_COMMANDS))
def test_fuzz_profiles(workspace: Workspace, profile: str | bytes,
                       command: tuple[list[str], bool]) -> None:
    """A mutated or random profile: exit 0, 1 or 2; only a change that succeeds rewrites it."""
    args, writes = command
    workspace.write(profile=profile)
    before = workspace.profile.read_bytes()
    result = workspace.run(args, writes=(workspace.profile,) if writes else ())
    if result.exit_code != 0:
        assert workspace.profile.read_bytes() == before


@FUZZ
@given(team=st.one_of(mutated(TEAM).map(document), st.binary(max_size=200)),
       markdown=st.booleans(), as_json=st.booleans())
def test_fuzz_team_files(workspace: Workspace, team: str | bytes, markdown: bool,
                         as_json: bool) -> None:
    """A mutated or random team file: exit 0, 1 or 2; only the Markdown asked for is written."""
    workspace.write(team=team)
    out = workspace.root / "team.md"
    out.unlink(missing_ok=True)
    args = ["team", str(workspace.team)] + (["--markdown", str(out)] if markdown else []) \
        + (["--json"] if as_json else [])
    result = workspace.run(args, writes=(out,) if markdown else ())
    if result.exit_code != 0:
        assert not out.exists()


OPTION_TEXT = st.one_of(
    st.text(st.characters(codec=None, exclude_categories=()), max_size=12),
    st.sampled_from(["", " ", "a", "e", "A", "r", "9" * 5000, "-1", "0", "1e309", "nan", "inf",
                     "0.4", "168.01", "2024-02-30", "9999-12-31", "0001-01-01", "+99999999999d",
                     "+2w", "today", "next-monday", "a,,b", ",", "--json", "-", "\x1b[2J",
                     "\u202e", "\udcff", "\x00"]))
OPTIONS: list[tuple[str, Callable[[str], list[str]]]] = [
    ("show", lambda v: ["show", v]), ("next", lambda v: ["next", v]),
    ("path --to", lambda v: ["path", "--to", v]),
    ("path --have", lambda v: ["path", "--to", "e", "--have", v]),
    ("recommend --role", lambda v: ["recommend", "--role", v]),
    ("plan --start", lambda v: ["plan", "--to", "e", "--start", v]),
    ("plan --hours-per-week", lambda v: ["plan", "--to", "e", "--hours-per-week", v]),
    ("plan --pace", lambda v: ["plan", "--to", "e", "--pace", v]),
    ("graph --format", lambda v: ["graph", "--format", v]),
    ("graph --to", lambda v: ["graph", "--to", v]),
    ("tracks --track", lambda v: ["tracks", "--track", v]),
    ("tracks --level", lambda v: ["tracks", "--level", v]),
    ("team --start", lambda v: ["team", "TEAM", "--start", v]),
    ("faq", lambda v: ["faq", v]), ("help", lambda v: ["help", v]),
    ("schema", lambda v: ["schema", v]),
    ("profile earn --on", lambda v: ["profile", "earn", "a", "--on", v]),
]


@FUZZ
@given(option=st.sampled_from(OPTIONS), value=OPTION_TEXT, as_json=st.booleans())
def test_fuzz_option_values(workspace: Workspace, option: tuple[str, Callable[[str], list[str]]],
                            value: str, as_json: bool) -> None:
    """Any text as an option's value: exit 0, 1 or 2, nothing written but what earn records."""
    workspace.write()
    name, build = option
    args = [str(workspace.team) if a == "TEAM" else a for a in build(value)]
    args += ["--json"] if as_json and name not in ("help", "schema", "faq") else []
    result = workspace.run(args, writes=(workspace.profile,) if name.startswith("profile") else ())
    if as_json and result.exit_code == 1:
        json.loads(result.stdout)  # an error is a JSON document too


def _settable(text: str) -> bool:
    """Whether an environment variable can hold ``text`` (no NUL, encodable as the OS does)."""
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


ENVIRONMENT = ["CERTPATH_TODAY", "CERTPATH_HAVE", "CERTPATH_ROLE", "CERTPATH_HOURS_PER_WEEK",
               "COLUMNS", "CERTPATH_FORCE_TERMINAL", "TERM", "NO_COLOR"]


@FUZZ
@given(name=st.sampled_from(ENVIRONMENT), value=OPTION_TEXT.filter(_settable),
       command=st.sampled_from([["path", "--to", "e"], ["recommend"], ["plan", "--to", "e"],
                                ["profile", "show"], ["tracks"], ["show", "a"]]))
def test_fuzz_environment(workspace: Workspace, name: str, value: str,
                          command: list[str]) -> None:
    """Any text in a setting's environment variable: exit 0, 1 or 2, nothing written."""
    workspace.write()
    workspace.env[name] = value
    try:
        result = workspace.run(command)
    finally:
        workspace.env = Workspace(workspace.root).env
    if name == "COLUMNS" and result.exit_code == 0:
        assert result.stdout.strip()  # a width certpath cannot use draws at another, not nothing


@FUZZ
@given(team=st.one_of(mutated(TEAM).map(document), st.binary(max_size=200)),
       dry_run=st.booleans())
def test_fuzz_team_import(workspace: Workspace, team: str | bytes, dry_run: bool) -> None:
    """Importing a badge into a mutated team file: exit 0, 1 or 2; a failure leaves it as it was."""
    from tests import credential_fixtures as fx

    workspace.write(team=team)
    badge = workspace.root / "badge.json"
    badge.write_text(json.dumps({**fx.OB2_ASSERTION, "badge": {**fx.OB2_ASSERTION["badge"],
                                                               "name": "B"}}), encoding="utf-8")
    before = workspace.team.read_bytes()
    args = ["team", "import", str(workspace.team), "--member", "Ann", str(badge)]
    result = workspace.run(args + (["--dry-run"] if dry_run else []),
                           writes=() if dry_run else (workspace.team,))
    if result.exit_code != 0:
        assert workspace.team.read_bytes() == before


def _json_text(value: Any) -> str:
    """A generated document as JSON (dates as their ISO text, as a badge would write them)."""
    return json.dumps(value, default=str, ensure_ascii=False)


def _baked(doc: Any, how: str) -> bytes:
    """The document as a credential file: JSON, a JWS, or baked into a PNG or SVG badge."""
    from tests import credential_fixtures as fx

    text = _json_text(doc)
    if how == "jws":
        return (fx.b64url(b'{"alg":"none"}') + "." + fx.b64url(text.encode("utf-8", "replace"))
                + ".").encode()
    if how == "png":
        return fx.png(fx.itxt("openbadges", text))
    if how == "png3":
        return fx.png(fx.itxt("openbadgecredential", text))
    if how == "svg":
        return fx.svg(fx.OB3_NS, "credential", body=text.replace("&", "&amp;")
                      .replace("<", "&lt;"))
    return text.encode("utf-8", "surrogatepass")


def _credential_documents() -> st.SearchStrategy[Any]:
    from tests import credential_fixtures as fx

    # named after the fuzz catalog's certifications, so that most imports reach the profile
    ob2 = {**fx.OB2_ASSERTION, "badge": {**fx.OB2_ASSERTION["badge"], "name": "A"}}
    subject = fx.OB3_CREDENTIAL["credentialSubject"]
    ob3 = {**fx.OB3_CREDENTIAL, "credentialSubject": {
        **subject, "achievement": {**subject["achievement"], "name": "B"}}}
    credly = {"data": [{**item, "badge_template": {**item["badge_template"], "name": name}}
                       for item, name in zip(fx.CREDLY["data"], ("C", "E"), strict=True)]}
    return st.one_of(mutated(ob2), mutated(ob3), mutated(credly))


def _linkedin(rows: list[list[str]]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Name", "Url", "Authority", "Started On", "Finished On", "License Number"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


LINKEDIN_CELL = st.one_of(HOSTILE_TEXT, st.sampled_from(
    ["A", "b", "Mar 2024", "2024-03", "2024-13", "2024-02-30", "Sept 2023", "9999-12-31", ""]))
CREDENTIAL_FILES = st.one_of(
    st.tuples(_credential_documents(), st.sampled_from(["json", "jws", "png", "png3", "svg"]))
    .map(lambda pair: _baked(*pair)),
    st.lists(st.lists(LINKEDIN_CELL, min_size=0, max_size=7), max_size=3).map(_linkedin),
    st.binary(max_size=300),
    st.tuples(st.integers(0, 400), st.binary(min_size=1, max_size=4)).map(
        lambda cut: _damaged_png(*cut)),
)


def _damaged_png(at: int, junk: bytes) -> bytes:
    """A baked PNG badge with a few bytes overwritten (or cut short) somewhere."""
    from tests import credential_fixtures as fx

    data = bytearray(fx.png(fx.itxt("openbadges", _json_text(fx.OB2_ASSERTION))))
    at %= len(data)
    return bytes(data[:at] + junk + data[at + len(junk):]) if junk[0] % 2 else bytes(data[:at])


@FUZZ
@given(files=st.lists(CREDENTIAL_FILES, min_size=1, max_size=2), dry_run=st.booleans(),
       as_json=st.booleans(), team=st.booleans())
def test_fuzz_credential_files(workspace: Workspace, files: list[bytes], dry_run: bool,
                               as_json: bool, team: bool) -> None:
    """Generated credential files (JSON, JWS, baked PNG and SVG, LinkedIn CSV, raw and damaged
    bytes) into the profile or a team member: exit 0, 1 or 2, no traceback; only a successful
    import writes, and only the file it imports into."""
    workspace.write()
    paths = []
    for index, data in enumerate(files):
        path = workspace.root / "in" / f"credential-{index}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(str(path))
    into = workspace.team if team else workspace.profile
    before = into.read_bytes()
    args = ["team", "import", str(workspace.team), "--member", "Ann"] if team else \
        ["profile", "import"]
    args += paths + (["--dry-run"] if dry_run else []) + (["--json"] if as_json else [])
    result = workspace.run(args, writes=() if dry_run else (into,))
    event(f"exit {result.exit_code}, {'wrote' if into.read_bytes() != before else 'kept'}")
    if result.exit_code != 0:
        assert into.read_bytes() == before
    if as_json and result.exit_code in (0, 1):
        json.loads(result.stdout)  # a result or an error, always a JSON document


SHEET_HEADINGS = ["Name", "Employee Name", "Role", "Job Title", "Target", "Hours per week",
                  "Certifications", "Certification", "Issued", "Expires", "Notes", ""]
SHEET_CELL = st.one_of(HOSTILE_TEXT, st.sampled_from(TOKENS), st.sampled_from(
    ["Ann", "Bo", "r", "a", "b", "c", "e", "A", "a:2024-05-01; b", "c:2030-01-01", "10", "0",
     "=1+1", "@SUM(A1)", "+cmd|'/c calc'!A0", "45000", "2024-02-30", "31/12/2024", "1e309"]))


def _sheet(rows: list[list[str]], delimiter: str) -> bytes:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8", "surrogatepass")


SHEET = [["Name", "Role", "Certifications", "Hours per week"], ["Ann", "r", "a:2024-05-01; b", "10"],
         ["Bo", "", "c", "5"]]


def _edited_sheet(edits: list[tuple[int, int, str]]) -> list[list[str]]:
    """The valid sheet with a few cells replaced (a row or column past the end is added)."""
    rows = [list(row) for row in SHEET]
    for row, column, value in edits:
        while len(rows) <= row:
            rows.append([])
        rows[row] += [""] * (column + 1 - len(rows[row]))
        rows[row][column] = value
    return rows


@FUZZ
@given(data=st.one_of(
    st.tuples(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4), SHEET_CELL), max_size=2)
              .map(_edited_sheet), st.sampled_from(",;\t")).map(lambda t: _sheet(*t)),
    st.tuples(st.lists(st.sampled_from(SHEET_HEADINGS), min_size=1, max_size=6, unique=True),
              st.lists(st.lists(SHEET_CELL, max_size=6), max_size=4), st.sampled_from(",;\t"))
    .map(lambda t: _sheet([t[0], *t[1]], t[2])),
    st.binary(max_size=300)), as_json=st.booleans())
def test_fuzz_team_spreadsheets(workspace: Workspace, data: bytes, as_json: bool) -> None:
    """A generated team spreadsheet (CSV of hostile headings and cells, or raw bytes): exit 0, 1
    or 2, no traceback, nothing written."""
    workspace.write()
    sheet = workspace.root / "team.csv"
    sheet.write_bytes(data)
    result = workspace.run(["team", str(sheet)] + (["--json"] if as_json else []))
    event(f"exit {result.exit_code}")
    if as_json and result.exit_code in (0, 1):
        json.loads(result.stdout)


def _vendor_documents() -> st.SearchStrategy[tuple[str, Any]]:
    data = Path(__file__).parent / "data" / "vendors"
    ctdl = json.loads((data / "ctdl-graph.json").read_text(encoding="utf-8"))
    mslearn = json.loads((data / "mslearn-catalog.json").read_text(encoding="utf-8"))
    return st.one_of(st.tuples(st.just("ctdl"), mutated(ctdl)),
                     st.tuples(st.just("mslearn"), mutated(mslearn)))


@FUZZ
@given(vendor=_vendor_documents(), raw=st.one_of(st.none(), st.binary(max_size=200)))
def test_fuzz_vendor_imports(workspace: Workspace, vendor: tuple[str, Any],
                             raw: bytes | None) -> None:
    """A mutated CTDL or Microsoft Learn file (or raw bytes): import exits 0, 1 or 2 with no
    traceback, writes only the catalog folder it was asked for, and what it writes validates."""
    kind, doc = vendor
    source = workspace.root / "vendor.json"
    source.write_bytes(raw if raw is not None else _json_text(doc).encode("utf-8", "surrogatepass"))
    out = workspace.root / "imported"
    if out.exists():
        for path in out.iterdir():
            path.unlink()
        out.rmdir()
    before = snapshot(workspace.root)
    result = workspace.run(["import", kind, str(source), "-o", str(out)],
                           writes=tuple(out / name for name in ("tracks.yaml", "roles.yaml",
                                                               "institutions.yaml", "sources.yaml")))
    written = {k for k in snapshot(workspace.root) if k not in before}
    event(f"exit {result.exit_code}")
    assert all(k.startswith("imported") for k in written), written
    if result.exit_code == 0:
        check = CliRunner().invoke(app, ["--no-builtin", "-c", str(out), "validate"],
                                   env=workspace.env)
        assert check.exit_code == 0, check.output
    else:
        assert not written
