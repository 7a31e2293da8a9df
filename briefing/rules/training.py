"""Training the learned score (learned.py) and comparing two models fairly.

Pure Python on purpose: a few thousand comments train in seconds with AdaGrad over sparse
features, and the project gains no numpy/scikit-learn dependency (nor their memory in a worker)
for it. Training data are (text, label) pairs with label 1.0 (abusive: must not publish), 0.0
(publishable) or in between (kocohub's "offensive": sharp, but a portal may publish it).

The held-back slice: every source row whose stable hash falls in the last fifth is never trained
on. The shipped model and every retrained one are judged on that same slice, so "better" always
means better on comments neither model has seen.
"""

import array
import math
import random
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .corpora import DEFAULT_DATASETS, honest_samples, kocohub_rows, violation_samples
from .learned import Model, features
from .normalize import normalize

BUCKETS = 1 << 18
HELD_BACK_FOLDS = 5
EPOCHS = 8
LEARNING_RATE = 0.5
L2 = 1e-6
#: kocohub's labels as training targets: "offensive" is between (a portal may publish it).
KOCOHUB_TARGETS = {"hate": 1.0, "offensive": 0.5, "none": 0.0}
#: Our own portal comments and moderators' decisions count double: they are the portal's voice.
OWN_WEIGHT = 2.0
#: Thresholds are set so that, on rows the model did not train on, at most these shares of
#: publishable comments are held / held or flagged.
HOLD_RATE = 0.003
FLAG_RATE = 0.02


@dataclass(frozen=True)
class Example:
    text: str
    label: float  # 1.0 abusive … 0.0 publishable
    weight: float = 1.0
    source: str = ""


def held_back(text: str) -> bool:
    """Whether a row belongs to the fixed held-back slice (one in five, by content)."""
    return _fold(text) == 0


def split(examples: Iterable[Example]) -> tuple[list[Example], list[Example]]:
    """(training rows, held-back rows)."""
    train, test = [], []
    for example in examples:
        (test if held_back(example.text) else train).append(example)
    return train, test


def _vectors(examples):
    for example in examples:
        found = features(normalize(example.text).joined, BUCKETS)
        buckets = [bucket for bucket, _gram in found]
        yield buckets, (1.0 / math.sqrt(len(buckets)) if buckets else 0.0), example


def train(examples: list[Example], *, info: dict | None = None, seed: int = 2024) -> Model:
    """A logistic regression over hashed n-grams, classes balanced by weight."""
    rows = list(_vectors(examples))
    positive = sum(e.weight * e.label for _b, _s, e in rows) or 1.0
    negative = sum(e.weight * (1 - e.label) for _b, _s, e in rows) or 1.0
    balance = negative / positive
    weights = array.array("f", bytes(4 * BUCKETS))
    squares = array.array("f", [1e-8]) * BUCKETS
    bias, bias_square = 0.0, 1e-8
    rng = random.Random(seed)  # noqa: S311 - reproducible shuffling, not security
    for _epoch in range(EPOCHS):
        rng.shuffle(rows)
        for buckets, scale, example in rows:
            total = bias + scale * sum(weights[b] for b in buckets)
            predicted = 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))
            importance = example.weight * (balance * example.label + (1 - example.label))
            gradient = (predicted - example.label) * importance
            for bucket in buckets:
                g = gradient * scale + L2 * weights[bucket]
                squares[bucket] += g * g
                weights[bucket] -= LEARNING_RATE * g / math.sqrt(squares[bucket])
            bias_square += gradient * gradient
            bias -= LEARNING_RATE * gradient / math.sqrt(bias_square)
    model = Model(weights, bias, hold_at=0.9, flag_at=0.75, info=dict(info or {}))
    return model


def scores(model: Model, examples: list[Example]) -> list[float]:
    return [model.score(normalize(example.text).joined) for example in examples]


@dataclass(frozen=True)
class Comparison:
    """How a model does on labelled rows: ranking quality and its operating point."""

    auc: float
    recall_at_hold: float  # share of abusive rows at or above hold_at
    false_hold_rate: float  # share of publishable rows at or above hold_at
    recall_at_flag: float
    false_flag_rate: float

    def summary(self) -> str:
        return (
            f"AUC {self.auc:.3f}; held: {self.recall_at_hold:.1%} of abusive, "
            f"{self.false_hold_rate:.1%} of publishable; held or flagged: "
            f"{self.recall_at_flag:.1%} of abusive, {self.false_flag_rate:.1%} of publishable"
        )


#: A new model must not rank worse than this (noise between two trainings on nearly the same
#: rows), nor hold more publishable comments than this share more.
AUC_TOLERANCE = 0.002
FALSE_HOLD_TOLERANCE = 0.005


