"""The published formats: a JSON Schema for each catalog file and for each ``--json`` document.

The catalog files' schemas are written once, by the model's types; ``schema/*.schema.json`` in
the repository (and in the wheel) are copies of this output that editors with a YAML language
server read. The schemas of the commands' JSON documents are written by hand, one file per
document in ``schema/output/`` (shipped in the wheel); tests/test_json_schemas.py checks every
command's ``--json`` output against its schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from certpath import model
from certpath.errors import InputError, UnknownNameError

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def file_schema(stem: str) -> dict[str, Any]:
    """Return the JSON Schema of one catalog file (``tracks``, ``roles`` or ``institutions``)."""
    import msgspec.json

    if stem not in model.FILE_TYPES:
        raise UnknownNameError("catalog file", stem, list(model.FILE_TYPES))
    generated = msgspec.json.schema(model.FILE_TYPES[stem])
    return {
        "$schema": DIALECT,
        "title": f"certpath {stem}.yaml",
        "description": f"The {stem}.yaml file of a certpath catalog (schema_version "
                       f"{model.SCHEMA_VERSION}). Generated from the catalog model: "
                       f"certpath schema {stem}",
        **generated,
    }


# Commands whose --json prints the document of another command: its schema is that one's.
SAME_DOCUMENT = {"profile show": "profile", "profile set": "profile", "profile earn": "profile",
                 "profile forget": "profile", "progress done": "progress",
                 "progress undo": "progress", "team-import": "profile-import",
                 "init": "written", "examples copy": "written", "import ctdl": "written",
                 "import mslearn": "written"}


def document_name(command: str) -> str:
    """Return the name of the JSON document a command prints (``profile set`` -> ``profile``)."""
    return SAME_DOCUMENT.get(command, command.replace(" ", "-"))


def _output_dir() -> Path:
    from certpath.shipped import shipped_dir

    return shipped_dir("schema") / "output"


def output_names() -> list[str]:
    """Return the names of the JSON documents that have a published schema, sorted."""
    return sorted(p.name.removesuffix(".schema.json")
                  for p in _output_dir().glob("*.schema.json"))


def output_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema of a command's ``--json`` document (``path``, ``error``, ...)."""
    import json

    names = output_names()
    if name not in names:
        raise InputError(f"no JSON document {name!r}: --output takes one of {', '.join(names)}")
    text = (_output_dir() / f"{name}.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
