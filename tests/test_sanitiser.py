"""Every hostile string, through every output surface: shown harmlessly, and the format stays valid.

One catalog holds each hostile string in a certification's name, its level's name, its track's
name, its preparation phase and an activity. Each surface is produced once by the real command and
then checked per string: the text a reader sees (after the format's own decoding) is the string as
worked out by hand below, and no character that could drive a terminal, reorder text or break the
format is left anywhere in the output.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import icalendar
import pytest
from typer.testing import CliRunner

from certpath.cli import app
from certpath.render import sanitiser

HOSTILE: list[tuple[str, str, str]] = [
    # (what it is, the raw catalog text, what a reader sees: worked out by hand)
    ("OSC 52 clipboard write", "\x1b]52;c;aGk=\x07", "]52;c;aGk="),
    ("OSC 8 hyperlink", "\x1b]8;;https://e.test\x1b\\link\x1b]8;;\x1b\\", "]8;;https://e.test\\link]8;;\\"),
    ("screen clear and reset", "\x1b[2J\x1b[3J\x1bc", "[2J[3Jc"),
    ("C1 CSI, OSC and ST", "\x9b2J\x9d0;t\x9c", "2J0;t"),
    ("NUL BEL BS DEL CR", "a\x00b\x07c\x08d\x7fe\rf", "abcdef"),
    ("bidi override", "\u202eevil\u202c", "evil"),
    ("bidi embeddings", "\u202ax\u202by\u202c", "xy"),
    ("bidi isolates", "x\u2066\u2067\u2068y\u2069", "xy"),
    ("bidi marks", "\u200el\u200fr\u061c", "lr"),
    ("line and paragraph separators", "a\u2028b\u2029c", "a b c"),
    ("tab and newline", "t\tu\nv", "t u v"),
    ("lone surrogate", "s\ud800t", "s\ufffdt"),
    ("XML noncharacters", "n\ufffeo\uffff", "no"),
    ("markup", "<b>&amp;\"'</b> [red]x[/] # | * `c` _e_", "<b>&amp;\"'</b> [red]x[/] # | * `c` _e_"),
    ("Mermaid injection", '"] --> n1\nclick n1 "javascript:alert(1)"',
     '"] --> n1 click n1 "javascript:alert(1)"'),
    ("DOT injection", 'x"; y [label="\\', 'x"; y [label="\\'),
    ("iCalendar injection", "a;b,c\\d\nEND:VCALENDAR", "a;b,c\\d END:VCALENDAR"),
]
ALL_IDS = [what for what, _, _ in HOSTILE]
CARRIED = [row for row in HOSTILE if row[0] != "lone surrogate"]
"""What a catalog can hold: YAML's \\u escape cannot write a lone surrogate (libyaml refuses it)."""
IDS = [what for what, _, _ in CARRIED]

FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff\ufffe\uffff]")
"""What no surface may hold: controls but tab and line feed, bidi controls, separators, surrogates."""
COLOUR = re.compile(r"\x1b\[[0-9;]*m")  # certpath's own colours on a terminal


def _yaml(text: str) -> str:
    """Quote text for YAML: JSON escapes, plus DEL, which YAML refuses raw."""
    return json.dumps(text).replace("\x7f", "\\u007f")


def _catalog_text() -> str:
    levels = "".join(f"  - {{id: l{i}, name: {_yaml(f'L{i} {raw}')}, rank: {i + 1}}}\n"
                     for i, (_, raw, _) in enumerate(CARRIED))
    certs = "".join(
        f"  - id: h{i}\n    name: {_yaml(f'N{i} {raw} Z')}\n    track: t{i}\n    level: l{i}\n"
        "    validity_months: 12\n    effort: {hours: 5}\n"
        "    preparation:\n"
        f"      - {{id: focused, name: Plan, min_days: 7, max_days: 7, phases: [\n"
        f"          {{name: {_yaml(f'P{i} {raw}')}, start_day: 1, end_day: 7,"
        f" activities: [{_yaml(f'A{i} {raw}')}]}}]}}\n"
        for i, (_, raw, _) in enumerate(CARRIED))
    tracks = "".join(f"  - {{id: t{i}, name: {_yaml(f'T{i} {raw}')}}}\n"
                     for i, (_, raw, _) in enumerate(CARRIED))
    needs = ", ".join(f"h{i}" for i in range(len(CARRIED)))
    end = f"  - {{id: end, name: End, track: t0, requires: [{needs}]}}\n"
    return f"levels:\n{levels}tracks:\n{tracks}certifications:\n{certs}{end}"


