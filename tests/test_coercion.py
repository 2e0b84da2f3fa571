"""certpath converts its own option and argument values (cli/coercion.py), the way Typer would."""

from __future__ import annotations

import enum
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from certpath.cli import app, coercion


class Colour(enum.Enum):
    RED = "red"
    DARK_BLUE = "dark-blue"


def one(annotation: Any, info: Any = None) -> coercion.Convert:
    found = coercion.converter(annotation, info or typer.models.OptionInfo())
    assert found is not None
    return found[0]


def test_every_certpath_parameter_has_its_own_conversion() -> None:
    """No parameter is left to Typer's conversion, which would import pydantic at every start."""
    command = typer.main.get_command(app)  # a fresh tree, with the options Typer adds itself
    ctx = typer.Context(command, info_name="certpath")
    assert coercion.install(command, ctx) == []
    assert coercion.install(command, ctx) == []  # and a second pass finds nothing to do


def test_numbers_are_parsed_bounded_and_finite() -> None:
    """Numbers are read as typed, kept within their bounds, finite, and whole where asked."""
    hours = one(float, typer.models.OptionInfo(min=0.5, max=168))
    assert hours("7.5") == 7.5
    assert hours(" 10 ") == 10.0
    assert hours(0.5) == 0.5
    assert hours("168") == 168.0
    for bad, said in (("abc", "'abc' is not a number"), ("0", "0 is not in the range 0.5 to 168"),
                      ("168.1", "168.1 is not in the range"), ("nan", "'nan' is not a finite"),
                      ("-inf", "'-inf' is not a finite"), ("", "'' is not a number")):
        with pytest.raises(ValueError, match=said):
            hours(bad)
    whole = one(int, typer.models.OptionInfo(min=1))
    assert whole("3") == 3
    with pytest.raises(ValueError, match="'3.5' is not a whole number"):
        whole("3.5")
    with pytest.raises(ValueError, match=r"^0 is less than the least allowed, 1\.$"):
        whole("0")
    with pytest.raises(ValueError, match="is not a whole number"):
        whole("1" + "0" * 400 + ".5")
    with pytest.raises(ValueError, match=r"is more than the most allowed, 10\.$"):
        one(int, typer.models.OptionInfo(max=10))("1" + "0" * 400)  # beyond any float: no crash
    with pytest.raises(ValueError, match="'１０' is not a number"):  # float() would take it
        hours("１０")


def test_choices_match_an_enum_value_and_say_what_is_allowed() -> None:
    """A choice is an enum value (case-blind where asked); a wrong one lists the allowed values."""
    colour = one(Colour)
    assert colour("dark-blue") is Colour.DARK_BLUE
    assert colour(Colour.RED) is Colour.RED
    with pytest.raises(ValueError, match="'Red' is not one of 'red', 'dark-blue'."):
        colour("Red")
    assert one(Colour, typer.models.OptionInfo(case_sensitive=False))("Red") is Colour.RED


def test_text_paths_flags_and_lists() -> None:
    """Text, paths, yes/no flags and repeated options convert to their Python types."""
    assert one(str)("arch") == "arch"
    assert one(Path)("data/x") == Path("data/x")
    assert one(bool)("yes") is True
    assert one(bool)("0") is False
    assert one(bool)(True) is True
    with pytest.raises(ValueError, match="not a yes or no"):
        one(bool)("maybe")
    several = coercion.converter(list[Path], typer.models.OptionInfo())
    assert several is not None
    assert several[1] is True


