"""Shell completion through the real entry point: a fresh process, as the shell runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def complete(words: str, catalog: Path | None = None, target_shell: str = "bash",
             imports: bool = False) -> list[str]:
    """Run certpath as bash completion does and return the candidates it prints, one a line.

    ``words`` is the command line so far; a trailing space means a new, empty word. With
    ``imports``, return the heavy modules loaded instead.
    """
    prefix = f"certpath --no-builtin --catalog {catalog} " if catalog else "certpath "
    line = prefix + words.removeprefix("certpath ")
    env = {k: v for k, v in os.environ.items() if k != "CERTPATH_CATALOG"}
    env.update(_CERTPATH_COMPLETE=f"complete_{target_shell}", COMP_WORDS=line,
               COMP_CWORD=str(len(line.split(" ")) - 1), _TYPER_COMPLETE_ARGS=line)
    code = "from certpath.cli import main\ntry:\n    main()\nfinally:\n    import sys\n"
    code += ("    print(sorted(m for m in ('networkx', 'rich') if m in sys.modules))\n" if imports
             else "    pass\n")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return [line for line in result.stdout.splitlines() if line]


def test_prog_name_is_certpath_under_python_dash_m() -> None:
    """python -m certpath completes under the same variable as the console script."""
    env = {**os.environ, "_CERTPATH_COMPLETE": "complete_bash", "COMP_WORDS": "certpath rec",
           "COMP_CWORD": "1"}
    result = subprocess.run([sys.executable, "-m", "certpath"], env=env, capture_output=True,
                            text=True, check=False)
    assert result.stdout.split() == ["recommend"]


def test_certification_ids_and_aliases(small_dir: Path) -> None:
    """--to completes certification ids and one-word aliases from the catalog in effect."""
    assert complete("path --to ex", small_dir) == ["expert"]
    assert complete("path --to ", small_dir) == ["basics", "assoc-a", "assoc-b", "expert",
                                                 "data-pro"]


def test_exam_codes_complete_like_aliases() -> None:
    """In the Kubernetes example, 'CK' completes the exam codes CKA, CKAD and CKS."""
    catalog = Path(__file__).resolve().parent.parent / "examples" / "kubernetes"
    assert complete("path --to CK", catalog) == ["CKA", "CKAD", "CKS"]


def test_show_argument(small_dir: Path) -> None:
    """show's CERT argument completes ids and aliases that start with what is typed."""
    assert complete("show assoc", small_dir) == ["assoc-a", "assoc-b"]
    assert complete("show Cert", small_dir) == []  # an alias with spaces is never offered


@pytest.mark.parametrize("words", ["next assoc", "plan --to assoc", "profile earn assoc",
                                   "profile forget assoc"])
def test_plan_and_profile_certifications(small_dir: Path, words: str) -> None:
    """next, plan --to, profile earn and profile forget complete certification ids and aliases."""
    assert complete(words, small_dir) == ["assoc-a", "assoc-b"]


def test_profile_set_role(small_dir: Path) -> None:
    """profile set --role completes role ids and aliases."""
    assert complete("profile set --role i", small_dir) == ["intern"]


def test_have_completes_the_last_of_a_list(small_dir: Path) -> None:
    """--have a,b completes the part after the last comma and keeps the rest."""
    assert complete("path --to expert --have basics,assoc-", small_dir) == [
        "basics,assoc-a", "basics,assoc-b"]


def test_a_listed_certification_is_not_offered_again(small_dir: Path) -> None:
    """After 'basics,' the rest are offered, not basics again under another name."""
    assert complete("path --to expert --have basics,", small_dir) == [
        "basics,assoc-a", "basics,assoc-b", "basics,expert", "basics,data-pro"]
    offered = complete("path --to architect --have foundation,")  # the shipped catalog
    assert "foundation,mlops-associate" in offered
    assert not {"foundation,mlops-foundation", "foundation,foundation"} & set(offered)


def test_roles_tracks_and_levels(small_dir: Path) -> None:
    """--role completes role ids and aliases; filters complete tracks and levels."""
    assert complete("recommend --role S", small_dir) == ["SRE"]
    assert complete("recommend --role ", small_dir) == ["sre", "intern"]  # each role once
    assert complete("tracks --level Adv", small_dir) == ["Advanced"]
    assert complete("institutions --track d", small_dir) == ["data"]


def test_shipped_catalog_is_the_default() -> None:
    """Without --catalog, values come from the shipped catalog."""
    assert complete("path --to archi") == ["architect"]
    assert "sre" in complete("recommend --role s")


def test_zsh_gets_names_as_help(small_dir: Path) -> None:
    """zsh completion carries each value's display name as its description."""
    [line] = complete("show basic", small_dir, target_shell="zsh")
    assert '"basics":"Cloud Basics"' in line


def test_unloadable_catalog_completes_nothing(tmp_path: Path) -> None:
    """A catalog that cannot be loaded gives no candidates and no error."""
    assert complete("show a", tmp_path / "absent") == []


def test_completion_stays_light(small_dir: Path) -> None:
    """Completing loads neither networkx nor Rich: it runs on every Tab."""
    assert complete("path --to e", small_dir, imports=True) == ["expert", "[]"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_script(shell: str) -> None:
    """--show-completion prints a script that calls certpath back."""
    result = subprocess.run([sys.executable, "-m", "certpath", "--show-completion", shell],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "_CERTPATH_COMPLETE" in result.stdout
