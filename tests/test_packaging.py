"""The built wheel carries the catalog: installed elsewhere and run from another directory, it works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a wheel and install it (without its dependencies) into a fresh virtual environment.

    The dependencies are taken from the running environment through a .pth file, so the test
    needs no network; certpath itself comes only from the wheel.
    """
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(work / "dist"), str(ROOT)], check=True)
    [wheel] = (work / "dist").glob("certpath-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    (Path(site) / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                    "-q", str(wheel)], check=True)
    return env_dir


def test_wheel_runs_from_another_directory(installed: Path, tmp_path: Path) -> None:
    """The console script finds the shipped catalog from an unrelated working directory."""
    env = {k: v for k, v in os.environ.items() if k not in ("CERTPATH_CATALOG", "PYTHONPATH")}
    result = subprocess.run([str(installed / "bin" / "certpath"), "recommend", "--role", "sre",
                             "--json"], cwd=tmp_path, capture_output=True, text=True, env=env,
                            check=False)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["target"]["id"] == "mlops-professional"
    location = subprocess.run([str(installed / "bin" / "python"), "-c",
                               "import certpath; print(certpath.__file__)"], cwd=tmp_path,
                              capture_output=True, text=True, env=env, check=True).stdout
    assert str(installed) in location


def test_python_dash_m(installed: Path, tmp_path: Path) -> None:
    """python -m certpath works from the installed wheel too."""
    result = subprocess.run([str(installed / "bin" / "python"), "-m", "certpath", "--version"],
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("certpath ")


def test_wheel_carries_the_schemas(installed: Path) -> None:
    """The published schemas sit next to the shipped data, where the data files' modelines point."""
    site = next((installed / "lib").glob("python*/site-packages"))
    for stem in ("tracks", "roles", "institutions"):
        data = site / "certpath" / "data" / f"{stem}.yaml"
        modeline = data.read_text(encoding="utf-8").splitlines()[0]
        target = modeline.removeprefix("# yaml-language-server: $schema=")
        assert (data.parent / target).read_bytes() == (ROOT / "schema" / f"{stem}.schema.json").read_bytes()


def test_wheel_carries_the_docs_and_output_schemas(installed: Path, tmp_path: Path) -> None:
    """'certpath help TOPIC' and 'certpath schema --output NAME' work from the wheel alone."""
    env = {k: v for k, v in os.environ.items() if k not in ("CERTPATH_CATALOG", "PYTHONPATH")}
    script = str(installed / "bin" / "certpath")
    shown = subprocess.run([script, "help", "json"], cwd=tmp_path, capture_output=True, text=True,
                           env=env, check=False)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
    schema = subprocess.run([script, "schema", "--output", "path"], cwd=tmp_path,
                            capture_output=True, text=True, env=env, check=False)
    assert schema.returncode == 0, schema.stderr
    assert json.loads(schema.stdout) == json.loads(
        (ROOT / "schema" / "output" / "path.schema.json").read_text(encoding="utf-8"))
    site = next((installed / "lib").glob("python*/site-packages"))
    assert (site / "certpath" / "docs" / "exit-codes.md").is_file()


def test_wheel_carries_the_examples(installed: Path, tmp_path: Path) -> None:
    """The README's examples run from a wheel: 'examples copy' writes them out of the package."""
    env = {k: v for k, v in os.environ.items() if k not in ("CERTPATH_CATALOG", "PYTHONPATH")}
    script = str(installed / "bin" / "certpath")
    copied = subprocess.run([script, "examples", "copy", "enterprise-linux", "el"], cwd=tmp_path,
                            capture_output=True, text=True, env=env, check=False)
    assert copied.returncode == 0, copied.stderr
    assert (tmp_path / "el" / "tracks.yaml").read_bytes() == \
        (ROOT / "examples" / "enterprise-linux" / "tracks.yaml").read_bytes()
    path = subprocess.run([script, "--no-builtin", "-c", "el", "path", "--to", "rhca", "--json"],
                          cwd=tmp_path, capture_output=True, text=True, env=env, check=False)
    assert path.returncode == 0, path.stderr
    made = subprocess.run([script, "init", "ours"], cwd=tmp_path, capture_output=True, text=True,
                          env=env, check=False)
    assert made.returncode == 0, made.stderr
    assert subprocess.run([script, "validate", "ours"], cwd=tmp_path, capture_output=True,
                          env=env, check=False).returncode == 0
