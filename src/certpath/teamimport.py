"""``team import``: record a member's credentials in a team file, changing only that member's line.

The team file is a file people write by hand, so it is not re-dumped: the member's ``have`` list
is replaced in place (or added after the member's name), with each imported certification as
``id:YYYY-MM-DD``, and every other line, comment included, is kept. The result is read back
before it is written; the write is atomic and locked like the profile's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from certpath.catalog import Catalog
from certpath.credentials import Credential
from certpath.credentials.matching import Row, apply_import, plan_import
from certpath.dates import iso_date
from certpath.errors import CatalogError, CertpathError, Finding, TeamError, UnknownNameError
from certpath.profile import Profile, locked


@dataclass(frozen=True)
class TeamImport:
    """What importing into one member does: the rows, and the member's new ``have`` list."""

    member: str
    rows: tuple[Row, ...]
    have: tuple[str, ...]
    text: str  # the team file as it will be written
    before: str  # the team file as it was read


def plan_member_import(catalog: Catalog, path: Path, member: str,
                       credentials: Sequence[Credential]) -> TeamImport:
    """Work out what importing ``credentials`` into ``member`` of the team file does."""
    import yaml

    text = _read(path)
    node, index = _member_node(text, path, member)
    have_node = next((v for k, v in node.value if k.value == "have"), None)
    if isinstance(have_node, yaml.SequenceNode) and not all(
            isinstance(i, yaml.ScalarNode) for i in have_node.value):
        raise TeamError([_finding(path, f"{member}'s have list holds something that is not a "
                                  "name; fix it by hand ('certpath team' says where)")])
    items = [str(i.value) for i in have_node.value] if isinstance(
        have_node, yaml.SequenceNode) else []
    held: dict[str, dt.date | None] = {}
    for item in items:
        name, _, day = item.rpartition(":") if item.rpartition(":")[2][:1].isdigit() \
            else (item, "", "")
        try:
            held[catalog.resolve_cert(name.strip()).id] = iso_date(day.strip()) \
                if day else None
        except (UnknownNameError, ValueError):
            continue  # 'certpath team' reports it; the import leaves the item as it is
    before = Profile(earned=held, source=str(path))
    rows = plan_import(catalog, before, credentials)
    after = apply_import(before, rows)
    changed = {cert for cert in after.earned if after.earned[cert] != held.get(cert, False)}
    kept = [item for item in items if _cert_of(catalog, item) not in changed]
    new = [f"{cert}:{day.isoformat()}" if day else cert
           for cert, day in after.earned.items() if cert in changed]
    have = tuple(kept + new)
    return TeamImport(member, rows, have, _edited(text, path, node, have_node, have, index), text)


def write_member_import(path: Path, found: TeamImport) -> None:
    """Write the edited team file atomically, under a lock, if it did not change meanwhile."""
    from certpath.files import write_atomic
    target = Path(os.path.realpath(path))
    with locked(path, what="team file"):
        if _read(target) != found.before:
            raise CertpathError(f"{path}: the team file changed while certpath was reading it; "
                                "run the import again")
        write_atomic(target, found.text.encode("utf-8"), mode=_mode(target))


def _mode(target: Path) -> int:
    return target.stat().st_mode & 0o7777


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CertpathError(f"{path}: cannot read the team file: {exc}") from None


def _member_node(text: str, path: Path, member: str) -> tuple[Any, int]:
    import yaml

    from certpath.yamldoc import parse_yaml
    try:  # certpath's own reader first: its limits (size, nesting, aliases) hold here too
        parse_yaml(text.encode("utf-8"), source=str(path))
    except CatalogError as exc:
        raise TeamError(exc.findings) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        raise TeamError([_finding(path, f"not YAML: {exc}")]) from None
    members = None
    if isinstance(root, yaml.MappingNode):
        members = next((v for k, v in root.value if k.value == "members"), None)
    if not isinstance(members, yaml.SequenceNode):
        raise TeamError([_finding(path, "a team file with a 'members' list, as 'certpath team' "
                                  "reads, is needed (a spreadsheet team is edited in its sheet)")])
    names = []
    for index, node in enumerate(members.value):
        if isinstance(node, yaml.MappingNode):
            name = next((v.value for k, v in node.value if k.value == "name"), None)
            names.append(str(name))
            if name == member:
                return node, index
    raise UnknownNameError("member", member, [n for n in names if n.casefold() ==
                                              member.casefold()] or names[:5], source=str(path))


def _cert_of(catalog: Catalog, item: str) -> str | None:
    head, sep, tail = item.rpartition(":")
    name = head if sep and tail.strip()[:1].isdigit() else item
    try:
        return catalog.resolve_cert(name.strip()).id
    except UnknownNameError:
        return None


def _edited(text: str, path: Path, node: Any, have_node: Any, have: tuple[str, ...],
            index: int) -> str:
    """Replace (or add) the member's ``have`` list in the text, then check the result."""
    import yaml

    flow = "[" + ", ".join(h if _PLAIN.fullmatch(h) else
                           json.dumps(h).replace("\x7f", "\\u007f") for h in have) + "]"
    assert isinstance(node, yaml.MappingNode)  # noqa: S101 - _member_node returns one
    if isinstance(have_node, yaml.SequenceNode) and have_node.value:
        start = have_node.start_mark.index
        end = have_node.end_mark.index if have_node.flow_style else \
            have_node.value[-1].end_mark.index
        edited = text[:start] + flow + text[end:]
    elif isinstance(have_node, yaml.Node):  # have: [] or have: (nothing)
        start, end = have_node.start_mark.index, have_node.end_mark.index
        edited = text[:start] + flow + text[end:]
    elif node.flow_style:
        end = node.end_mark.index - 1  # before the closing brace
        edited = text[:end] + f", have: {flow}" + text[end:]
    else:
        name_value = next(v for k, v in node.value if k.value == "name")
        at = name_value.end_mark.index
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        indent = " " * node.start_mark.column
        edited = text[:line_end] + f"\n{indent}have: {flow}" + text[line_end:]
    try:
        check = yaml.safe_load(edited)
        placed = [str(h) for h in check["members"][index].get("have") or []]
    except (yaml.YAMLError, LookupError, TypeError, AttributeError):
        placed = None
    if placed != list(have):
        raise CertpathError(f"{path}: certpath could not place the member's have list safely; "
                            f"set it by hand to {flow}")
    return edited


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
"""A have item written as it is; any other is quoted (JSON escapes are YAML's too)."""


def _finding(path: Path, message: str) -> Finding:
    return Finding(str(path), 0, 0, "error", message)
