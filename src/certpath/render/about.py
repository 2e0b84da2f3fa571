"""The human view of ``certpath about``: narrative sections and testimonials."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from certpath.render.blocks import View

if TYPE_CHECKING:  # types only
    from certpath.model import Certification


def about_view(certs: Sequence[Certification]) -> View:
    """Each certification's narrative, section by section, then its testimonials."""
    view = View()
    if not certs:
        view.para("The catalog has no narrative or testimonials for any certification.")
    for cert in certs:
        view.heading(f"About {cert.name}")
        if not cert.narrative and not cert.testimonials:
            view.para("The catalog has no narrative or testimonials for it: "
                      f"'certpath show {cert.id}' lists its facts.")
        for passage in cert.narrative:
            view.heading(passage.title, 2)
            view.para(passage.text)
        if cert.testimonials:
            view.heading("Testimonials", 2)
            for said in cert.testimonials:
                view.para(f"“{said.text}”")
                view.para(f"— {said.author}", "italic")
    return view
