"""``certpath diff``: the text view, the JSON document and the Markdown of a pull-request comment."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from certpath.render import sanitiser
from certpath.render.blocks import View

if TYPE_CHECKING:
    from certpath.catalogdiff import CatalogDiff, EntryChanges, FieldChange, PathChange


def _value(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, (list, dict)):
        return "(changed)" if value else "none"
    return repr(value) if isinstance(value, str) else str(value)


def _fields(fields: tuple[FieldChange, ...]) -> str:
    return "; ".join(f"{f.field} {_value(f.before)} -> {_value(f.after)}"
                     if not isinstance(f.before, (list, dict)) and not isinstance(f.after, (list, dict))
                     else f"{f.field} changed" for f in fields)


def _steps(steps: tuple[tuple[str, bool], ...] | str) -> str:
    if isinstance(steps, str):
        return f"({steps})"
    if not steps:
        return "(nothing to take)"
    return " -> ".join(cid if required else f"{cid} (recommended)" for cid, required in steps)


def _lines(diff: CatalogDiff) -> list[tuple[str, list[str]]]:
    """Return each section's title and lines: the one wording that text and Markdown share."""
    sections: list[tuple[str, list[str]]] = []

    def entries(title: str, changes: EntryChanges) -> None:
        lines = [f"+ {i} ({n})" for i, n in changes.added]
        lines += [f"- {i} ({n})" for i, n in changes.removed]
        lines += [f"~ {i}: {_fields(f)}" for i, f in changes.changed]
        if lines:
            sections.append((f"{title} ({len(changes.added)} added, {len(changes.removed)} removed, "
                             f"{len(changes.changed)} changed)", lines))

    entries("Certifications", diff.certifications)
    requirements = [f"+ {c} requires {t}" for c, t in diff.requirements_added]
    requirements += [f"- {c} requires {t}" for c, t in diff.requirements_removed]
    if requirements:
        sections.append((f"Requirements ({len(diff.requirements_added)} added, "
                         f"{len(diff.requirements_removed)} removed)", requirements))
    entries("Roles", diff.roles)
    if diff.fees:
        sections.append((f"Fees ({len(diff.fees)} changed)",
                         [f"~ {c}: {b or 'unknown'} -> {a or 'unknown'}" for c, b, a in diff.fees]))
    if diff.paths:
        sections.append((f"Paths that change ({len(diff.paths)})", [
            f"{p.kind} {p.id}" + (f" (to {p.target})" if p.kind == "role" and p.target else "")
            + f": {_steps(p.before)}  =>  {_steps(p.after)}" for p in diff.paths]))
    return sections


def diff_view(diff: CatalogDiff, old: str, new: str) -> View:
    """The changes, section by section, then the paths before and after."""
    view = View()
    view.para(f"certpath diff {old} {new}", "bold")
    if diff.empty:
        view.para("No change: both catalogs say the same.")
    for title, lines in _lines(diff):
        view.heading(title, 2)
        for line in lines:
            view.para(line, "green" if line.startswith("+") else "red" if line.startswith("-") else "")
    return view


def diff_markdown(diff: CatalogDiff, old: str, new: str) -> str:
    """The changes as GitHub-flavoured Markdown, for a pull-request comment."""
    out = [f"### certpath diff: {sanitiser.markdown(old)} -> {sanitiser.markdown(new)}", ""]
    if diff.empty:
        out += ["No change: both catalogs say the same.", ""]
    for title, lines in _lines(diff):
        out += [f"**{sanitiser.markdown(title)}**", ""]
        out += [f"- {sanitiser.markdown(line)}" for line in lines]
        out.append("")
    return "\n".join(out)


def diff_document(diff: CatalogDiff, old: str, new: str) -> dict[str, Any]:
    """The ``diff --json`` document."""
    from certpath.render.jsondoc import document

    def entries(changes: EntryChanges) -> dict[str, Any]:
        return {"added": [{"id": i, "name": n} for i, n in changes.added],
                "removed": [{"id": i, "name": n} for i, n in changes.removed],
                "changed": [{"id": i, "fields": [{"field": f.field, "before": f.before,
                                                  "after": f.after} for f in fields]}
                            for i, fields in changes.changed]}

    def steps(value: tuple[tuple[str, bool], ...] | str) -> Any:
        if isinstance(value, str):
            return {"steps": None, "note": value}
        return {"steps": [{"id": c, "required": r} for c, r in value], "note": None}

    def path(p: PathChange) -> dict[str, Any]:
        return {"kind": p.kind, "id": p.id, "target": p.target, "before": steps(p.before),
                "after": steps(p.after)}

    return document(
        old=old, new=new, changed=not diff.empty,
        certifications=entries(diff.certifications),
        requirements={"added": [{"certification": c, "requirement": t}
                                for c, t in diff.requirements_added],
                      "removed": [{"certification": c, "requirement": t}
                                  for c, t in diff.requirements_removed]},
        roles=entries(diff.roles),
        fees=[{"certification": c, "before": b, "after": a} for c, b, a in diff.fees],
        paths=[path(p) for p in diff.paths],
    )