class Surfaces:
    """Runs each surface's command once, on demand, and keeps what it wrote."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.catalog = root / "catalog"
        self.catalog.mkdir()
        (self.catalog / "tracks.yaml").write_text(_catalog_text(), encoding="utf-8")
        self.env = {"CERTPATH_PROFILE": str(root / "profile.yaml"), "CERTPATH_NO_CACHE": "1",
                    "COLUMNS": "2000"}
        self.done: dict[str, str] = {}

    def run(self, *args: str, terminal: bool = False) -> str:
        env = {**self.env, **({"CERTPATH_FORCE_TERMINAL": "1"} if terminal else {"NO_COLOR": "1"})}
        result = CliRunner().invoke(app, ["--no-builtin", "-c", str(self.catalog), *args], env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == 0, result.stderr
        return result.stdout

    def file(self, name: str, *args: str) -> str:
        target = self.root / name
        self.run(*args, str(target))
        return target.read_bytes().decode("utf-8")

    def get(self, surface: str) -> str:
        if surface not in self.done:
            self.done[surface] = PRODUCE[surface](self)
        return self.done[surface]


PLAN = ("plan", "--to", "end", "--start", "2027-01-04")
PRODUCE: dict[str, Callable[[Surfaces], str]] = {
    "terminal": lambda s: (s.run("tracks", terminal=True) + s.run("show", "h0", terminal=True)
                           + s.run("graph", "--to", "end", terminal=True)),
    "plain": lambda s: s.run("tracks") + s.run("plan", "--to", "end", "--start", "2027-01-04"),
    "markdown": lambda s: s.file("plan.md", *PLAN, "--markdown"),
    "calendar": lambda s: s.file("plan.ics", *PLAN, "--ics"),
    "svg": lambda s: s.file("graph.svg", "graph", "--output"),
    "mermaid": lambda s: s.run("graph", "--format", "mermaid"),
    "dot": lambda s: s.run("graph", "--format", "dot"),
    "json": lambda s: s.run("tracks", "--json") + "\n" + s.run("graph", "--json"),
}


def _markdown_text(page: str) -> str:
    from markdown_it import MarkdownIt  # installed with Rich

    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(page)
    assert not re.search(r"<(em|strong|code|a|b|s|script)[ >]", rendered)  # no markup was made
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def _calendar_text(page: str) -> str:
    assert page.count("\r") == page.count("\r\n")
    events = icalendar.Calendar.from_ical(page).walk("VEVENT")
    assert sum(1 for line in page.split("\r\n") if line == "END:VCALENDAR") == 1
    return "\n".join(str(e[key]) for e in events for key in ("SUMMARY", "DESCRIPTION") if key in e)


def _svg_text(page: str) -> str:
    # certpath's own output, parsed to prove it is well-formed XML whatever the catalog holds
    root = ET.fromstring(page.encode("utf-8"))  # noqa: S314 - no entities or DTD to expand
    return "\n".join("".join(element.itertext()) for element in root.iter()
                     if element.tag.endswith(("}text", "}title")))


_MERMAID_NODE = re.compile(r'  n\d+\["([^"]*)"\]')
_MERMAID_ENTITY = {"#amp;": "&", "#quot;": '"', "#lt;": "<", "#gt;": ">"}


def _mermaid_text(page: str) -> str:
    labels = [m[1] for line in page.splitlines() if (m := _MERMAID_NODE.fullmatch(line))]
    assert len(labels) == len(CARRIED) + 1  # every label is one quoted string on its own line
    text = "\n".join(labels).replace("<br/>", "\n")
    return re.sub("#(amp|quot|lt|gt);", lambda m: _MERMAID_ENTITY[m[0]], text)


_DOT_STRING = r'"((?:[^"\\]|\\.)*)"'
_DOT_NODE = re.compile(rf'  {_DOT_STRING} \[label={_DOT_STRING}, fillcolor="#\w+", color="#\w+"'
                       r"(, penwidth=3)?\];")


def _dot_text(page: str) -> str:
    labels = [m[2] for line in page.splitlines() if (m := _DOT_NODE.fullmatch(line))]
    assert len(labels) == len(CARRIED) + 1  # every node statement is whole: no quote escaped
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], "\n".join(labels))


def _plain(page: str) -> str:
    return COLOUR.sub("", page)


DECODE: dict[str, Callable[[str], str]] = {
    "terminal": _plain, "plain": _plain, "markdown": _markdown_text, "calendar": _calendar_text,
    "svg": _svg_text, "mermaid": _mermaid_text, "dot": _dot_text,
}


def _squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def surfaces(tmp_path_factory: pytest.TempPathFactory) -> Surfaces:
    """The hostile catalog and each surface's output, made once for the module."""
    return Surfaces(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("surface", list(DECODE))
@pytest.mark.parametrize(("what", "raw", "shown"), CARRIED, ids=IDS)
def test_surface_shows_hostile_text_harmlessly(surfaces: Surfaces, surface: str, what: str,
                                                raw: str, shown: str) -> None:
    """Each surface shows the catalog's text as worked out by hand, and holds nothing dangerous."""
    page = surfaces.get(surface)
    if surface == "terminal":
        page = COLOUR.sub("", page)
    assert not FORBIDDEN.findall(page.replace("\r\n", "\n") if surface == "calendar" else page)
    # An SVG wraps a long name over several lines, so there only the characters are compared.
    norm = (lambda t: "".join(t.split())) if surface == "svg" else _squeeze
    text, index = norm(DECODE[surface](page)), IDS.index(what)
    assert norm(f"N{index} {shown} Z") in text
    if surface in ("terminal", "plain", "svg", "mermaid", "dot"):
        assert norm(f"L{index} {shown}") in text  # the level's name is cleaned too
    if surface in ("markdown", "calendar"):
        assert norm(f"P{index} {shown}") in text
        assert norm(f"A{index} {shown}") in text


def _strings(doc: Any) -> Iterator[str]:
    if isinstance(doc, str):
        yield doc
    elif isinstance(doc, dict):
        for value in doc.values():
            yield from _strings(value)
    elif isinstance(doc, list):
        for value in doc:
            yield from _strings(value)


@pytest.mark.parametrize(("what", "raw", "shown"), CARRIED, ids=IDS)
def test_json_is_faithful_and_escaped(surfaces: Surfaces, what: str, raw: str, shown: str) -> None:
    """JSON keeps every string exactly and writes dangerous characters only as \\u escapes."""
    page = surfaces.get("json")
    assert not FORBIDDEN.findall(page)
    tracks, picture = page.split("\n\n", 1)
    index = IDS.index(what)
    strings = set(_strings(json.loads(tracks))) | set(_strings(json.loads(picture)))
    assert f"N{index} {raw} Z" in strings
    assert f"l{index}" in strings  # JSON gives levels by id (docs/json.md), never by name


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.texts.extend(value or "" for _, value in attrs)

    def handle_data(self, data: str) -> None:
        self.texts.append(data)


@pytest.mark.parametrize(("what", "raw", "shown"), HOSTILE, ids=ALL_IDS)
def test_html_text_and_attributes(what: str, raw: str, shown: str) -> None:
    """In HTML text and a quoted attribute, the string is shown literally and makes no element."""
    escaped = sanitiser.xml(raw)
    assert not FORBIDDEN.findall(escaped)
    parser = _Collect()
    parser.feed(f'<p title="{escaped}" data-x=\'{escaped}\'>{escaped}</p>')
    parser.close()
    assert parser.tags == ["p"]
    assert [_squeeze(t) for t in parser.texts] == [_squeeze(shown)] * 3


@pytest.mark.parametrize(("what", "raw", "shown"), HOSTILE, ids=ALL_IDS)
def test_workflow_commands_stay_one_command(what: str, raw: str, shown: str) -> None:
    """A GitHub Actions annotation stays on one line; its properties hold no ':' or ','."""
    message = sanitiser.workflow(raw)
    prop = sanitiser.workflow(raw, in_property=True)
    assert not {"\n", "\r"} & set(message)
    assert not FORBIDDEN.findall(message)
    assert not {":", ",", "\n"} & set(prop)
    decoded = re.sub("%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n",
                                                     "3A": ":", "2C": ","}[m[1]], prop)
    assert _squeeze(decoded) == _squeeze(shown)