def worse_than(new: Comparison, current: Comparison) -> str:
    """Why ``new`` is worse than ``current`` on the same rows, or "" when it is not."""
    if new.auc < current.auc - AUC_TOLERANCE:
        return f"AUC {new.auc:.3f} < {current.auc:.3f}"
    if new.false_hold_rate > current.false_hold_rate + FALSE_HOLD_TOLERANCE:
        return (
            f"holds {new.false_hold_rate:.1%} of publishable comments, "
            f"against {current.false_hold_rate:.1%}"
        )
    return ""


def compare(model: Model, examples: list[Example]) -> Comparison:
    """The model on rows whose label is clear (1 or 0); in-between labels are left out."""
    scored = [
        (score, example.label)
        for score, example in zip(scores(model, examples), examples, strict=True)
        if example.label in (0.0, 1.0)
    ]
    positives = [s for s, label in scored if label == 1.0]
    negatives = [s for s, label in scored if label == 0.0]
    return Comparison(
        auc=_auc(positives, negatives),
        recall_at_hold=_share(positives, model.hold_at),
        false_hold_rate=_share(negatives, model.hold_at),
        recall_at_flag=_share(positives, model.flag_at),
        false_flag_rate=_share(negatives, model.flag_at),
    )


def _quantile_above(descending: list[float], rate: float) -> float:
    """The smallest threshold that lets at most ``rate`` of these scores reach it."""
    allowed = int(rate * len(descending))
    if allowed >= len(descending):
        return 0.5
    return min(1.0, descending[allowed] + 1e-6)


def _share(values: list[float], threshold: float) -> float:
    return sum(v >= threshold for v in values) / len(values) if values else 0.0


def _auc(positives: list[float], negatives: list[float]) -> float:
    """Probability that a random abusive row outscores a random publishable one."""
    if not positives or not negatives:
        return 0.0
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    rank_sum, rank = 0.0, 0
    index = 0
    while index < len(ranked):
        tie_end = index
        while tie_end < len(ranked) and ranked[tie_end][0] == ranked[index][0]:
            tie_end += 1
        average = (index + tie_end + 1) / 2
        rank_sum += average * sum(1 for k in range(index, tie_end) if ranked[k][1] == 1)
        index = tie_end
        rank += 1
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


# --- the data a model learns from ---------------------------------------------------------------


def shipped_examples(datasets=DEFAULT_DATASETS) -> list[Example]:
    """kocohub (its licence allows a model that ships) and our own labelled comments: honest
    ones as publishable, rule-4 violations as abusive (other rules are not about language)."""
    examples = [
        Example(row.text, KOCOHUB_TARGETS[row.labels[0]], 1.0, "kocohub")
        for row in kocohub_rows(datasets)
    ]
    examples += [Example(s.text, 0.0, OWN_WEIGHT, "own") for s in honest_samples()]
    examples += [
        Example(s.text, 1.0, OWN_WEIGHT, "own") for s in violation_samples() if s.rule == 4
    ]
    return examples


def decision_examples(decisions: Iterable[dict]) -> list[Example]:
    """Moderators' decisions (export_decisions rows) as training rows: a removal under rule 4 is
    abusive; a comment approved or restored after the rules or a report questioned its
    language is publishable. Other decisions say nothing about language."""
    examples = []
    for row in decisions:
        text, decision = str(row.get("text") or ""), row.get("decision")
        if not text:
            continue
        if decision == "removed" and row.get("rule") == 4:
            examples.append(Example(text, 1.0, OWN_WEIGHT, "decisions"))
        elif decision == "published" and 4 in (row.get("questioned_under") or ()):
            examples.append(Example(text, 0.0, OWN_WEIGHT, "decisions"))
    return examples


def build(examples: list[Example], *, info: dict | None = None) -> Model:
    """Train on everything but the held-back slice, with thresholds set on out-of-fold scores
    of the training rows (so the thresholds, too, come from comments the model had not seen)."""
    training_rows, _held_back = split(examples)
    out_of_fold: list[tuple[float, Example]] = []
    for fold in range(1, HELD_BACK_FOLDS):
        fitting = [e for e in training_rows if _fold(e.text) != fold]
        scoring = [e for e in training_rows if _fold(e.text) == fold]
        partial = train(fitting)
        out_of_fold += list(zip(scores(partial, scoring), scoring, strict=True))
    model = train(training_rows, info=info)
    negatives = sorted((s for s, e in out_of_fold if e.label == 0.0), reverse=True)
    if negatives:
        model.hold_at = max(0.5, _quantile_above(negatives, HOLD_RATE))
        model.flag_at = min(model.hold_at, max(0.5, _quantile_above(negatives, FLAG_RATE)))
    model.info.update(
        {
            "training_rows": len(training_rows),
            "sources": dict(Counter(e.source for e in training_rows)),
            "hold_rate_target": HOLD_RATE,
            "flag_rate_target": FLAG_RATE,
        }
    )
    return model


def _fold(text: str) -> int:
    return zlib.crc32(normalize(text).compact.encode("utf-8")) % HELD_BACK_FOLDS
