"""Generate large synthetic catalogs, deterministically, shaped like real ones.

A catalog of N certifications has N // 50 tracks of 50 certifications each, over four levels. In
a track, each certification requires the one before it; every fifth also requires one of two or
three certifications of earlier tracks (an any-of), every seventh recommends the one two places
back, and some must still be valid. There is a role and a learning path per track, and an
institution per five tracks. The same N always gives the same bytes.

Entries are sized like the shipped catalog's: most give the overview fields (about 550 bytes of
YAML), and one in nine is described in full, with competencies, projects, preparation plans,
pitfalls and what comes next (about 5 KB), as the shipped MLOps Architect is.
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


def generate(directory: Path, count: int, *, tracks_per_file: int | None = None) -> str:
    """Write a catalog of ``count`` certifications into ``directory``; return the deepest id.

    With ``tracks_per_file``, the certifications are split across ``tracks.d/``, that many
    tracks' worth in each file, as a platform team's large catalog is; tracks.yaml keeps the
    levels, the tracks and the FAQ. The certifications are the same either way.
    """
    rng = random.Random(count)  # noqa: S311 - reproducible test data, not cryptography
    tracks = max(1, count // PER_TRACK)
    depth: dict[str, int] = {}
    lines = ["schema_version: 1", "levels:"]
    lines += [f"  - {{id: {i}, name: {n}, rank: {r}}}" for i, n, r in LEVELS]
    lines.append("tracks:")
    lines += [f"  - {{id: track-{t:04d}, name: Track {t}}}" for t in range(tracks)]
    per_file = tracks_per_file or tracks
    parts: list[list[str]] = []
    for t in range(tracks):
        if t % per_file == 0:
            parts.append(["certifications:"])
        for i in range(PER_TRACK):
            parts[-1] += _certification(rng, t, i, depth)
    faq = ["faq:", "  - id: general", "    title: General", "    entries:",
           "      - question: How long does it take?",
           "        answer: It depends on the track."]
    if tracks_per_file is None:
        lines += [*parts[0], *faq]
    else:
        lines += faq
        split = directory / "tracks.d"
        split.mkdir()
        for number, part in enumerate(parts):
            (split / f"{number:04d}.yaml").write_text("\n".join(part) + "\n", encoding="utf-8")
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
              "    effort:", f"      hours: {rng.randrange(10, 120)}", "      estimate: true",
              "      note: certpath estimate; the source states no study hours."]
    if (t * PER_TRACK + i) % 9 == 8:
        lines += _details(rng, t)
    depth[cid] = 1 + max((depth[n] for n in needs), default=0)
    return lines


def _sentence(rng: random.Random) -> str:
    first, second, third = rng.sample(_WORDS, 3)
    return (f"{first.capitalize()} and {second} are practised end to end, and {third} is "
            "reviewed against production incidents.")


def _details(rng: random.Random, t: int) -> list[str]:
    lines = [f"    description: {_sentence(rng)} {_sentence(rng)}",
             f"    recommended_for: {_sentence(rng)}"]
    for section in ("competencies", "projects", "pitfalls"):
        lines += [f"    {section}:", *(f"      - {_sentence(rng)}" for _ in range(4))]
    lines.append("    preparation:")
    for plan, days in (("accelerated", 14), ("focused", 30), ("comprehensive", 60)):
        lines += [f"      - id: {plan}", f"        name: {days} Days {plan.capitalize()} Plan",
                  f"        min_days: {days // 2}", f"        max_days: {days}", "        phases:"]
        half = days // 2
        for name, start, end in (("Study", 1, half), ("Practice", half + 1, days)):
            lines += [f"          - name: {name}", f"            start_day: {start}",
                      f"            end_day: {end}", "            activities:",
                      *(f"              - {_sentence(rng)}" for _ in range(2))]
    for group in ("best_next", "next_steps"):
        lines += [f"    {group}:", "      - direction: same-track",
                  f"        text: {_sentence(rng)}", f"        certifications: [{cert_id(t, 0)}]",
                  "      - direction: leadership", f"        text: {_sentence(rng)}"]
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
