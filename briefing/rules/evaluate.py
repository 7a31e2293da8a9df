"""How well the posting rules do on labelled comments, printed as tables.

    .venv/bin/python manage.py evaluate [--datasets DIR] [--model FILE] [--worst 20]

(``DEBUG=1 .venv/bin/python -m briefing.rules.evaluate`` is the same without Django's command.)

For our own labelled portal comments (data/eval/: ``honest*.tsv`` must all publish,
``violations*.jsonl`` name the rule and action each must get) it prints precision and recall per
rule; for the two public corpora (UnSmile, kocohub: see corpora.py), the share of each label's
comments stopped (held or rejected) and flagged. Every table ends with the worst misses and false
positives.

A learned part is never scored on rows it was trained on: the learned score is trained without the
held-back fifth (training.held_back), so each corpus it learned from is shown twice, its held-back
fifth with the whole engine and the rest with rules alone. UnSmile is never trained on.
"""

import argparse
import datetime
import os
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .context import ReleaseContext
from .corpora import (
    AUTOMATED_RULES,
    DEFAULT_DATASETS,
    EVAL_DIR,
    CorpusRow,
    Sample,
    datasets_available,
    honest_samples,
    kocohub_rows,
    unsmile_rows,
    violation_samples,
)
from .engine import INSTALLED, check
from .learned import Model, installed_model, installed_model_source
from .training import held_back

__all__ = ["evaluate", "honest_samples", "judge", "sample_release", "violation_samples"]


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "briefing.settings")
    import django

    django.setup()


def sample_release() -> ReleaseContext:
    text = (EVAL_DIR / "release_pps_2024_02_21.txt").read_text(encoding="utf-8")
    # As the release itself states its facts (Release.public_facts), names in its text included.
    return ReleaseContext.from_facts(
        {
            "text": text,
            "phones": ("042-724-6492",),
            "people": ("김성일",),
            "organisations": ("조달청",),
        }
    )


class _Author:
    def __init__(self, new: bool):
        age = datetime.timedelta(days=1 if new else 400)
        self.date_joined = datetime.datetime.now(datetime.UTC) - age
        self.pk = 1


def judge(sample: Sample, release, model=INSTALLED):
    return check(
        sample.text,
        release=release,
        author=_Author(sample.new_account),
        recent_texts=sample.recent,
        flood_texts=sample.flood,
        model=model,
    )


# --- our own labelled comments ----------------------------------------------------------------


@dataclass
class OwnResult:
    counts: dict
    honest: int
    honest_stopped: list = field(default_factory=list)
    honest_flagged: list = field(default_factory=list)
    wrong_actions: list = field(default_factory=list)


def evaluate(model=INSTALLED, *, rows: str = "all") -> OwnResult:
    """Our files, judged against the sample release. ``rows``: "all", or "held-back" (the fifth
    the learned score never trains on), or "trained" (the other four fifths)."""
    release = sample_release()
    counts = {rule: Counter() for rule in AUTOMATED_RULES}
    honest = [s for s in honest_samples() if _in_rows(s.text, rows)]
    result = OwnResult(counts, len(honest))
    for sample in honest:
        verdict = judge(sample, release, model)
        if verdict.action in ("hold", "reject"):
            result.honest_stopped.append((sample.text, verdict.action, _codes(verdict)))
        elif verdict.action == "flag":
            result.honest_flagged.append((sample.text, verdict.action, _codes(verdict)))
        for rule in verdict.rules:
            counts[rule]["fp"] += 1
    for sample in violation_samples():
        if _in_rows(sample.text, rows):
            _count(sample, judge(sample, release, model), result)
    return result


def _in_rows(text: str, rows: str) -> bool:
    return rows == "all" or held_back(text) == (rows == "held-back")


def _count(sample, verdict, result) -> None:
    counts = result.counts
    counts[sample.rule]["tp" if sample.rule in verdict.rules else "fn"] += 1
    for rule in verdict.rules - {sample.rule} - sample.also:
        counts[rule]["fp"] += 1
    actions = {f.action for f in verdict.findings if f.rule == sample.rule}
    if sample.action not in actions or (sample.urgent and not verdict.urgent):
        result.wrong_actions.append(
            (sample.text, sample.rule, sample.action, verdict.action, _codes(verdict))
        )


