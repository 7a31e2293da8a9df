"""manage.py retrain_rules: learn the abuse score again, from moderators' decisions as well.

Trains on the shipped training data (kocohub and our labelled comments) plus the decisions
(this database's, or an export_decisions file), then judges the new model and the installed one
on the same held-back rows, which neither trained on. The new model is installed (written to
RULES_MODEL_FILE, where every worker picks it up within a minute) only if it is not worse.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from briefing.moderation.decisions import export_rows
from briefing.rules import learned, training
from briefing.rules.corpora import DEFAULT_DATASETS


class Command(BaseCommand):
    help = (
        "Retrain the learned abuse score from the shipped training data and moderators' "
        "decisions; install it only if it is not worse than the current one on held-back rows."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--decisions", type=Path, help="an export_decisions file (default: this database's)"
        )
        parser.add_argument(
            "--datasets",
            type=Path,
            default=DEFAULT_DATASETS,
            help="the folder holding kocohub_train.tsv",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="where to install the model (default: RULES_MODEL_FILE)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="train and compare, install nothing"
        )

    def handle(self, *args, decisions=None, datasets=None, output=None, dry_run=False, **options):
        output = output or Path(settings.RULES_MODEL_FILE)
        rows = _read_decisions(decisions) if decisions else list(export_rows())
        try:
            shipped = training.shipped_examples(datasets)
        except FileNotFoundError as missing:
            raise CommandError(
                f"The training corpus is missing ({missing.filename}): give --datasets DIR."
            ) from None
        learned_from = training.decision_examples(rows)
        examples = shipped + learned_from
        self.stderr.write(
            f"Training on {len(examples)} rows ({len(learned_from)} from moderators' decisions)…"
        )
        candidate = training.build(
            examples,
            info={
                "trained_on": "kocohub training split, our labelled comments and "
                f"{len(learned_from)} moderators' decisions (each without its held-back fifth)",
                "trained_at": datetime.date.today().isoformat(),
            },
        )
        # Judged on the shipped data's held-back fifth only: moderators' decisions train the
        # model, but a model is "better" only on rows everyone agrees on and nobody trained on.
        _training, held_back = training.split(shipped)
        current = learned.installed_model()
        new_result = training.compare(candidate, held_back)
        self.stdout.write(f"held-back rows: {len(held_back)}")
        self.stdout.write(f"  new model:     {new_result.summary()}")
        if current is not None:
            current_result = training.compare(current, held_back)
            self.stdout.write(f"  current model: {current_result.summary()}")
            worse = training.worse_than(new_result, current_result)
        else:
            worse = ""
            self.stdout.write("  current model: none installed")
        if worse:
            raise CommandError(
                f"Not installed: the new model is worse than the current one ({worse})."
            )
        if dry_run:
            self.stdout.write("Dry run: nothing installed.")
            return
        candidate.save(output)
        self.stdout.write(f"Installed {output}; workers use it within a minute.")


def _read_decisions(path: Path) -> list[dict]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
    except json.JSONDecodeError as error:
        raise CommandError(f"{path} line {error.lineno}: not a JSON line ({error.msg}).") from None
