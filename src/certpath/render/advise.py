"""The human view of a guided session: the recommendation, its path, and the timeline."""

from __future__ import annotations

from certpath.advice import Advice, Study
from certpath.catalog import Catalog
from certpath.render.blocks import View, joined
from certpath.render.views import recommend_view


def advice_view(catalog: Catalog, advice: Advice, rerun: str | None = None) -> View:
    """Return the recommendation, the timeline at the chosen pace, and how to skip the questions."""
    view = recommend_view(catalog, advice.recommendation)
    if advice.study is not None:
        study_view(catalog, advice.study, view)
    if rerun:
        view.para(f"Next time, skip the questions: {rerun}", "dim")
    return view


def study_view(catalog: Catalog, study: Study, view: View) -> View:
    """Add how long the path takes at the chosen pace."""
    view.heading("How long it takes")
    hours = f"{study.hours:g} h" + (" (includes estimates)" if study.estimate else "")
    view.fields([
        ("Study time", hours),
        ("Pace", f"{study.hours_per_week:g} h a week: {study.weeks} week"
                 + ("" if study.weeks == 1 else "s")),
        ("From", study.start.isoformat()),
        ("To about", study.finish.isoformat()),
    ])
    if study.unknown:
        view.para("Not counted, the catalog gives no hours for: "
                  + joined(catalog.certifications[c].name for c in study.unknown), "yellow")
    return view
