"""The labelled comments the rules are measured on, and the training rows of the learned score.

Our own files (``data/eval/``) are portal comments we wrote; the two public corpora are read
from a folder outside the project (``../shared/datasets/`` by default, or ``--datasets``), never
copied into it: UnSmile's licence (CC BY-NC-ND 4.0) allows evaluating on it, not shipping
anything derived from it, so it is never a training source. kocohub's (CC BY-SA 4.0) allows
training a model that ships, with the credit and licence beside it (data/learned/README.md).
"""

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from .registry import RULES

EVAL_DIR = Path(__file__).resolve().parent / "data" / "eval"
DEFAULT_DATASETS = Path(__file__).resolve().parents[3] / "shared" / "datasets"
UNSMILE_FILE = "unsmile_train_v1.0.tsv"
KOCOHUB_FILE = "kocohub_train.tsv"
AUTOMATED_RULES = tuple(rule.number for rule in RULES if rule.automated)


@dataclass(frozen=True)
class Sample:
    """One of our own labelled comments: honest (rule None) or a violation of ``rule``."""

    text: str
    rule: int | None = None
    action: str = "publish"
    recent: tuple[str, ...] = ()
    flood: tuple[str, ...] = ()
    new_account: bool = False
    urgent: bool = False
    also: frozenset[int] = field(default_factory=frozenset)
    source: str = ""


@dataclass(frozen=True)
class CorpusRow:
    """A row of a public corpus with its labels, and whether it must be stopped.

    ``must_stop`` True: the portal must not publish it; False: it must publish; None: either is
    acceptable (kocohub's "offensive": rude or sarcastic, some of it honest criticism)."""

    text: str
    labels: tuple[str, ...]
    must_stop: bool | None


def honest_samples(directory: Path = EVAL_DIR) -> list[Sample]:
    samples = []
    for path in sorted(directory.glob("honest*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                samples.append(Sample(line.split("\t", 1)[1], source=path.name))
    return samples


def violation_samples(directory: Path = EVAL_DIR) -> list[Sample]:
    samples = []
    for path in sorted(directory.glob("violations*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            samples.append(
                Sample(
                    row["text"],
                    row["rule"],
                    row["action"],
                    tuple(row.get("recent", ())),
                    tuple(row.get("flood", ())),
                    row.get("new_account", False),
                    row.get("urgent", False),
                    frozenset(row.get("also", ())),
                    source=path.name,
                )
            )
    return samples


def unsmile_rows(datasets: Path = DEFAULT_DATASETS) -> list[CorpusRow]:
    """Korean UnSmile: every label but "clean" is rule-4 material for a government portal."""
    with (Path(datasets) / UNSMILE_FILE).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        rows = []
        for cells in reader:
            if len(cells) != len(header):
                continue
            labels = tuple(
                name for name, value in zip(header[1:], cells[1:], strict=True) if value == "1"
            )
            rows.append(CorpusRow(cells[0], labels, must_stop="clean" not in labels))
    return rows


def kocohub_rows(datasets: Path = DEFAULT_DATASETS) -> list[CorpusRow]:
    """kocohub: "hate" must not publish, "none" must, "offensive" may go either way."""
    with (Path(datasets) / KOCOHUB_FILE).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = []
        for row in reader:
            hate, bias = row["hate"], row["bias"]
            must_stop = {"hate": True, "none": False}.get(hate)
            rows.append(CorpusRow(row["comments"], (hate, f"bias:{bias}"), must_stop))
    return rows


def datasets_available(datasets: Path = DEFAULT_DATASETS) -> dict[str, bool]:
    return {
        "unsmile": (Path(datasets) / UNSMILE_FILE).is_file(),
        "kocohub": (Path(datasets) / KOCOHUB_FILE).is_file(),
    }
