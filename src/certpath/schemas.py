"""The published format: a JSON Schema for each catalog file, generated from ``model``.

The schemas are written once, by the model's types; ``schema/*.schema.json`` in the repository
(and in the wheel) are copies of this output that editors with a YAML language server read.
"""

from __future__ import annotations

from typing import Any

from certpath import model
from certpath.errors import UnknownNameError

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
