"""Measure certpath's start-up and scale, and write docs/performance.md.

Run with the Python that has certpath installed:  python bench/run.py  (about five minutes).
certpath's modules are byte-compiled first, as an installed certpath's are. Every case is a
fresh process; the cases are interleaved (each round runs every case once, in a shuffled order)
and the median of the rounds is reported, with the peak memory (max RSS) of the largest run.
Output goes to a pipe, as in a script or shell completion; the light commands are also run
through a pseudo-terminal (Rich tables), for information.

The script measures whatever commands certpath has when it runs: it asks the Typer app for them
and runs each with representative arguments (a command it does not know runs with --help).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import pty
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402 - the script's own directory, added just above

ROOT = Path(__file__).resolve().parent.parent
LIGHT = ("tracks", "show", "roles", "institutions", "learning-paths", "faq")
PLANNING = ("path", "recommend", "plan")  # at most 0.6x the naive baseline
GRAPH = ("next", "graph", "team", "due", "progress", "diff")  # reported against it, limit 1.1
ARGS = {  # representative arguments on the shipped catalog (a profile with a saved plan, a team)
    "tracks": [], "show": ["architect"], "roles": [], "institutions": [], "learning-paths": [],
    "faq": [], "path": ["--to", "architect"], "recommend": ["--role", "sre"],
    "plan": ["--to", "architect", "--start", "2026-01-05"], "next": ["architect"],
    "graph": ["--format", "mermaid"], "validate": [], "team": ["team.yaml", "--start", "2026-01-05"],
    "due": ["--within", "365d"], "progress": [],
    "diff": [str(ROOT / "examples" / "kubernetes"), str(ROOT / "examples" / "role-based-cloud")],
}
PROFILE = """\
schema_version: 1
role: sre
hours_per_week: 6
earned: {mlops-foundation: 2025-05-01, mlops-associate: 2025-09-01}
"""
HELLO = '''import typer


def main(name: str) -> None:
    print(f"Hello {name}")


if __name__ == "__main__":
    typer.run(main)
'''
NAIVE = '''import networkx
import typer
import yaml
from rich.table import Table


def main(name: str) -> None:
    print(f"Hello {name}")


if __name__ == "__main__":
    typer.run(main)
'''
# Peak memory is read by a small go-between: a process started straight from this one would count
# this process's own memory (Linux keeps the larger of the two across exec).
MEMORY_PROBE = ("import os, sys\n"
                "pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)\n"
                "_, status, usage = os.wait4(pid, 0)\n"
                "with open(sys.argv[1], 'w') as out:\n"
                "    out.write(str(usage.ru_maxrss))\n"
                "sys.exit(os.waitstatus_to_exitcode(status))\n")
C_LOADER = ("import sys, yaml\n"
            "for name in sys.argv[1:]:\n"
            "    with open(name, 'rb') as f:\n"
            "        yaml.load(f, Loader=yaml.CSafeLoader)\n")


@dataclass
class Case:
    """One command line to time, what it is compared with, and the results."""

    label: str
    argv: list[str]
    reps: int
    env: dict[str, str] = field(default_factory=dict)
    fresh_cache: bool = False  # a new, empty cache directory for every run (a cold start)
    terminal: bool = False
    times: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)
    failure: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def peak_mib(self) -> float:
        return max(self.rss, default=0) / 1024


@dataclass
class Check:
    """A target: a case's median over a reference's, at most ``limit``."""

    label: str
    case: Case
    reference: Case
    limit: float

    @property
    def ratio(self) -> float:
        return self.case.median / self.reference.median

    @property
    def met(self) -> bool:
        return not self.case.failure and self.ratio <= self.limit


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the tables and write docs/performance.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=21, help="rounds for the quick cases")
    parser.add_argument("--large-reps", type=int, default=5, help="rounds for 10,000 certifications")
    parser.add_argument("--huge-reps", type=int, default=3, help="rounds for 50,000 certifications")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    args = parser.parse_args(argv)
    compile_certpath()
    with tempfile.TemporaryDirectory(prefix="certpath-bench-") as tmp:
        work = Path(tmp)
        cases, checks, memory = build_cases(work, args.reps, args.large_reps, args.huge_reps)
        run_rounds(cases, work)
    report = render(cases, checks, memory)
    print(report)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0 if all(c.met for c in checks) and all(m.peak_mib <= 256 for m in memory) else 1


def compile_certpath() -> None:
    """Byte-compile certpath's modules, as pip does when it installs the package.

    An editable install is not compiled, and with PYTHONDONTWRITEBYTECODE set nothing compiled is
    kept: every run would compile certpath from source, which no installed certpath does.
    """
    where = subprocess.run([sys.executable, "-c", "import certpath; print(certpath.__file__)"],
                           capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(where).parent)],
                   check=True)


def certpath_argv() -> list[str]:
    """Return how to start certpath: its console script next to this Python, or -m."""
    script = Path(sys.executable).with_name("certpath")
    return [str(script)] if script.exists() else [sys.executable, "-m", "certpath"]


def discover_commands() -> list[str]:
    """Return the names of the commands the installed certpath has, in its help order.

    Asked in a child process, so that this process stays small: a child starts as a copy of it,
    and its size would count in the children's peak memory.
    """
    probe = ("import typer.main\nfrom certpath.cli import app\n"
             "print('\\n'.join(getattr(typer.main.get_command(app), 'commands', {})))\n")
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return found.stdout.split()


def build_cases(work: Path, reps: int, large: int,
                huge: int) -> tuple[list[Case], list[Check], list[Case]]:
    """Write the helper scripts and synthetic catalogs, and list every case and target."""
    (work / "hello.py").write_text(HELLO, encoding="utf-8")
    (work / "naive.py").write_text(NAIVE, encoding="utf-8")
    py, cp = [sys.executable], certpath_argv()
    shipped = {"XDG_CACHE_HOME": str(work / "cache-shipped"),  # where a user's cache would be
               "CERTPATH_PROFILE": str(work / "profile.yaml")}
    (work / "profile.yaml").write_text(PROFILE, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "team.yaml", work / "team.yaml")
    subprocess.run([*certpath_argv(), "plan", "--to", "architect", "--start", "2026-01-05",
                    "--save"], env={**os.environ, **shipped}, cwd=work, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # for progress
    floor = Case("python -c pass", [*py, "-c", "pass"], reps)
    hello = Case("hello-world Typer app", [*py, str(work / "hello.py"), "World"], reps)
    hello_help = Case("hello-world Typer app --help", [*py, str(work / "hello.py"), "--help"], reps)
    naive = Case("naive baseline (typer, rich.table, networkx, yaml)",
                 [*py, str(work / "naive.py"), "World"], reps)
    cases = [floor, hello, hello_help, naive]
    checks: list[Check] = []
    commands = discover_commands()
    for name in commands:
        known = name in ARGS
        case = Case(f"certpath {name}" + (" --help" if not known else ""),
                    [*cp, name, *(ARGS[name] if known else ["--help"])], reps, env=dict(shipped))
        cases.append(case)
        if name in LIGHT:
            checks.append(Check(f"{name} / hello-world", case, hello, 1.0))
            tty = Case(f"certpath {name} (terminal)", case.argv, reps, env=dict(shipped),
                       terminal=True)
            cases.append(tty)
        elif name in PLANNING:
            checks.append(Check(f"{name} / naive baseline", case, naive, 0.6))
        elif name in GRAPH:
            checks.append(Check(f"{name} / naive baseline", case, naive, 1.1))
    for name in ("plan", "team"):  # the web-page reports, where the command has them
        page = Case(f"certpath {name} --html", [*cp, name, *ARGS[name], "--html",
                                                str(work / f"{name}.html")], reps, env=dict(shipped))
        if "--html" in subprocess.run([*cp, name, "--help"], capture_output=True, text=True,
                                      env={**os.environ, **shipped}).stdout:
            cases.append(page)
            checks.append(Check(f"{name} --html / naive baseline", page, naive, 1.1))
    version = Case("certpath --version", [*cp, "--version"], reps, env=dict(shipped))
    helps = Case("certpath --help", [*cp, "--help"], reps, env=dict(shipped))
    complete = Case("completion of --to", cp, reps, env={
        **shipped, "_CERTPATH_COMPLETE": "complete_bash",
        "COMP_WORDS": "certpath path --to arch", "COMP_CWORD": "3"})
    cases += [version, helps, complete]
    checks += [Check("--version / hello-world", version, hello, 1.0),
               Check("--help / hello-world --help", helps, hello_help, 1.0),
               Check("completion / hello-world", complete, hello, 1.0)]
    large_cases, large_checks, memory = scale_cases(work, reps, large, huge, commands)
    return cases + large_cases, checks + large_checks, memory


def scale_cases(work: Path, reps: int, large: int, huge: int,
                commands: list[str]) -> tuple[list[Case], list[Check], list[Case]]:
    """Cases on synthetic catalogs of 1,000 and 10,000 certifications (one file each) and of
    50,000 (split across tracks.d/, 20 tracks of 50 a file, as a platform team would keep it)."""
    cases: list[Case] = []
    by_size: dict[int, dict[str, Case]] = {}
    for count, rounds in ((1_000, reps), (10_000, large), (50_000, huge)):
        directory = work / f"synthetic-{count}"
        directory.mkdir()
        deepest = synthetic.generate(directory, count,
                                     tracks_per_file=20 if count > 10_000 else None)
        role = f"role-{deepest.split('-')[0][1:]}"
        files = [str(directory / f"{stem}.yaml") for stem in ("tracks", "roles", "institutions")]
        base = [*certpath_argv(), "--no-builtin", "--catalog", str(directory)]
        warm = {"CERTPATH_CACHE_DIR": str(work / f"cache-{count}")}
        size = f"{count:,}"
        found = {
            "loader": Case(f"{size}: PyYAML C safe loader alone", [sys.executable, "-c", C_LOADER,
                                                                   *files], rounds),
            "path cold": Case(f"{size}: path --to {deepest}, cold", [*base, "path", "--to", deepest],
                              rounds, fresh_cache=True),
            "path warm": Case(f"{size}: path --to {deepest}, warm", [*base, "path", "--to", deepest],
                              rounds, env=warm),
            "recommend cold": Case(f"{size}: recommend --role {role}, cold",
                                   [*base, "recommend", "--role", role], rounds, fresh_cache=True),
            "recommend warm": Case(f"{size}: recommend --role {role}, warm",
                                   [*base, "recommend", "--role", role], rounds, env=warm),
        }
        if "validate" in commands:
            found["validate"] = Case(f"{size}: validate", [*base, "validate"], rounds, env=warm)
        if count <= 10_000:
            found["graph"] = Case(f"{size}: graph --format svg, warm",
                                  [*base, "graph", "--format", "svg"], rounds, env=warm)
        else:  # at 50,000 the targets are memory and validate against the cold path
            found = {k: v for k, v in found.items() if k in ("path cold", "validate")}
        by_size[count] = found
        cases.extend(found.values())
    small, big, huge_ = by_size[1_000], by_size[10_000], by_size[50_000]
    checks = [
        Check("10,000: cold path / C loader", big["path cold"], big["loader"], 1.3),
        Check("10,000: warm path / cold path", big["path warm"], big["path cold"], 0.1),
        Check("10,000: graph svg / cold path", big["graph"], big["path cold"], 3.0),
    ]
    for key in ("path cold", "path warm", "recommend cold", "recommend warm", "validate", "graph"):
        if key in big:
            checks.append(Check(f"{key}: 10,000 / 1,000", big[key], small[key], 12.0))
    if "validate" in huge_:
        checks.append(Check("50,000: validate / cold path", huge_["validate"],
                            huge_["path cold"], 1.2))
    memory = [c for c in [*big.values(), *huge_.values()] if c is not big["loader"]]
    return cases, checks, memory


def run_rounds(cases: list[Case], work: Path) -> None:
    """Run every case once per round, in a shuffled order, until each has its repetitions."""
    for case in cases:  # once untimed: fills the caches of the warm cases, and warms the disk
        run_once(case, work)
    for case in cases:  # once more, untimed, through the memory probe
        run_once(case, work, memory=True)
    shuffle = random.Random(6)  # noqa: S311 - an order for interleaving, not a secret
    for round_number in range(max(c.reps for c in cases)):
        todo = [c for c in cases if round_number < c.reps and not c.failure]
        shuffle.shuffle(todo)
        for case in todo:
            run_once(case, work, timed=True)
        print(f"round {round_number + 1}: {len(todo)} cases", file=sys.stderr)


def run_once(case: Case, work: Path, *, timed: bool = False, memory: bool = False) -> None:
    """Run a case once; record its wall time, or (through the probe) its peak memory."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CERTPATH_", "_CERTPATH_", "COMP_")) and k not in ("NO_COLOR",)}
    env.update(case.env, COLUMNS="100")
    if case.fresh_cache:
        env["CERTPATH_CACHE_DIR"] = tempfile.mkdtemp(prefix="cold-", dir=work)
    argv = case.argv
    if memory:
        argv = [sys.executable, "-c", MEMORY_PROBE, str(work / "maxrss"), *argv]
    run = _run_terminal if case.terminal else _run_piped
    elapsed, status, stderr = run(argv, env, work)
    if case.fresh_cache:
        shutil.rmtree(env["CERTPATH_CACHE_DIR"], ignore_errors=True)
    if status != 0:
        case.failure = f"exit {status}: {stderr.strip().splitlines()[-1:] or ''}"
    elif memory:
        case.rss.append(int((work / "maxrss").read_text()))
    elif timed:
        case.times.append(elapsed)


