"""Generate large synthetic catalogs, deterministically, shaped like real ones.

A catalog of N certifications has N // 50 tracks of 50 certifications each, over four levels. In
a track, each certification requires the one before it; every fifth also requires one of two or
three certifications of earlier tracks (an any-of), every seventh recommends the one two places
back, and some must still be valid. There is a role and a learning path per track, and an
institution per five tracks. The same N always gives the same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

PER_TRACK = 50
LEVELS = (("foundation", "Foundation", 1), ("associate", "Associate", 2),
          ("professional", "Professional", 3), ("expert", "Expert", 4))
_WORDS = ("pipelines", "monitoring", "governance", "security", "serving", "feature stores",
          "drift", "automation", "observability", "cost control", "experiment tracking",
          "model registry", "data quality", "incident response", "capacity planning")


def cert_id(track: int, index: int) -> str:
    """Return the id of the ``index``-th certification of a track."""
    return f"t{track:04d}-c{index:02d}"


def generate(directory: Path, count: int) -> str:
    """Write a catalog of ``count`` certifications into ``directory``; return the deepest id."""
    rng = random.Random(count)  # noqa: S311 - reproducible test data, not cryptography
    tracks = max(1, count // PER_TRACK)
    depth: dict[str, int] = {}
    lines = ["schema_version: 1", "levels:"]
    lines += [f"  - {{id: {i}, name: {n}, rank: {r}}}" for i, n, r in LEVELS]
    lines.append("tracks:")
    lines += [f"  - {{id: track-{t:04d}, name: Track {t}}}" for t in range(tracks)]
    lines.append("certifications:")
    for t in range(tracks):
        for i in range(PER_TRACK):
            lines += _certification(rng, t, i, depth)
    lines += ["faq:", "  - id: general", "    title: General", "    entries:",
              "      - question: How long does it take?",
              "        answer: It depends on the track."]
    (directory / "tracks.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (directory / "roles.yaml").write_text(_roles(tracks), encoding="utf-8")
    (directory / "institutions.yaml").write_text(_institutions(tracks), encoding="utf-8")
    return max(depth, key=lambda cid: (depth[cid], cid))


def _certification(rng: random.Random, t: int, i: int, depth: dict[str, int]) -> list[str]:
    cid = cert_id(t, i)
    level = LEVELS[i * len(LEVELS) // PER_TRACK]
    needs: list[str] = []
    lines = [f"  - id: {cid}", f"    name: Track {t} {level[1]} {i}",
             f"    aliases: [T{t}-{i}]", f"    track: track-{t:04d}", f"    level: {level[0]}",
             f"    order: {i + 1}", f"    audience: Engineers working on {rng.choice(_WORDS)}",
             f"    prerequisites: [{rng.choice(_WORDS).capitalize()}]"]
    requires: list[str] = []
    if i > 0:
        requires.append(f"      - {cert_id(t, i - 1)}")
        needs.append(cert_id(t, i - 1))
    if i % 5 == 4 and t > 0:
        options = sorted({cert_id(rng.randrange(t), rng.randrange(i)) for _ in range(3)})
        requires.append(f"      - any_of: [{', '.join(options)}]")
        needs.extend(options)
    if i % 7 == 6:
        requires += [f"      - cert: {cert_id(t, i - 2)}", "        recommended: true"]
    if i % 11 == 10:
        requires += [f"      - cert: {cert_id(t, i - 3)}", "        must_be_valid: true"]
    if requires:
        lines += ["    requires:", *requires]
    skills = sorted(rng.sample(_WORDS, 3))
    lines += [f"    skills: [{', '.join(s.capitalize() for s in skills)}]",
              f"    validity_months: {rng.choice((24, 36))}",
              f"    effort: {{hours: {rng.randrange(10, 120)}, estimate: true}}"]
    depth[cid] = 1 + max((depth[n] for n in needs), default=0)
    return lines


def _roles(tracks: int) -> str:
    lines = ["schema_version: 1", "roles:"]
    for t in range(tracks):
        lines += [f"  - id: role-{t:04d}", f"    name: Role {t}",
                  f"    focus_area: Track {t} Expert", "    strategic_value: Systems stay up.",
                  f"    target: {cert_id(t, PER_TRACK - 1)}",
                  f"    learning_paths: [path-{t:04d}]"]
    lines.append("learning_paths:")
    for t in range(tracks):
        lines += [f"  - id: path-{t:04d}", f"    name: Path {t}", "    audience: Engineers",
                  f"    tracks: [track-{t:04d}]"]
    return "\n".join(lines) + "\n"


def _institutions(tracks: int) -> str:
    lines = ["schema_version: 1", "institutions:"]
    for k in range(0, tracks, 5):
        served = ", ".join(f"track-{t:04d}" for t in range(k, min(k + 5, tracks)))
        lines += [f"  - id: school-{k:04d}", f"    name: School {k}", f"    tracks: [{served}]",
                  f"    learning_paths: [path-{k:04d}]"]
    return "\n".join(lines) + "\n"
