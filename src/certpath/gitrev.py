"""A catalog directory as it was at a git revision, for ``certpath diff --git REV``."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

from certpath.errors import CertpathError, InputError


def checkout_catalog(directory: Path, rev: str, into: Path) -> Path:
    """Write ``directory`` as it was at ``rev`` into ``into``; return the copy's path.

    A directory that did not exist at ``rev`` comes back empty (everything in it is new).
    """
    if rev.startswith("-") or not rev.strip():
        raise InputError(f"--git takes a revision (a branch, tag or commit), not {rev!r}")
    git = shutil.which("git")
    if git is None:
        raise CertpathError("--git needs git, which is not on PATH")
    directory = directory.resolve()
    top = _git(git, directory, "rev-parse", "--show-toplevel").strip()
    relative = directory.relative_to(Path(top).resolve()).as_posix()
    _git(git, directory, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}",
         what=f"no revision {rev!r} in the repository of {directory}")
    listed = _git(git, Path(top), "ls-tree", "-r", "--name-only", rev, "--", relative or ".")
    copy = into / "catalog"
    copy.mkdir(parents=True)
    if not listed.strip():
        return copy
    archive = into / "rev.tar"
    with archive.open("wb") as handle:
        # git from PATH, a revision checked above (no leading '-'), paths after '--'
        done = subprocess.run([git, "-C", top, "archive", "--format=tar", rev,  # noqa: S603
                               "--", relative or "."], stdout=handle, stderr=subprocess.PIPE,
                              check=False)
    if done.returncode:
        raise CertpathError(f"git archive {rev}: {done.stderr.decode(errors='replace').strip()}")
    with tarfile.open(archive) as tar:
        base = f"{relative}/" if relative else ""
        for member in tar.getmembers():
            if not member.isfile() or not member.name.startswith(base):
                continue
            target = copy / member.name[len(base):]
            if ".." in Path(member.name).parts:
                continue  # git never writes such a path; refuse one all the same
            target.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is not None:
                target.write_bytes(source.read())
    return copy


def _git(git: str, cwd: Path, *args: str, what: str = "") -> str:
    # noqa reason: git found on PATH, arguments passed as a list (no shell), revision checked
    done = subprocess.run([git, "-C", str(cwd), *args], capture_output=True,  # noqa: S603
                          text=True, check=False)
    if done.returncode:
        message = what or done.stderr.strip() or f"git {args[0]} failed"
        raise CertpathError(f"--git: {message}")
    return done.stdout