@pytest.mark.parametrize(("what", "raw", "shown"), HOSTILE, ids=ALL_IDS)
def test_error_messages_hold_nothing_dangerous(surfaces: Surfaces, what: str, raw: str,
                                               shown: str) -> None:
    """An unknown name given on the command line is reported without its control characters."""
    result = CliRunner().invoke(app, ["--no-builtin", "-c", str(surfaces.catalog), "show", raw],
                                env={**surfaces.env, "NO_COLOR": "1"})
    assert result.exit_code == 1
    assert not FORBIDDEN.findall(result.stderr)


def test_json_escapes_a_lone_surrogate_and_reads_it_back() -> None:
    """A lone surrogate (no UTF-8 form) is written as its escape, and JSON reads it back exactly."""
    text = sanitiser.json_text({"name": "s\ud800t\u202e"}, indent=None)
    assert text == '{"name": "s\\ud800t\\u202e"}'
    assert json.loads(text) == {"name": "s\ud800t\u202e"}
    text.encode("utf-8")


@pytest.mark.parametrize("text", ["::add-mask::x", "a\n  ::error::b ##[error]c ##vso[task]d"])
def test_inert_xml_and_json_read_back_to_the_same_text(text: str) -> None:
    """Made inert, XML text and JSON strings still read back exactly as written."""
    document = sanitiser.inert(f"<a>\n{sanitiser.xml(text)}</a>", colon="&#58;", bracket="&#91;")
    assert ET.fromstring(document).text == "\n" + text  # noqa: S314 - certpath's own output
    assert json.loads(sanitiser.json_text({"k": text}))["k"] == text
    assert "##[" not in document + sanitiser.json_text({"k": text})


def test_inert_keeps_ordinary_text_and_indentation() -> None:
    """Only a line's leading '::' and '##[' change; colons elsewhere and indentation stay."""
    assert sanitiser.inert("  a::b :: c\n\t::d::e\n") == "  a::b :: c\n\t\\::d::e\n"
    assert sanitiser.inert("x ##[y] ##vso[z] #[w]") == "x ##\\[y] ##vso\\[z] #[w]"
