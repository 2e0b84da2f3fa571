"""Starting points: a commented starter catalog, and the example catalogs and team files shipped.

The starter files live in ``templates/`` inside the package; the examples are the repository's
``examples/`` folder, which the wheel carries as ``certpath/examples``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from certpath.errors import CertpathError, UnknownNameError
from certpath.layers import FILE_NAMES

TEAM_TEMPLATE = "team.yaml"


@dataclass(frozen=True)
class Example:
    """One shipped example: a catalog directory or a team file, and the files a copy takes."""

    name: str
    kind: str  # "catalog" or "team"
    about: str
    files: tuple[Path, ...]


def templates_dir() -> Path:
    """Return the directory of the starter files."""
    return Path(__file__).resolve().parent / "templates"


def init_catalog(directory: Path, *, team: Path | None = None) -> list[Path]:
    """Write the starter catalog into ``directory`` (new or empty) and a team file; return them.

    Nothing is overwritten: a non-empty directory or an existing team file is refused first.
    """
    targets = [(templates_dir() / f"{stem}.yaml", directory / f"{stem}.yaml") for stem in FILE_NAMES]
    if team is not None:
        targets.append((templates_dir() / TEAM_TEMPLATE, team))
    _refuse_existing(directory, [t for _, t in targets])
    return _copy(targets)


def examples() -> list[Example]:
    """Return the shipped examples: catalogs first, then team files, each by name."""
    from certpath.shipped import shipped_dir
    root = shipped_dir("examples")
    if not root.is_dir():
        return []
    found: list[Example] = []
    entries = sorted(root.iterdir())
    for folder in (p for p in entries if p.is_dir() and (p / "tracks.yaml").is_file()):
        files = tuple(sorted(p for p in folder.rglob("*.yaml") if p.is_file()))
        found.append(Example(folder.name, "catalog", _about(folder / "tracks.yaml"), files))
    data = [p for p in entries if p.is_file() and p.suffix != ".yaml"]
    for team in sorted((p for p in entries if p.is_file() and p.suffix == ".yaml"), key=lambda p: p.stem):
        text = team.read_text(encoding="utf-8")
        beside = tuple(p for p in data if p.name in text)  # the spreadsheets it reads
        found.append(Example(team.stem, "team", _about(team), (team, *beside)))
    return found


def copy_example(name: str, target: Path) -> tuple[list[Path], str]:
    """Copy a shipped example into ``target`` (a catalog becomes that directory's contents).

    Return the files written and the kind of example.
    """
    known = {e.name: e for e in examples()}
    if name not in known:
        import difflib
        raise UnknownNameError("example", name, difflib.get_close_matches(name, list(known), n=3)
                               or list(known))
    example = known[name]
    base = example.files[0].parent
    pairs = [(f, target / f.relative_to(base)) for f in example.files]
    _refuse_existing(target if example.kind == "catalog" else None, [t for _, t in pairs])
    return _copy(pairs), example.kind


def _about(path: Path) -> str:
    """Return the first sentence of a file's opening comment (after any editor modeline)."""
    words: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        text = line.lstrip("# ").strip()
        if text.startswith("yaml-language-server:"):
            continue
        words.append(text)
        if "." in text and not text.endswith("e.g."):
            break
    sentence = " ".join(words)
    return sentence.split(". ")[0].rstrip(".:") if sentence else ""


def _refuse_existing(directory: Path | None, targets: list[Path]) -> None:
    if directory is not None and directory.exists():
        if not directory.is_dir():
            raise CertpathError(f"{directory}: exists and is not a directory")
        if any(directory.iterdir()):
            raise CertpathError(f"{directory}: exists and is not empty; give a new directory")
    for target in targets:
        if target.exists() or target.is_symlink():
            raise CertpathError(f"{target}: already exists; certpath does not overwrite it")


def _copy(pairs: list[tuple[Path, Path]]) -> list[Path]:
    from certpath.files import make_parent, write_outputs
    for _, target in pairs:
        make_parent(target)
    write_outputs([(target, source.read_bytes()) for source, target in pairs])
    return [t for _, t in pairs]
