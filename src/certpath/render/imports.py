"""What ``profile import`` and ``team import`` do to each credential: the table and the JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from certpath.credentials.matching import ACTIONS
from certpath.holdings import date_text
from certpath.render.blocks import View, joined
from certpath.render.jsondoc import Doc, document, ref

if TYPE_CHECKING:  # types only
    from certpath.catalog import Catalog
    from certpath.credentials.matching import Row

_ACTION_TEXT = {"add": "add", "update": "update the date", "recorded": "already recorded",
                "unmatched": "unmatched", "ambiguous": "ambiguous: not recorded",
                "superseded": "superseded", "withdrawn": "withdrawn: not recorded"}


def import_view(catalog: Catalog, rows: Sequence[Row], *, into: str, dry_run: bool) -> View:
    """The import table: each credential, the certification it means and what happens to it."""
    view = View()
    view.heading(f"Import into {into}" + (" (dry run: nothing is written)" if dry_run else ""))
    table = []
    for row in rows:
        c = row.credential
        cert = catalog.certifications[row.match.cert].name if row.match.cert else "-"
        table.append((c.name, c.issuer or "-", cert, date_text(c.earned, month=c.earned_month),
                      date_text(c.expires, month=c.expires_month) or "-",
                      _ACTION_TEXT[row.action]))
    view.table(("Credential", "Issuer", "Certification", "Earned", "Expires", "Action"), table,
               styles=("bold", "", "", "", "", "yellow"))
    notes = []
    for row in rows:
        c = row.credential
        if row.action == "unmatched":
            nearest = (f"nearest: {joined(row.match.nearest)}" if row.match.nearest
                       else "no catalog name is close")
            notes.append(f"{c.name}: matches no certification of the catalog ({nearest}); "
                         "a catalog's 'badges' field can name it")
        elif row.action == "ambiguous":
            names = [catalog.certifications[i].name for i in row.match.ids]
            notes.append(f"{c.name}: could mean {joined(names, ' or ')}; not guessed: record it "
                         "with 'certpath profile earn'")
        notes.extend(f"{c.name}: {note}" for note in row.notes)
    view.bullets(notes, heading="Notes")
    view.para(summary(rows, dry_run=dry_run))
    return view


def summary(rows: Sequence[Row], *, dry_run: bool) -> str:
    """One line counting what the import does (or would do)."""
    counts = Counter(row.action for row in rows)
    changed = counts["add"] + counts["update"]
    verb = "would record" if dry_run else "recorded"
    text = f"{verb} {changed} of {len(rows)} credential{'s' if len(rows) != 1 else ''}"
    skipped = [f"{counts[a]} {_ACTION_TEXT[a]}" for a in ("recorded", "unmatched", "ambiguous",
                                                          "superseded", "withdrawn") if counts[a]]
    return text + (f" ({', '.join(skipped)})" if skipped else "")


def import_document(catalog: Catalog, rows: Sequence[Row], *, into: str, dry_run: bool,
                    member: str | None = None) -> Doc:
    """Return the ``profile import --json`` (and ``team import --json``) document."""
    items = []
    for row in rows:
        c = row.credential
        items.append({
            "name": c.name, "issuer": c.issuer, "format": c.format, "source": c.source,
            "signed": c.signed, "verified": False,
            "earned": date_text(c.earned, month=c.earned_month),
            "expires": date_text(c.expires, month=c.expires_month),
            "certification": ref(catalog.certifications[row.match.cert]) if row.match.cert
            else None,
            "matched_by": row.match.by if row.match.cert else None,
            "candidates": [ref(catalog.certifications[i]) for i in row.match.ids]
            if row.action == "ambiguous" else [],
            "nearest": list(row.match.nearest),
            "action": row.action, "notes": list(row.notes)})
    counts = Counter(row.action for row in rows)
    fields: dict[str, object] = {"file": into}
    if member is not None:
        fields["member"] = member
    return document(**fields, dry_run=dry_run, credentials=items,
                    counts={a: counts[a] for a in ACTIONS})