def test_paths_are_checked_as_typer_checks_them(tmp_path: Path) -> None:
    """Only a path asked to exist must; a file-only path refuses a directory, and so on."""
    (tmp_path / "f").write_text("x")
    as_file = one(Path, typer.models.OptionInfo(dir_okay=False))
    assert as_file(str(tmp_path / "f")) == tmp_path / "f"
    assert as_file(str(tmp_path / "new")) == tmp_path / "new"
    with pytest.raises(ValueError, match=r"file '.*' is a directory\."):
        as_file(str(tmp_path))
    with pytest.raises(ValueError, match=r"^file '' is a directory\.$"):  # as typed, not '.'
        as_file("")
    with pytest.raises(ValueError, match=r"directory '.*' is a file\."):
        one(Path, typer.models.OptionInfo(file_okay=False))(str(tmp_path / "f"))
    with pytest.raises(ValueError, match=r"path '.*new' does not exist\."):
        one(Path, typer.models.OptionInfo(exists=True))(str(tmp_path / "new"))


def test_with_another_typer_everything_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where Typer keeps a parameter's conversion elsewhere, certpath installs nothing and works."""
    monkeypatch.setattr(coercion, "RuntimeParam", object)
    command = typer.main.get_command(app)
    ctx = typer.Context(command, info_name="certpath")
    assert len(coercion.install(command, ctx)) == len(list(coercion._parameters(command, ctx, "")))
    result = CliRunner().invoke(app, ["roles", "--json"])
    assert result.exit_code == 0


def test_kinds_it_does_not_know_are_left_to_typer() -> None:
    """A resolved path, a clamped number, a custom parser or an unknown type keep Typer's."""
    assert coercion.converter(Path, typer.models.OptionInfo(resolve_path=True)) is None
    assert coercion.converter(int, typer.models.OptionInfo(min=1, clamp=True)) is None
    assert coercion.converter(str, typer.models.OptionInfo(parser=str.upper)) is None
    assert coercion.converter(complex, typer.models.OptionInfo()) is None


@pytest.mark.parametrize(("args", "said"), [
    (["plan", "--to", "architect", "--hours-per-week", "0"],
     "Invalid value for '--hours-per-week': 0 is not in the range 0.5 to 168."),
    (["plan", "--to", "architect", "--hours-per-week", "many"],
     "Invalid value for '--hours-per-week': 'many' is not a number."),
    (["plan", "--to", "architect", "--pace", "slow"],
     "Invalid value for '--pace': 'slow' is not one of 'accelerated', 'focused', "
     "'comprehensive'."),
    (["advise", "--hours-per-week", "200"],
     "Invalid value for '--hours-per-week': 200 is not in the range 0.5 to 168."),
    (["schema", "catalog"],
     "Invalid value for 'FILE': 'catalog' is not one of 'tracks', 'roles', 'institutions'."),
], ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_a_bad_value_is_a_usage_error_naming_the_option(args: list[str], said: str) -> None:
    """A bad option value: exit 2, nothing on stdout, one error line naming the option."""
    result = subprocess.run([sys.executable, "-m", "certpath", *args], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == f"Error: {said}"


def test_a_file_option_refuses_a_directory(tmp_path: Path) -> None:
    """--ics given a directory: exit 2 with Typer's own message for a file option."""
    result = subprocess.run([sys.executable, "-m", "certpath", "plan", "--to", "architect",
                             "--ics", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--ics': file {str(tmp_path)!r} is a directory.")


def test_repeated_paths_reach_the_command_as_paths(tmp_path: Path) -> None:
    """--catalog twice: both directories, as paths, in order (an empty one is an error)."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    result = CliRunner().invoke(app, ["--no-builtin", "--catalog", str(first), "--catalog",
                                      str(second), "validate"], prog_name="certpath")
    assert result.exit_code == 1
    assert str(first) in result.output
    assert str(second) in result.output


def test_typer_is_bounded_to_the_releases_coercion_is_tested_with() -> None:
    """The declared Typer requirement is closed above, and the Typer under test lies inside it."""
    from importlib.metadata import requires, version

    from packaging.requirements import Requirement

    found = [Requirement(r) for r in requires("certpath") or () if r.startswith("typer")]
    assert len(found) == 1
    bound = found[0].specifier
    assert any(s.operator == "<" for s in bound)
    assert bound.contains(version("typer"))
