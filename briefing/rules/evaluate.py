"""Precision and recall of each automated rule over the labelled evaluation files.

Run from the project root (settings need a key, hence DEBUG=1 for local use)::

    DEBUG=1 .venv/bin/python -m briefing.rules.evaluate

Files (data/eval/): ``honest.tsv`` (comments that must all publish), ``violations.jsonl`` (one
violating comment per line: expected rule and action, optional author history), and the release
they are judged against. A finding for a rule other than the expected one counts as a false
positive for that rule unless the sample lists it under "also".
"""

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .registry import RULES

EVAL_DIR = Path(__file__).resolve().parent / "data" / "eval"
AUTOMATED_RULES = tuple(rule.number for rule in RULES if rule.automated)


@dataclass
class Sample:
    text: str
    rule: int | None = None  # None: honest, must publish
    action: str = "publish"
    recent: tuple[str, ...] = ()
    flood: tuple[str, ...] = ()
    new_account: bool = False
    urgent: bool = False
    also: frozenset[int] = field(default_factory=frozenset)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefing.settings")
    import django

    django.setup()


def sample_release():
    from .context import ReleaseContext

    text = (EVAL_DIR / "release_pps_2024_02_21.txt").read_text(encoding="utf-8")
    return ReleaseContext(text=text, phones=("042-724-6492",), people=("김성일", "임기근"))


def honest_samples() -> list[Sample]:
    rows = (EVAL_DIR / "honest.tsv").read_text(encoding="utf-8").splitlines()
    return [Sample(line.split("\t", 1)[1]) for line in rows if line and not line.startswith("#")]


def violation_samples() -> list[Sample]:
    samples = []
    for line in (EVAL_DIR / "violations.jsonl").read_text(encoding="utf-8").splitlines():
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
            )
        )
    return samples


class _Author:
    def __init__(self, new: bool):
        import datetime

        age = datetime.timedelta(days=1 if new else 400)
        self.date_joined = datetime.datetime.now(datetime.UTC) - age
        self.pk = 1


def judge(sample: Sample, release):
    from .engine import check

    return check(
        sample.text,
        release=release,
        author=_Author(sample.new_account),
        recent_texts=sample.recent,
        flood_texts=sample.flood,
    )


def evaluate() -> dict:
    release = sample_release()
    counts = {rule: Counter() for rule in AUTOMATED_RULES}
    honest_failures, wrong_actions = [], []
    for sample in honest_samples():
        verdict = judge(sample, release)
        if verdict.action != "publish":
            honest_failures.append((sample.text, verdict.action, sorted(verdict.rules)))
        for rule in verdict.rules:
            counts[rule]["fp"] += 1
    for sample in violation_samples():
        verdict = judge(sample, release)
        _count(sample, verdict, counts, wrong_actions)
    return {"counts": counts, "honest_failures": honest_failures, "wrong_actions": wrong_actions}


def _count(sample, verdict, counts, wrong_actions) -> None:
    counts[sample.rule]["tp" if sample.rule in verdict.rules else "fn"] += 1
    for rule in verdict.rules - {sample.rule} - sample.also:
        counts[rule]["fp"] += 1
    actions = {f.action for f in verdict.findings if f.rule == sample.rule}
    if sample.action not in actions or (sample.urgent and not verdict.urgent):
        wrong_actions.append(
            (sample.text, sample.rule, sample.action, verdict.action, sorted(verdict.rules))
        )


def report(result: dict) -> str:
    lines = [f"{'rule':>4}  {'tp':>3} {'fn':>3} {'fp':>3}  {'precision':>9} {'recall':>6}"]
    for rule, c in result["counts"].items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        lines.append(
            f"{rule:>4}  {c['tp']:>3} {c['fn']:>3} {c['fp']:>3}  {precision:>9.2f} {recall:>6.2f}"
        )
    honest_total = len(honest_samples())
    failures = result["honest_failures"]
    lines.append(
        f"honest comments not published: {len(failures)} / {honest_total} ({len(failures) / honest_total:.1%})"
    )
    lines.extend(f"  honest → {action} {rules}: {text}" for text, action, rules in failures)
    lines.append(f"violations with the wrong action: {len(result['wrong_actions'])}")
    lines.extend(
        f"  rule {rule} expected {want}, got {got} {rules}: {text}"
        for text, rule, want, got, rules in result["wrong_actions"]
    )
    return "\n".join(lines)


def main() -> None:
    setup_django()
    print(report(evaluate()))


if __name__ == "__main__":
    main()
