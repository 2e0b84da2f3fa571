"""The README's pictures: all in media/, each drawn by media/render.py, none anywhere else."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
_IMAGE = re.compile(r"\]\(([^)\s]+\.png)\)")


def _render() -> ModuleType:
    spec = importlib.util.spec_from_file_location("media_render", ROOT / "media" / "render.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_picture_shown_is_in_media_and_drawn_by_render_py() -> None:
    """Each PNG the README and docs link is a file in media/ that render.py draws, and back."""
    shown = {link for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
             for link in _IMAGE.findall(doc.read_text(encoding="utf-8"))}
    assert shown, "the README shows its pictures"
    assert {Path(link).parent.as_posix() for link in shown} == {"media"}
    render = _render()
    drawn = {f"media/{name}.png" for name in [*render.SHOTS, *render.REPORTS]}
    assert shown == drawn
    assert {f"media/{p.name}" for p in (ROOT / "media").glob("*.png")} == drawn


def test_no_picture_lives_outside_media() -> None:
    """docs/ (which ships in the wheel) and the rest of the tree hold no screenshot."""
    stray = [p.relative_to(ROOT).as_posix() for p in ROOT.glob("*/*.png")
             if p.parent.name != "media" and ".venv" not in p.parts]
    assert stray == []