def _codes(verdict) -> str:
    return ",".join(f"{f.rule}:{f.code}:{f.action}" for f in verdict.findings) or "-"


def own_report(title: str, result: OwnResult, worst: int) -> str:
    lines = [
        f"## {title}",
        "",
        f"{'rule':>4}  {'tp':>4} {'fn':>4} {'fp':>4}  {'precision':>9} {'recall':>6}",
    ]
    for rule, c in result.counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        lines.append(
            f"{rule:>4}  {c['tp']:>4} {c['fn']:>4} {c['fp']:>4}  {precision:>9.2f} {recall:>6.2f}"
        )
    total = result.honest or 1
    lines.append(
        f"honest comments held or rejected: {len(result.honest_stopped)} / {result.honest} "
        f"({len(result.honest_stopped) / total:.1%}); flagged: {len(result.honest_flagged)} "
        f"({len(result.honest_flagged) / total:.1%})"
    )
    lines.extend(f"  honest → {a} [{codes}]: {_short(t)}" for t, a, codes in result.honest_stopped)
    lines.extend(
        f"  honest → {a} [{codes}]: {_short(t)}" for t, a, codes in result.honest_flagged[:worst]
    )
    lines.append(f"violations missed or given the wrong action: {len(result.wrong_actions)}")
    lines.extend(
        f"  rule {rule} expected {want}, got {got} [{codes}]: {_short(text)}"
        for text, rule, want, got, codes in result.wrong_actions[:worst]
    )
    return "\n".join(lines)


# --- the public corpora -----------------------------------------------------------------------


@dataclass
class CorpusResult:
    rows: int = 0
    by_label: dict = field(default_factory=lambda: {})
    must_stop: Counter = field(default_factory=Counter)
    must_publish: Counter = field(default_factory=Counter)
    rules_stopping: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)


def evaluate_corpus(rows: list[CorpusRow], model=INSTALLED) -> CorpusResult:
    """Each row judged with no release (the corpora are not about one): stopped = held or
    rejected."""
    result = CorpusResult()
    for row in rows:
        verdict = check(row.text, model=model)
        stopped = verdict.action in ("hold", "reject")
        flagged = verdict.action == "flag"
        result.rows += 1
        for label in row.labels:
            counter = result.by_label.setdefault(label, Counter())
            counter["rows"] += 1
            counter["stopped"] += stopped
            counter["flagged"] += flagged
        if row.must_stop is True:
            result.must_stop["rows"] += 1
            result.must_stop["stopped"] += stopped
            result.must_stop["flagged"] += flagged
            if stopped:
                for rule in sorted(verdict.rules):
                    result.rules_stopping[rule] += 1
            else:
                result.misses.append((row, verdict))
        elif row.must_stop is False:
            result.must_publish["rows"] += 1
            result.must_publish["stopped"] += stopped
            result.must_publish["flagged"] += flagged
            if stopped:
                result.false_positives.append((row, verdict))
    return result


def corpus_report(
    title: str, result: CorpusResult, worst: int, stop_name="must not publish"
) -> str:
    lines = [f"## {title}", "", f"{'label':<14} {'rows':>6} {'stopped':>8} {'flagged':>8}"]
    for label, c in sorted(result.by_label.items(), key=lambda item: -item[1]["rows"]):
        lines.append(
            f"{label:<14} {c['rows']:>6} {_pct(c['stopped'], c['rows']):>8} "
            f"{_pct(c['flagged'], c['rows']):>8}"
        )
    stop, publish = result.must_stop, result.must_publish
    lines += [
        "",
        f"{stop_name}: {stop['rows']} rows, stopped {_pct(stop['stopped'], stop['rows'])}, "
        f"flagged {_pct(stop['flagged'], stop['rows'])}",
        f"must publish: {publish['rows']} rows, stopped {_pct(publish['stopped'], publish['rows'])}, "
        f"flagged {_pct(publish['flagged'], publish['rows'])}",
        "rules that stopped them: "
        + ", ".join(f"{rule}: {count}" for rule, count in sorted(result.rules_stopping.items())),
        "what stopped the must-publish rows: "
        + ", ".join(f"{code}: {count}" for code, count in _stopping_codes(result.false_positives)),
        f"worst {worst} misses (must not publish, published):",
    ]
    misses = sorted(result.misses, key=lambda item: (-len(item[0].labels), _stable(item[0].text)))
    lines.extend(
        f"  [{','.join(row.labels)}] → {v.action}: {_short(row.text)}" for row, v in misses[:worst]
    )
    lines.append(f"worst {worst} false positives (must publish, stopped):")
    ranked = sorted(
        result.false_positives,
        key=lambda item: (item[1].action != "reject", _stable(item[0].text)),
    )
    lines.extend(
        f"  [{','.join(row.labels)}] → {v.action} [{_codes(v)}]: {_short(row.text)}"
        for row, v in ranked[:worst]
    )
    return "\n".join(lines)


