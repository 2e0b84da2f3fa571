"""A catalog is untrusted input: markup and control sequences in it are shown literally and harmlessly."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import icalendar
import pytest
from typer.testing import CliRunner

from certpath.cli import app
from tests.conftest import LEVELS, WriteCatalog

EVIL = "[red]Evil[/]\\e[2J\\a\\r"  # YAML escapes for ESC, BEL and CR
CONTROL = {"\x1b", "\x07", "\r"}
COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # certpath's own colours, removed before checking


@pytest.fixture
def evil_dir(write_catalog: WriteCatalog) -> Path:
    """A catalog whose names and descriptions carry Rich markup and terminal control sequences."""
    return write_catalog(
        f'tracks: [{{id: t, name: "{EVIL}"}}]\n'
        "certifications:\n"
        f'  - {{id: a, name: "{EVIL}", track: t, audience: "[bold]all[/bold]\\e]0;title\\a",\n'
        f'     skills: ["{EVIL}"]}}\n'
        f'  - {{id: b, name: B, track: t, requires: [a], prerequisites: ["{EVIL}"]}}\n',
        f'roles: [{{id: r, name: "{EVIL}", target: b, focus_area: "{EVIL}"}}]\n')


def run(evil_dir: Path, *args: str, terminal: bool = True) -> Any:
    """Run certpath on the catalog, drawing as on a colour terminal unless told otherwise."""
    env = {"COLUMNS": "300", "CERTPATH_FORCE_TERMINAL": "1"} if terminal else {"NO_COLOR": "1"}
    return CliRunner().invoke(app, ["--no-builtin", "-c", str(evil_dir), *args], env=env)


@pytest.mark.parametrize("args", [("tracks",), ("roles",), ("path", "--to", "b"),
                                  ("recommend", "--role", "r"), ("show", "a")])
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
def test_tables_show_markup_literally(evil_dir: Path, args: tuple[str, ...], terminal: bool) -> None:
    """Tables and views print markup as text and drop control characters, on a terminal or piped."""
    result = run(evil_dir, *args, terminal=terminal)
    assert result.exit_code == 0, result.stderr
    shown = COLOUR.sub("", result.stdout)
    assert "[red]Evil[/][2J" in shown
    assert not CONTROL & set(shown)


def test_json_escapes_control_characters(evil_dir: Path) -> None:
    """JSON output keeps the text exactly, with control characters escaped by JSON itself."""
    result = run(evil_dir, "tracks", "--json", terminal=False)
    assert not CONTROL & set(result.stdout)
    names = [c["name"] for c in json.loads(result.stdout)["certifications"]]
    assert names[0] == "[red]Evil[/]\x1b[2J\x07\r"


@pytest.mark.parametrize("command", ["tracks", "validate"])
def test_errors_show_untrusted_text_literally(write_catalog: WriteCatalog, command: str) -> None:
    """A bad key or value that carries markup or control characters is quoted harmlessly in errors."""
    directory = write_catalog('tracks: [{id: t, name: T, "[red]x[/]\\e[2J\\a": 1}]\n')
    result = run(directory, command)
    assert result.exit_code == 1
    shown = COLOUR.sub("", result.stdout + result.stderr)
    assert "unknown key '[red]x[/]\\x1b[2J\\x07'" in shown
    assert not CONTROL & set(shown)


def test_unknown_name_on_the_command_line_is_quoted(evil_dir: Path) -> None:
    """An unknown name typed with control characters is echoed back escaped."""
    result = run(evil_dir, "show", "\x1b[2J[red]nope", terminal=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("certpath: error: unknown certification '\\x1b[2J[red]nope'")


# Text that is Markdown structure, HTML and Rich markup at once, with ESC, BEL and a lone CR.
MARKUP = "# [red]Evil[/] <b>x</b> | `y` *z* ~~s~~ &copy; [l](http://e.test)"
PHASE = "1. Phase _u_"
ACTIVITIES = ["```", "> quote", "- item"]


@pytest.fixture
def markup_dir(write_catalog: WriteCatalog) -> Path:
    """A catalog whose names, plan, phases and activities would be markup if taken as such."""
    return write_catalog(
        "tracks: [{id: t, name: T}]\n"
        "certifications:\n"
        f"  - id: a\n    name: {json.dumps(MARKUP + chr(27) + '[2J' + chr(7) + chr(13))}\n"
        "    track: t\n    validity_months: 12\n    effort: {hours: 10}\n"
        "    preparation:\n"
        "      - {id: focused, name: '- Plan', min_days: 7, max_days: 7, phases: [\n"
        f"          {{name: {json.dumps(PHASE)}, start_day: 1, end_day: 7,\n"
        f"           activities: {json.dumps(ACTIVITIES)}}}]}}\n"
        "  - {id: b, name: B, track: t, requires: [a], effort: {hours: 5}}\n",
        "roles: [{id: r, name: R, target: b}]\n")


def plan_files(markup_dir: Path, tmp_path: Path) -> tuple[bytes, bytes]:
    """Plan to b and return the Markdown and the calendar written."""
    md, ics = tmp_path / "plan.md", tmp_path / "plan.ics"
    result = run(markup_dir, "plan", "--to", "b", "--start", "2027-01-04", "--markdown", str(md),
                 "--ics", str(ics), terminal=False)
    assert result.exit_code == 0, result.stderr
    return md.read_bytes(), ics.read_bytes()


def rendered(markdown: str) -> tuple[str, str]:
    """Render Markdown as a CommonMark viewer with GitHub tables would; return HTML and its text."""
    from markdown_it import MarkdownIt  # installed with Rich

    page = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)
    return page, html.unescape(re.sub(r"<[^>]+>", "", page))


def test_markdown_shows_markup_literally(markup_dir: Path, tmp_path: Path) -> None:
    """The Markdown plan, rendered, shows the catalog's text as written and only certpath's structure."""
    markdown, _ = plan_files(markup_dir, tmp_path)
    assert not CONTROL & set(markdown.decode("utf-8"))
    page, text = rendered(markdown.decode("utf-8"))
    assert "Study plan: B\n" in text
    assert f"take the {MARKUP}[2J exam" in text
    assert f"{PHASE}\n" in text
    assert all(f"[ ] {a}\n" in text for a in ACTIVITIES)
    assert "- Plan" in text
    assert page.count("<h1>") == 1
    made = ("<em>", "<strong>", "<code>", "<pre>", "<s>", "<a ", "<b>", "<blockquote>", "<ol")
    assert not [tag for tag in made if tag in page]
    rows = re.findall(r"<tr>.*?</tr>", page, re.DOTALL)
    assert [row.count("<td>") for row in rows[1:]] == [5, 5]  # a pipe opened no new column


def test_team_markdown_shows_member_names_literally(markup_dir: Path, tmp_path: Path) -> None:
    """A team member's name is shown literally in the team's Markdown table and checklist."""
    team, md = tmp_path / "team.yaml", tmp_path / "team.md"
    team.write_text(f"hours_per_week: 5\nmembers:\n  - {{name: {json.dumps(MARKUP)}, role: r}}\n",
                    encoding="utf-8")
    result = run(markup_dir, "team", str(team), "--start", "2027-01-04", "--markdown", str(md),
                 terminal=False)
    assert result.exit_code == 0, result.stderr
    page, text = rendered(md.read_text(encoding="utf-8"))
    assert f"{MARKUP}: B by " in text
    assert page.count("<h1>") == 1
    assert not [tag for tag in ("<em>", "<code>", "<s>", "<a ", "<b>") if tag in page]


def test_calendar_strips_controls_and_escapes_text(markup_dir: Path, tmp_path: Path) -> None:
    """The calendar has no control characters but its CRLFs, and parses back to the literal text."""
    _, calendar = plan_files(markup_dir, tmp_path)
    text = calendar.decode("utf-8")
    assert not {"\x1b", "\x07"} & set(text)
    assert text.count("\r") == text.count("\r\n")
    events = icalendar.Calendar.from_ical(calendar).walk("VEVENT")
    name = f"{MARKUP}[2J"
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries == [f"{name}: {PHASE}", f"Exam target: {name}", "B: Study", "Exam target: B",
                         f"Renew {name} (expires)"]
    assert str(events[0]["DESCRIPTION"]) == "\n".join(ACTIVITIES)


# GitHub Actions reads a line of a step's output as a workflow command when, after .NET's
# TrimStart (Unicode white space), it starts with "::" and has a second "::" (ActionCommand.TryParseV2
# in actions/runner), or when it holds "##[" followed by "]" anywhere (the older TryParse); Azure
# Pipelines reads "##vso[" anywhere.


def runner_commands(text: str) -> list[str]:
    """Return the lines of ``text`` that a CI runner would act on as commands."""
    def command(got: str) -> bool:
        trimmed = got.lstrip()
        if trimmed.startswith("::") and "::" in trimmed[2:]:
            return True
        return bool(re.search(r"##\[[a-z-]+[\] ]", got)) or "##vso[" in got

    return [got for got in text.split("\n") if command(got)]


def test_runner_commands_finds_what_a_runner_reads() -> None:
    """The check below is sound: it finds each form a runner reads, and nothing else."""
    assert runner_commands("::add-mask::x") == ["::add-mask::x"]
    assert runner_commands("  \u3000::stop-commands::t") == ["  \u3000::stop-commands::t"]
    assert runner_commands("a ##[error]b\nc ##vso[task.setvariable]d") == [
        "a ##[error]b", "c ##vso[task.setvariable]d"]
    assert runner_commands("a ::error::b\n\\::error::c\n##\\[error]d\n:: one") == []


# Catalog text shaped as each command form, also at the start of a paragraph's second line.
_CI_EVIL = '''\
tracks:
  - {id: t, name: "::add-mask::secret", description: "Fine.\\n::stop-commands::tok"}
certifications:
  - {id: a, name: "::warning::injected", track: t, audience: "::error file=x::pwned",
     skills: ["##[error]legacy", "##vso[task.setvariable variable=x]1"]}
  - {id: b, name: "  ::notice::indented", track: t, requires: [a]}
'''


@pytest.fixture
def ci_evil_dir(write_catalog: WriteCatalog) -> Path:
    """A catalog whose text is shaped as GitHub Actions and Azure Pipelines commands."""
    return write_catalog(_CI_EVIL, "roles: [{id: r, name: '::group::r', target: b}]\n")


@pytest.mark.parametrize("args", [
    ("tracks",), ("roles",), ("show", "a"), ("path", "--to", "b"), ("recommend", "--role", "r"),
    ("graph",), ("graph", "--format", "mermaid"), ("graph", "--format", "dot"),
    ("graph", "--format", "svg"), ("tracks", "--json"), ("validate",),
    ("validate", "--format", "junit"), ("validate", "--format", "sarif"),
    ("validate", "--format", "json")], ids=" ".join)
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
def test_catalog_text_never_makes_a_runner_command(ci_evil_dir: Path, args: tuple[str, ...],
                                                   terminal: bool) -> None:
    """No line certpath prints from catalog text is one a CI runner would run, at any width."""
    for columns in ("40", "200"):
        env = {"COLUMNS": columns, "NO_COLOR": "1",
               **({"CERTPATH_FORCE_TERMINAL": "1"} if terminal else {})}
        result = CliRunner().invoke(app, ["--no-builtin", "-c", str(ci_evil_dir), *args], env=env)
        assert result.exit_code == 0, result.stderr
        assert runner_commands(result.stdout) == []
        assert runner_commands(result.stderr) == []


def test_github_annotations_are_certpath_s_own(write_catalog: WriteCatalog) -> None:
    """validate --format github prints one command per finding; the text after it runs none."""
    directory = write_catalog(
        LEVELS + "certifications:\n"
        '  - {id: a, name: "x\\n::add-mask::y ##[error]z", track: cloud}\n'
        '  - {id: b, name: "x\\n::add-mask::y ##[error]z", track: cloud, requires: [nope]}\n')
    result = CliRunner().invoke(app, ["--no-builtin", "validate", "--format", "github",
                                      str(directory)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    commands = runner_commands(result.stdout)
    assert [c.split(" ")[0] for c in commands] == ["::warning", "::error"]
    # the message, after the command's "::", quotes the text as it is (a line feed as \\n)
    assert commands[0].endswith("both called 'x\\n::add-mask::y ##[error]z'; use their ids "
                                "to tell them apart")
    assert runner_commands(result.stderr) == []


def test_an_error_message_on_stderr_runs_no_command(write_catalog: WriteCatalog,
                                                    ci_evil_dir: Path) -> None:
    """An error quoting text shaped as a command (a catalog's, a typed name) runs none."""
    bad = write_catalog(LEVELS + 'certifications: [{id: a, name: A, track: cloud, "##[add-mask]x": 1}]\n')
    for directory, args, word in ((bad, ["tracks"], "add-mask"),
                                  (ci_evil_dir, ["show", "##[error]typed"], "typed")):
        result = CliRunner().invoke(app, ["--no-builtin", "-c", str(directory), *args],
                                    env={"NO_COLOR": "1"})
        assert result.exit_code == 1
        assert word in result.stderr
        assert runner_commands(result.stderr) == []


def test_escaped_first_cells_keep_the_columns_aligned(ci_evil_dir: Path) -> None:
    """Piped, a name escaped at the start of a row still leaves the next column in line."""
    result = CliRunner().invoke(app, ["--no-builtin", "-c", str(ci_evil_dir), "tracks"],
                                env={"NO_COLOR": "1"})
    rows = result.stdout.splitlines()[:3]  # the heading, then a's and b's rows
    assert rows[1].startswith("\\::warning::injected ")
    assert {row.index(word) for row, word in zip(rows, ["Track", "::add-mask", "::add-mask"],
                                                    strict=True)} == {len("\\::warning::injected  ")}
