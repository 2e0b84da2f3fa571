"""The human view of a guided session: the recommendation, then the plan that ``plan`` shows."""

from __future__ import annotations

from certpath.advice import Advice
from certpath.catalog import Catalog
from certpath.render.blocks import View
from certpath.render.planviews import plan_view
from certpath.render.views import recommend_view


def advice_view(catalog: Catalog, advice: Advice, rerun: str | None = None) -> View:
    """Return the recommendation, the study plan of its path, and how to skip the questions."""
    view = recommend_view(catalog, advice.recommendation)
    if advice.schedule is not None:
        view.blocks.extend(plan_view(catalog, advice.schedule).blocks)
    if rerun:
        view.para(f"Next time, skip the questions: {rerun}", "dim")
    return view