def _run_piped(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int, str]:
    with tempfile.TemporaryFile(dir=cwd) as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
                                env=env, cwd=cwd)
        assert proc.stdout is not None  # noqa: S101 - stdout is a pipe
        proc.stdout.read()
        proc.wait()
        elapsed = time.perf_counter() - start
        proc.stdout.close()
        err.seek(0)
        return elapsed, proc.returncode, err.read().decode(errors="replace")


def _run_terminal(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int, str]:
    leader, follower = pty.openpty()
    drained = threading.Thread(target=_drain, args=(leader,), daemon=True)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=follower, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            env=env, cwd=cwd)
    os.close(follower)
    drained.start()
    proc.wait()
    elapsed = time.perf_counter() - start
    drained.join(timeout=5)
    os.close(leader)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    return elapsed, proc.returncode, stderr


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:  # the terminal closes when the process ends
        return


def machine() -> list[str]:
    """Describe the machine and software the numbers come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(f"{name} {_version(name)}"
                         for name in ("certpath", "typer", "rich", "PyYAML", "networkx", "msgspec",
                                      "pydantic", "platformdirs"))
    return [f"- CPU: {cpu}, {os.cpu_count()} logical cores",
            f"- OS: {platform.platform()}",
            f"- Python: {platform.python_implementation()} {platform.python_version()}",
            f"- Packages: {versions}",
            f"- Date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"]


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "(not installed)"


def context(cases: list[Case], floor: float) -> list[tuple[str, str]]:
    """Figures that explain the targets: each large case against the loader and the floor."""
    by_label = {c.label: c for c in cases}
    loader = by_label["10,000: PyYAML C safe loader alone"].median
    found = []
    for case in cases:
        if case.label.startswith("10,000: path"):
            found.append((f"{case.label}: / C loader alone",
                          f"{case.median / loader:.2f}"))
            beyond = (case.median - floor) * 1000
            found.append((f"{case.label}: against the hello-world app",
                          f"{abs(beyond):.0f} ms {'more' if beyond >= 0 else 'less'}"))
    return found


def render(cases: list[Case], checks: list[Check], memory: list[Case]) -> str:
    """Return the report as Markdown."""
    lines = ["# Performance", "",
             "Measured by `python bench/run.py`; the numbers below are from its latest run. Each case "
             "is a fresh process with output to a pipe (\"terminal\" rows: a pseudo-terminal); cases "
             "are interleaved and each figure is the median of the rounds. Commands on the shipped "
             "catalog run with its parsed-catalog cache in place; \"cold\" runs start with an empty "
             "cache (and fill it), \"warm\" runs find it filled. Peak memory (max RSS) comes from "
             "one more run of each case. certpath's modules are byte-compiled first, as pip does "
             "when it installs them. The machine is shared with other work, so absolute times "
             "vary from run to run; every ratio below comes from this one interleaved run, where "
             "the load fell on both sides of each ratio alike.", "", "## Machine", "", *machine(),
             "", "## Targets", "",
             "| target | ratio | limit | met |", "| --- | ---: | ---: | --- |"]
    for check in checks:
        met = "yes" if check.met else "**no**"
        lines.append(f"| {check.label} | {check.ratio:.2f} | {check.limit:g} | {met} |")
    for case in memory:
        met = "yes" if case.peak_mib <= 256 else "**no**"
        lines.append(f"| {case.label}: peak memory (MiB) | {case.peak_mib:.0f} | 256 | {met} |")
    reference = next(c for c in cases if c.label == "hello-world Typer app").median
    lines += ["", "For information:", ""]
    lines += [f"- {label}: {value}" for label, value in context(cases, reference)]
    lines += ["", "## All cases", "",
              "| case | median (ms) | vs hello-world | runs | peak memory (MiB) |",
              "| --- | ---: | ---: | ---: | ---: |"]
    for case in cases:
        if case.failure:
            lines.append(f"| {case.label} | failed: {case.failure} | | | |")
            continue
        lines.append(f"| {case.label} | {case.median * 1000:.0f} | {case.median / reference:.2f} | "
                     f"{len(case.times)} | {case.peak_mib:.0f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
