"""Turn option and argument values into Python values without pydantic.

Typer 0.29 converts each parameter's value through a pydantic TypeAdapter that it builds the
first time the parameter is processed, and every command processes all of its parameters, given
or not. Importing pydantic and building those adapters takes longer than the rest of a certpath
start-up together, and completion pays it on every Tab press. certpath's parameters take only a
few kinds of value: text, numbers (some bounded), paths, and choices from an Enum, one or many.
``install`` gives each such parameter of the command tree a conversion of its own, so pydantic is
never imported; a parameter of any other kind keeps Typer's conversion.

This depends on where Typer 0.29 keeps a parameter's conversion (``_runtime_param``, built from
``type_descriptor``). With a Typer that keeps it elsewhere nothing is installed and Typer converts
as before: slower, with its own wording of errors. tests/test_coercion.py and
tests/test_startup.py fail if that happens.
"""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

import typer
from typer.core import TyperGroup

try:
    from typer._coercion import RuntimeParam
except ImportError:  # a Typer that converts values another way: ``install`` leaves it to that
    RuntimeParam = object  # type: ignore[assignment,misc]


def _known_typer() -> bool:
    """Whether this Typer keeps conversions the way ``install`` expects."""
    return RuntimeParam is not object  # type: ignore[comparison-overlap]

Convert = Callable[[Any], Any]

# Path options that change what a path value is, rather than check it: a parameter with any of
# them keeps Typer's conversion.
_PATH_AS_IS = {"resolve_path": False, "allow_dash": False, "path_type": None}


@dataclass(frozen=True)
class Conversion(RuntimeParam):
    """A parameter's conversion: ``convert`` for one value, applied to each of several."""

    convert: Convert
    many: bool

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            if self.many:
                items = value if isinstance(value, (list, tuple)) else [value]
                return [self.convert(item) for item in items]
            return self.convert(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), ctx=ctx, param=param) from None


def install(command: Any, ctx: Any) -> list[str]:
    """Give every parameter of ``command`` and its subcommands its own conversion.

    ``ctx`` is the command's context: the help option, made on first use, depends on it. Return
    the parameters (as ``command parameter``) left to Typer's conversion.
    """
    params = list(_parameters(command, ctx, command.name or ""))
    if not _known_typer():  # not the Typer this was written for: leave it all to Typer
        return [f"{where} {param.name}" for where, param in params]
    left: list[str] = []
    for where, param in params:
        descriptor = getattr(param, "type_descriptor", None)
        current = getattr(param, "_runtime_param", False)
        if isinstance(current, Conversion):
            continue
        convert = None
        if descriptor is not None and current is None:  # Typer 0.29's layout, not yet built
            convert = converter(descriptor.annotation, descriptor.parameter_info)
        if descriptor is None or convert is None:
            left.append(f"{where} {param.name}")
            continue
        param._runtime_param = Conversion(  # Typer's own place for it: see the docstring
            annotation=descriptor.annotation, parameter_info=descriptor.parameter_info,
            convert=convert[0], many=convert[1])
    return left


def _parameters(command: Any, ctx: Any, where: str) -> Iterator[tuple[str, Any]]:
    for param in command.get_params(ctx):
        yield where, param
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from _parameters(sub, ctx, f"{where} {name}".strip())


def converter(annotation: Any, info: Any) -> tuple[Convert, bool] | None:
    """Return how to convert one value of ``annotation`` and whether there are several."""
    many = get_origin(annotation) is list
    if many:
        (annotation,) = get_args(annotation)
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return None
    one: Convert | None = None
    if annotation is str:
        one = _text
    elif annotation is bool:
        one = _flag
    elif annotation in (int, float):
        if getattr(info, "clamp", False):
            return None
        one = _number(annotation, getattr(info, "min", None), getattr(info, "max", None))
    elif annotation is Path:
        plain = all(getattr(info, k, v) == v for k, v in _PATH_AS_IS.items())
        one = _path(info) if plain else None
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        one = _choice(annotation, case_sensitive=getattr(info, "case_sensitive", True))
    return None if one is None else (one, many)


def _text(value: Any) -> str:
    return os.fsdecode(value) if isinstance(value, bytes) else str(value)


_TRUE = {"1", "true", "t", "yes", "y", "on"}
_FALSE = {"0", "false", "f", "no", "n", "off", ""}


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _TRUE | _FALSE:
        return word in _TRUE
    raise ValueError(f"{value!r} is not a yes or no (true, false, 1, 0)")


def _number(kind: type, low: float | None, high: float | None) -> Convert:
    noun = "a whole number" if kind is int else "a number"

    def convert(value: Any) -> Any:
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, str) and not text.isascii():  # float() would take other digits
            raise ValueError(f"{text!r} is not {noun}.")
        try:
            number = kind(text)
        except (TypeError, ValueError):
            raise ValueError(f"{text!r} is not {noun}.") from None
        if kind is float and not math.isfinite(number):
            raise ValueError(f"{text!r} is not a finite number.")
        if low is not None and high is not None and not low <= number <= high:
            raise ValueError(f"{text} is not in the range {low:g} to {high:g}.")
        if low is not None and number < low:
            raise ValueError(f"{text} is less than the least allowed, {low:g}.")
        if high is not None and number > high:
            raise ValueError(f"{text} is more than the most allowed, {high:g}.")
        return number

    return convert


def _path(info: Any) -> Convert:
    """A path, checked as Typer checks one: whether it must exist, be a file or a directory."""
    file_okay, dir_okay = getattr(info, "file_okay", True), getattr(info, "dir_okay", True)
    label = "file" if not dir_okay else "directory" if not file_okay else "path"

    def convert(value: Any) -> Path:
        path = value if isinstance(value, Path) else Path(os.fsdecode(value))
        typed = repr(os.fsdecode(value))  # as given: '' is not '.', 'dir/' is not 'dir'
        try:
            mode = path.stat().st_mode
        except OSError:
            if getattr(info, "exists", False):
                raise ValueError(f"{label} {typed} does not exist.") from None
            return path
        if not file_okay and stat.S_ISREG(mode):
            raise ValueError(f"{label} {typed} is a file.")
        if not dir_okay and stat.S_ISDIR(mode):
            raise ValueError(f"{label} {typed} is a directory.")
        for flag, access, word in (("readable", os.R_OK, "readable"),
                                   ("writable", os.W_OK, "writable")):
            if getattr(info, flag, False) and not os.access(path, access):
                raise ValueError(f"{label} {typed} is not {word}.")
        return path

    return convert


def _choice(kind: type[Enum], *, case_sensitive: bool) -> Convert:
    def fold(text: str) -> str:
        return text if case_sensitive else text.casefold()

    def convert(value: Any) -> Enum:
        if isinstance(value, kind):
            return value
        for member in kind:
            if fold(str(member.value)) == fold(str(value)):
                return member
        names = ", ".join(repr(str(m.value)) for m in kind)
        raise ValueError(f"{value!r} is not one of {names}.")

    return convert
