"""A learned score for abusive language, where the lexicons and patterns cannot reach.

A logistic regression over character n-grams of the normalised text (the ``joined`` view, so
spacing tricks and jamo are already undone), with the n-grams hashed into a fixed table of
weights. Why this and not a neural model: it is small (a 1 MB table), fast (well under a
millisecond a comment, no numpy in the web worker), and explainable: the n-grams of a comment
that pushed its score up are the reason a moderator reads.

The score may hold or flag a comment, never reject it: rejection stays for unambiguous,
mechanical findings the citizen can be told about (validators in the other modules).

The shipped model (``data/learned/``) is trained on the kocohub Korean HateSpeech corpus (CC
BY-SA 4.0, credited beside the file) and our own labelled portal comments; moderators' decisions
can retrain it (``manage.py retrain_rules``, briefing/rules/training.py).
"""

import array
import json
import math
import struct
import sys
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

SHIPPED_MODEL = Path(__file__).resolve().parent / "data" / "learned" / "model.bin"
MAGIC = b"BRLM1\n"
#: How often a running worker looks at the model file's modification time.
RELOAD_CHECK_SECONDS = 60
#: A longer "word" is a URL or a run of one letter: its n-grams say nothing more.
MAX_WORD = 40


# --- features ---------------------------------------------------------------------------------


def features(joined: str, buckets: int) -> list[tuple[int, str]]:
    """(bucket, n-gram) pairs of a comment: each word, each pair of neighbouring words, and the
    character 1–3-grams inside each word with its edges marked ("<씨발>" gives "<씨", "씨발>"…).
    Hashing with CRC-32 keeps the table one size whatever the vocabulary, and the same in every
    process (Python's own str hash is salted per process)."""
    words = [word[:MAX_WORD] for word in joined.split()]
    grams = []
    for index, word in enumerate(words):
        grams.append("w:" + word)
        if index + 1 < len(words):
            grams.append(f"b:{word} {words[index + 1]}")
        padded = f"<{word}>"
        for size in (1, 2, 3):
            for start in range(len(padded) - size + 1):
                grams.append(padded[start : start + size])
    seen = {}
    for gram in grams:
        if gram not in seen:
            seen[gram] = zlib.crc32(gram.encode("utf-8")) % buckets
    return [(bucket, gram) for gram, bucket in seen.items()]


# --- the model --------------------------------------------------------------------------------


@dataclass
class Model:
    """Weights over hashed n-grams, a bias, and the thresholds at which a score holds or flags."""

    weights: array.array
    bias: float
    hold_at: float
    flag_at: float
    info: dict = field(default_factory=dict)

    @property
    def buckets(self) -> int:
        return len(self.weights)

    def score(self, joined: str) -> float:
        return self.explain(joined, top=0)[0]

    def explain(self, joined: str, top: int = 5) -> tuple[float, list[tuple[str, float]]]:
        """The probability that the text is abusive, and the ``top`` words (or pairs of words)
        that pushed it up most, each with its share of the sum."""
        found = features(joined, self.buckets)
        if not found:
            return _sigmoid(self.bias), []
        scale = 1.0 / math.sqrt(len(found))
        weights = self.weights
        total = self.bias + scale * sum(weights[bucket] for bucket, _gram in found)
        if not top:
            return _sigmoid(total), []
        by_word: dict[str, float] = {}
        for word in dict.fromkeys(joined.split()):
            grams = features(word, self.buckets)
            by_word[word] = scale * sum(weights[bucket] for bucket, _gram in grams)
        strongest = sorted(by_word.items(), key=lambda item: item[1], reverse=True)[:top]
        return _sigmoid(total), [(word, value) for word, value in strongest if value > 0]

    def to_bytes(self) -> bytes:
        header = json.dumps(
            {
                "buckets": self.buckets,
                "bias": self.bias,
                "hold_at": self.hold_at,
                "flag_at": self.flag_at,
                "info": self.info,
            },
            ensure_ascii=False,
            sort_keys=True,
        ).encode("utf-8")
        table = self.weights
        if sys.byteorder != "little":
            table = array.array("f", table)
            table.byteswap()
        return MAGIC + struct.pack("<I", len(header)) + header + zlib.compress(table.tobytes(), 9)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Model":
        if not data.startswith(MAGIC):
            raise ValueError("not a briefing rules model file")
        (length,) = struct.unpack_from("<I", data, len(MAGIC))
        start = len(MAGIC) + 4
        header = json.loads(data[start : start + length].decode("utf-8"))
        table = array.array("f")
        table.frombytes(zlib.decompress(data[start + length :]))
        if sys.byteorder != "little":
            table.byteswap()
        if len(table) != header["buckets"]:
            raise ValueError("model file is truncated")
        return cls(table, header["bias"], header["hold_at"], header["flag_at"], header["info"])

    def save(self, path: Path) -> None:
        """Write atomically: a worker reading the file never sees half of it."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_bytes(self.to_bytes())
        partial.replace(path)

    @classmethod
    def load(cls, path: Path) -> "Model":
        return cls.from_bytes(Path(path).read_bytes())


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


# --- which model a check uses -------------------------------------------------------------------


class _Installed:
    """The model checks use: a file set by the app layer (``use_model_file``), else the shipped
    one. Loaded on first use and reloaded when the file changes (retrain_rules installs a new
    one atomically), looked at no more than once a minute."""

    def __init__(self):
        self.lock = threading.Lock()
        self.path: Path | None = None
        self.model: Model | None = None
        self.loaded_mtime = 0.0
        self.checked_at = 0.0

    def configure(self, path) -> None:
        with self.lock:
            self.path = Path(path) if path else None
            self.model, self.checked_at = None, 0.0

    def source(self) -> Path:
        return self.path if self.path is not None and self.path.exists() else SHIPPED_MODEL

    def get(self) -> Model | None:
        now = time.monotonic()
        if self.model is not None and now - self.checked_at < RELOAD_CHECK_SECONDS:
            return self.model
        with self.lock:
            self.checked_at = now
            source = self.source()
            try:
                mtime = source.stat().st_mtime
                if self.model is None or mtime != self.loaded_mtime:
                    self.model, self.loaded_mtime = Model.load(source), mtime
            except (OSError, ValueError):
                # No model (or a broken file): the checks run on their rules alone.
                self.model = None
            return self.model


_installed = _Installed()


def use_model_file(path) -> None:
    """Make checks use the model at ``path`` once it exists (the shipped one until then)."""
    _installed.configure(path)


def installed_model() -> Model | None:
    return _installed.get()


def installed_model_source() -> Path:
    return _installed.source()
