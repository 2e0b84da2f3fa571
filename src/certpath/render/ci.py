"""A validation report in the forms CI systems show: GitHub annotations, SARIF, JUnit XML.

Each function takes the report and the directory that paths are made relative to (a CI system
shows a finding on a repository file only when its path is relative to the checkout).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from certpath import __version__
from certpath.render import sanitiser

if TYPE_CHECKING:
    from certpath.catalog import Report
    from certpath.errors import Finding

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_RULES = {"error": "catalog-error", "warning": "catalog-warning"}
_SUMMARY_ROWS = 50


def relative(path: str, base: str) -> str:
    """Return ``path`` relative to ``base`` (with ``/``), or absolute when it lies outside it."""
    full = os.path.abspath(path)
    rel = os.path.relpath(full, base) if os.path.splitdrive(full)[0] == os.path.splitdrive(base)[0] \
        else full
    if rel == ".." or rel.startswith(".." + os.sep):
        return full.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def workflow_commands(report: Report, base: str) -> str:
    """Return one GitHub Actions workflow command per finding (``::error file=...::message``)."""
    lines = []
    for f in report.findings:
        props = [f"file={sanitiser.workflow(relative(f.file, base), in_property=True)}"]
        if f.line:
            props += [f"line={f.line}", f"col={f.column}"]
        props.append(f"title={sanitiser.workflow('certpath validate', in_property=True)}")
        lines.append(f"::{f.severity} {','.join(props)}::{sanitiser.workflow(f.message)}\n")
    return "".join(lines)


def counts(report: Report) -> tuple[int, int]:
    """Return the number of errors and of warnings."""
    errors = sum(f.severity == "error" for f in report.findings)
    return errors, len(report.findings) - errors


def step_summary(report: Report, base: str, *, strict: bool = False) -> str:
    """Return a Markdown summary for ``$GITHUB_STEP_SUMMARY``: the verdict and the first findings."""
    errors, warnings = counts(report)
    failed = errors or (strict and warnings)
    files = len(report.files)
    lines = [f"### certpath validate: {'failed' if failed else 'passed'}", "",
             f"{files} file{'s' * (files != 1)} read, {errors} error{'s' * (errors != 1)}, "
             f"{warnings} warning{'s' * (warnings != 1)}" + (" (warnings fail: --strict)"
                                                             if strict and warnings else ""), ""]
    if report.findings:
        lines += ["| where | severity | message |", "| --- | --- | --- |"]
        for f in report.findings[:_SUMMARY_ROWS]:
            where = relative(f.file, base) + (f":{f.line}:{f.column}" if f.line else "")
            lines.append(f"| {sanitiser.markdown(where)} | {f.severity} | "
                         f"{sanitiser.markdown(f.message)} |")
        if len(report.findings) > _SUMMARY_ROWS:
            lines += ["", f"... and {len(report.findings) - _SUMMARY_ROWS} more: see the log."]
        lines.append("")
    return "\n".join(lines) + "\n"


def sarif(report: Report, base: str) -> dict[str, Any]:
    """Return the report as a SARIF 2.1.0 log: one run of certpath, one result per finding."""
    rules = [{"id": rule, "name": rule.title().replace("-", ""),
              "shortDescription": {"text": f"A catalog {severity} found by certpath validate"},
              "defaultConfiguration": {"level": severity}} for severity, rule in _RULES.items()]
    from pathlib import Path
    base_uri = Path(base).resolve().as_uri()
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "certpath", "version": __version__, "rules": rules}},
            "originalUriBaseIds": {"SRCROOT": {"uri": base_uri.rstrip("/") + "/"}},
            "artifacts": [_artifact(str(p), base) for p in report.files],
            "results": [_result(f, base) for f in report.findings],
        }],
    }


def _artifact(path: str, base: str) -> dict[str, Any]:
    return {"location": _location_uri(path, base)}


def _location_uri(path: str, base: str) -> dict[str, str]:
    rel = relative(path, base)
    if os.path.isabs(rel):
        from pathlib import Path
        return {"uri": Path(rel).as_uri()}
    return {"uri": _percent(rel), "uriBaseId": "SRCROOT"}


def _percent(path: str) -> str:
    from urllib.parse import quote
    return quote(path, safe="/")


def _result(f: Finding, base: str) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _location_uri(f.file, base)}
    if f.line:
        physical["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
    rule = _RULES.get(f.severity, "catalog-error")
    return {"ruleId": rule, "ruleIndex": list(_RULES.values()).index(rule),
            "level": f.severity if f.severity in _RULES else "error",
            "message": {"text": sanitiser.clean(f.message)},
            "locations": [{"physicalLocation": physical}]}


def junit(report: Report, base: str, *, strict: bool = False) -> str:
    """Return the report as JUnit XML: one test case per file, failed by its errors.

    A file's warnings are its test case's output, or failures too with ``strict``.
    """
    by_file: dict[str, list[Finding]] = {str(p): [] for p in report.files}
    for f in report.findings:
        by_file.setdefault(f.file, []).append(f)
    cases = []
    failures = 0
    for path, found in by_file.items():
        name = sanitiser.xml(relative(path, base))
        failing = [f for f in found if f.severity == "error" or strict]
        body = ""
        if failing:
            failures += 1
            first = sanitiser.xml(failing[0].message)
            text = sanitiser.xml("".join(f"{_where(f, base)}: {f.severity}: {f.message}\n"
                                         for f in failing))
            body += f'<failure message="{first}" type="{failing[0].severity}">{text}</failure>'
        rest = [f for f in found if f not in failing]
        if rest:
            text = sanitiser.xml("".join(f"{_where(f, base)}: {f.severity}: {f.message}\n"
                                         for f in rest))
            body += f"<system-out>{text}</system-out>"
        cases.append(f'    <testcase classname="certpath.validate" name="{name}">{body}</testcase>\n')
    head = (f'  <testsuite name="certpath validate" tests="{len(cases)}" failures="{failures}" '
            f'errors="0" skipped="0">\n')
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="certpath" tests="{len(cases)}" failures="{failures}">\n'
            + head + "".join(cases) + "  </testsuite>\n</testsuites>\n")


def _where(f: Finding, base: str) -> str:
    return relative(f.file, base) + (f":{f.line}:{f.column}" if f.line else "")