def _stopping_codes(rows) -> list[tuple[str, int]]:
    codes = Counter(
        f.code for _row, verdict in rows for f in verdict.findings if f.action in ("hold", "reject")
    )
    return codes.most_common()


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _stable(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


# --- the whole report -------------------------------------------------------------------------


def full_report(*, datasets: Path = DEFAULT_DATASETS, model: Model | None = None, worst=20) -> str:
    model = model if model is not None else installed_model()
    source = "given file" if model is not installed_model() else str(installed_model_source())
    sections = [
        "# Posting rules: evaluation",
        "",
        f"learned score: {_describe(model)} ({source})",
        "stopped = held or rejected; the learned part is shown only on rows it never trained on",
        "",
        own_report(
            "Our portal comments, held-back fifth: rules and learned score",
            evaluate(model, rows="held-back"),
            worst,
        ),
        "",
        own_report("Our portal comments, all: rules alone", evaluate(None), worst),
    ]
    available = datasets_available(datasets)
    if available["unsmile"]:
        sections += [
            "",
            corpus_report(
                "Korean UnSmile, training split (never trained on): rules and learned score",
                evaluate_corpus(unsmile_rows(datasets), model),
                worst,
                stop_name="non-clean",
            ),
        ]
    if available["kocohub"]:
        rows = kocohub_rows(datasets)
        back = [row for row in rows if held_back(row.text)]
        rest = [row for row in rows if not held_back(row.text)]
        sections += [
            "",
            corpus_report(
                "kocohub, training split, held-back fifth: rules and learned score",
                evaluate_corpus(back, model),
                worst,
                stop_name="hate",
            ),
            "",
            corpus_report(
                "kocohub, training split, other four fifths: rules alone",
                evaluate_corpus(rest, None),
                worst,
                stop_name="hate",
            ),
        ]
    if not any(available.values()):
        sections += ["", f"(no public corpora found in {datasets}: give --datasets)"]
    return "\n".join(sections)


def _describe(model) -> str:
    if model is None:
        return "none (rules alone)"
    trained = model.info.get("trained_on", "?")
    return f"hold at {model.hold_at:.2f}, flag at {model.flag_at:.2f}, trained on {trained}"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    options = parser.parse_args(argv)
    setup_django()
    print(run(options))


def add_arguments(parser) -> None:
    parser.add_argument("--datasets", type=Path, default=DEFAULT_DATASETS)
    parser.add_argument(
        "--model", type=Path, help="a model file to judge instead of the installed one"
    )
    parser.add_argument("--worst", type=int, default=20)


def run(options) -> str:
    return run_with(datasets=options.datasets, model=options.model, worst=options.worst)


def run_with(*, datasets=DEFAULT_DATASETS, model=None, worst=20, **_ignored) -> str:
    """The report; ``model`` a file to judge instead of the installed one (it is compared with
    the installed one first, on the held-back rows neither trained on)."""
    if model is None:
        return full_report(datasets=datasets, worst=worst)
    candidate = Model.load(model)
    header = compare_with_installed(candidate, datasets)
    return header + "\n\n" + full_report(datasets=datasets, model=candidate, worst=worst)


def compare_with_installed(candidate: Model, datasets=DEFAULT_DATASETS) -> str:
    from .training import compare, shipped_examples, split

    _training, back = split(shipped_examples(datasets))
    current = installed_model()
    lines = ["# The given model against the installed one, on the held-back rows"]
    lines.append(f"given:     {compare(candidate, back).summary()}")
    lines.append(f"installed: {compare(current, back).summary()}" if current else "installed: none")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
