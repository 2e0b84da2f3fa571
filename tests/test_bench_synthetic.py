"""The benchmark's synthetic catalogs: valid, reproducible, and with the deepest target named."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from certpath.catalog import load_catalog
from certpath.planning import plan_path

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "synthetic.py"


@pytest.fixture(scope="module")
def synthetic() -> ModuleType:
    """Import bench/synthetic.py (the benchmark is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("synthetic", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_catalog_loads_and_is_shaped_like_a_real_one(synthetic: ModuleType,
                                                               tmp_path: Path) -> None:
    """A generated catalog loads without findings and has every kind of edge and entry."""
    synthetic.generate(tmp_path, 200)
    catalog = load_catalog([tmp_path], builtin=False)
    assert len(catalog.certifications) == 200
    assert catalog.warnings == []
    requirements = [r for cid in catalog.certifications for r in catalog.requirements(cid)]
    assert any(r.any_of for r in requirements)
    assert any(r.recommended for r in requirements)
    assert any(r.must_be_valid for r in requirements)
    assert any(c.preparation for c in catalog.certifications.values())
    assert catalog.roles
    assert catalog.institutions


def test_same_size_gives_the_same_bytes(synthetic: ModuleType, tmp_path: Path) -> None:
    """Generating twice gives identical files, so runs of the benchmark compare."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    assert synthetic.generate(first, 150) == synthetic.generate(second, 150)
    for name in ("tracks.yaml", "roles.yaml", "institutions.yaml"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_deepest_certification_has_the_longest_path(synthetic: ModuleType, tmp_path: Path) -> None:
    """The certification named deepest has at least as long a path as any other."""
    deepest = synthetic.generate(tmp_path, 150)
    catalog = load_catalog([tmp_path], builtin=False)
    lengths = {cid: len(plan_path(catalog, cid).steps) for cid in catalog.certifications}
    assert lengths[deepest] == max(lengths.values())


def test_a_split_catalog_holds_the_same_certifications(synthetic: ModuleType,
                                                       tmp_path: Path) -> None:
    """Split across tracks.d/ (two tracks a file), the catalog loads to the same certifications."""
    whole, split = tmp_path / "whole", tmp_path / "split"
    whole.mkdir()
    split.mkdir()
    assert synthetic.generate(whole, 250) == synthetic.generate(split, 250, tracks_per_file=2)
    assert sorted(p.name for p in (split / "tracks.d").iterdir()) == [
        "0000.yaml", "0001.yaml", "0002.yaml"]
    one = load_catalog([whole], builtin=False)
    parts = load_catalog([split], builtin=False)
    assert parts.warnings == []
    assert list(parts.certifications) == list(one.certifications)
    assert all(parts.certifications[c] == one.certifications[c] for c in one.certifications)
