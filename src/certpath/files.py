"""Write files so that a reader never sees half of one: temporary file, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from certpath.errors import CertpathError, InputError


def make_parent(target: Path) -> None:
    """Create the directory a file goes in.

    A directory root creates takes the owner of the directory it is made in, so that root
    (``sudo`` with the user's ``HOME``) creating a user's config or cache folder leaves it theirs.
    """
    folder = target.parent
    existing = folder
    while not os.path.isdir(existing) and existing != existing.parent:
        existing = existing.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CertpathError(f"{folder}: cannot create the directory: "
                            f"{exc.strerror or exc}") from None
    if os.name != "posix" or os.geteuid() != 0 or existing == folder:
        return
    owner = os.stat(existing)
    made = folder
    while owner.st_uid != 0 and made != existing:
        with contextlib.suppress(OSError):  # a link put in its place is changed, never followed
            os.chown(made, owner.st_uid, owner.st_gid, follow_symlinks=False)
        made = made.parent


def write_atomic(target: Path, data: bytes | Iterable[bytes], *, mode: int | None = None,
                 durable: bool = True, new_owner_of: Path | None = None) -> None:
    """Write ``data`` (bytes, or pieces written one after another, never joined in memory) to a
    temporary file beside ``target``, flush it to disk, rename it over.

    The folder must exist. The file is private (0600) unless ``mode`` is given. A file that is
    replaced keeps its owner and group where the process may set them (root rewriting another
    user's file, or a group the user belongs to); a new one takes those of ``new_owner_of``
    when it is given (the folder of a user's profile). With ``durable`` false the data is not flushed
    to disk first (for a cache, which can be rebuilt): a reader still sees the old file or the
    new one, whole, but a crash may lose the new one.
    """
    owner = _stat(target) or (_stat(new_owner_of) if new_owner_of is not None else None)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise CertpathError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if owner is not None:
                keep_owner(handle.fileno(), owner)
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise CertpathError(f"{target}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(target.parent)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def keep_owner(fd: int, owner: os.stat_result) -> None:
    """Give the open file ``fd`` the owner and group of ``owner``, as far as this process may.

    Renaming a new file over an old one gives the file its writer's owner: root changing a
    user's profile would leave it root's, and the user locked out of their own file.
    """
    if os.name != "posix":
        return
    found = os.fstat(fd)
    if (found.st_uid, found.st_gid) == (owner.st_uid, owner.st_gid):
        return
    for uid in (owner.st_uid, -1):  # only root may give a file away; a group may still be kept
        try:
            os.fchown(fd, uid, owner.st_gid)
        except OSError:
            continue
        return


def share_lock(lock: Path, guarded: Path) -> None:
    """Give a lock file root just created to the owner of the file it guards (or its folder).

    Otherwise root changing a user's profile leaves a lock file the user cannot open, and every
    later change of theirs fails. Only a plain file with one link, still root's, is handed over,
    through its descriptor, so a link planted in its place is never followed.
    """
    if os.name != "posix" or os.geteuid() != 0:
        return
    try:
        owner = os.stat(guarded) if os.path.exists(guarded) else os.stat(guarded.parent)
        fd = os.open(lock, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return
    try:
        found = os.fstat(fd)
        if stat.S_ISREG(found.st_mode) and found.st_nlink == 1 and found.st_uid == 0 \
                and owner.st_uid != 0:
            os.fchown(fd, owner.st_uid, owner.st_gid)
    except OSError:
        pass  # the lock still works; the owner may have to remove it by hand
    finally:
        os.close(fd)


def append_text(target: Path, text: str) -> None:
    """Add ``text`` to the end of a file another program owns and reads (a CI step summary).

    Such a file is appended to by its protocol, never replaced: ``write_atomic`` would drop what
    earlier commands of the same step wrote.
    """
    try:
        with target.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise CertpathError(f"{target}: cannot write: {exc.strerror or exc}") from None


def fsync_dir(directory: Path) -> None:
    """Flush a directory entry (a rename) to disk where the platform allows it."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def check_output(target: Path) -> Path:
    """Return the file that writing ``target`` replaces (a symlink's target), or raise if unusable.

    The folder must exist and be writable, and what is there must be a regular file or nothing:
    a FIFO, a device or a directory is never replaced.
    """
    real = Path(os.path.realpath(target))
    try:
        found = real.stat()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise CertpathError(f"{target}: cannot write: {exc.strerror or exc}") from None
    else:
        if not stat.S_ISREG(found.st_mode):
            raise CertpathError(f"{target}: not a regular file; give the path of a file to write")
    if not real.parent.is_dir():
        raise CertpathError(f"{target}: the folder {real.parent} does not exist; create it first")
    if not os.access(real.parent, os.W_OK | os.X_OK):
        raise CertpathError(f"{target}: the folder {real.parent} is not writable")
    return real


def write_outputs(outputs: Sequence[tuple[Path, bytes]]) -> None:
    """Write files a user asked for, checking every target before writing any of them.

    A new file gets the usual mode (0666 less the umask); an existing one keeps its mode.
    """
    checked = [(check_output(target), data) for target, data in outputs]
    reals = [real for real, _ in checked]
    if len(set(reals)) < len(reals):
        raise InputError("two outputs name the same file; give each its own")
    for real, data in checked:
        write_atomic(real, data, mode=_mode_for(real))


def _mode_for(real: Path) -> int:
    try:
        return stat.S_IMODE(real.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0)  # the only way to read the umask is to set it
        os.umask(mask)
        return 0o666 & ~mask
