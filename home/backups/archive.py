"""The archive: one .tar.gz with the data, the media files and a manifest.

Members, in the order they are written and read back:

- `data/NNNN-<app>.<model>.jsonl`: one model's rows (serialization.py);
- `media/<storage name>`: the files the rows name (images, documents...);
- `manifest.json`, last because it holds every other member's SHA-256: the
  format and its version, Django, Wagtail and Python versions, the applied
  migrations, the options, the models with their counts, the files, what was
  left out and why.

A tar.gz is read as a stream, so `verify()` reads every member once, checks
it against the manifest and keeps nothing; the import then reads the archive
a second time and checks each member's digest again as it uses it.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
import zlib
from pathlib import Path

FORMAT = "bd4m-hub-site"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024
# What reading a damaged or truncated .tar.gz raises, wherever it breaks.
READ_ERRORS = (tarfile.TarError, EOFError, OSError, zlib.error)


class ArchiveError(Exception):
    """The archive cannot be used: damaged, truncated, incomplete or of another format."""


class _Hashing(io.RawIOBase):
    """Reads from `source` and hashes what passes through (for tarfile.addfile)."""

    def __init__(self, source):
        self.source = source
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.source.read(len(buffer))
        self.digest.update(data)
        self.size += len(data)
        buffer[: len(data)] = data
        return len(data)


class ArchiveWriter:
    """Writes to a temporary file beside `path`, renamed into place by `close()`:
    a failed export leaves neither half an archive nor the old one damaged."""

    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, self._partial = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".partial")
        os.close(handle)
        self._tar = tarfile.open(self._partial, "w:gz", format=tarfile.PAX_FORMAT)
        self.members = {}

    def add(self, name, source, size):
        """Adds `size` bytes read from the binary file `source` as member `name`."""
        if name in self.members or name == MANIFEST:
            raise ValueError(f"{name} is already in the archive")
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = int(time.time())
        info.mode = 0o644
        hashing = _Hashing(source)
        self._tar.addfile(info, io.BufferedReader(hashing, CHUNK))
        if hashing.size != size:
            raise OSError(f"{name}: read {hashing.size} bytes, expected {size}")
        self.members[name] = {"sha256": hashing.digest.hexdigest(), "size": size}

    def close(self, manifest):
        manifest = {**manifest, "members": self.members}
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(time.time())
        info.mode = 0o644
        self._tar.addfile(info, io.BytesIO(data))
        self._tar.close()
        os.replace(self._partial, self.path)

    def abort(self):
        self._tar.close()
        Path(self._partial).unlink(missing_ok=True)


def _open(path):
    try:
        return tarfile.open(path, "r:gz")
    except FileNotFoundError:
        raise ArchiveError(f"{path}: no such file") from None
    except READ_ERRORS as error:
        raise ArchiveError(f"{path} is not a site archive or is damaged: {error}") from error


def members(path):
    """(name, binary file) for every member in order, each read through once.
    A damaged or truncated archive raises ArchiveError wherever it breaks."""
    with _open(path) as tar:
        try:
            for info in tar:
                if not info.isfile():
                    raise ArchiveError(f"{path}: unexpected entry {info.name!r} (not a file)")
                yield info.name, tar.extractfile(info)
        except READ_ERRORS as error:
            raise ArchiveError(f"{path} is damaged or truncated: {error}") from error


def digest_of(source):
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def verify(path):
    """The manifest, once every member is there, complete and unchanged; else ArchiveError."""
    found = {}
    manifest_data = None
    try:
        for name, source in members(path):
            if name in found:
                raise ArchiveError(f"{path}: member {name!r} is in the archive twice")
            if name == MANIFEST:
                manifest_data = source.read()
                found[name] = None
            else:
                found[name] = digest_of(source)
    except READ_ERRORS as error:
        raise ArchiveError(f"{path} is damaged or truncated: {error}") from error
    if manifest_data is None:
        raise ArchiveError(f"{path} has no {MANIFEST}: not a site archive, or truncated")
    try:
        manifest = json.loads(manifest_data)
    except ValueError as error:
        raise ArchiveError(f"{path}: {MANIFEST} is not valid JSON ({error})") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"{path} is not a {FORMAT} archive")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            f"{path} has format version {manifest.get('format_version')!r}; this code reads version {FORMAT_VERSION}"
        )
    expected = manifest.get("members") or {}
    missing = sorted(set(expected) - set(found))
    if missing:
        raise ArchiveError(f"{path} is incomplete: {len(missing)} member(s) missing, e.g. {missing[0]!r}")
    unexpected = sorted(set(found) - set(expected) - {MANIFEST})
    if unexpected:
        raise ArchiveError(f"{path}: member {unexpected[0]!r} is not in the manifest")
    for name, entry in expected.items():
        if found[name] != (entry.get("sha256"), entry.get("size")):
            raise ArchiveError(f"{path}: member {name!r} does not match its SHA-256 in the manifest (damaged)")
    return manifest
