"""Moderators' decisions retrain the learned score: exported without personal data, compared
with the installed model on held-back rows, and installed only when not worse."""

import array
import json

import pytest
from django.core.management import CommandError, call_command

from briefing.comments import post_comment
from briefing.moderation import actions
from briefing.rules import check, learned, training
from briefing.rules.corpora import honest_samples, violation_samples

ABUSIVE = [s.text for s in violation_samples() if s.rule == 4]
HONEST = [s.text for s in honest_samples()]


@pytest.fixture
def small_corpus(tmp_path):
    """A kocohub-shaped training file made of our own labelled comments (the real corpus lives
    outside the project; CI has none)."""
    folder = tmp_path / "datasets"
    folder.mkdir()
    rows = ["comments\tcontain_gender_bias\tbias\thate"]
    rows += [f"{text}\tFalse\tnone\thate" for text in ABUSIVE * 3]
    rows += [f"{text}\tFalse\tnone\tnone" for text in HONEST]
    (folder / "kocohub_train.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def model_file(tmp_path, settings):
    """The installed model lives in a scratch file; a model that knows nothing stands there."""
    path = tmp_path / "rules-model.bin"
    installed = settings.RULES_MODEL_FILE
    settings.RULES_MODEL_FILE = path
    blank = learned.Model(array.array("f", bytes(4 * training.BUCKETS)), 0.0, 0.9, 0.8)
    blank.save(path)
    learned.use_model_file(path)
    yield path
    learned.use_model_file(installed)


def decide(moderator, comment, *, remove=False, rule=4):
    if remove:
        actions.perform_remove(comment=comment, moderator=moderator, rule=rule)
    else:
        actions.perform_approve(comment=comment, moderator=moderator)


def test_decisions_are_exported_without_names_and_without_personal_data(
    seed, citizen, make_citizen, moderator, tmp_path
):
    """Text, rule, decision and day: no author, and never a comment removed for its data."""
    held, _ = post_comment(release=seed, author=citizen, text="남자들이란 원래 다 짐승이지")
    decide(moderator, held, remove=True)
    other = make_citizen("other", "다른사람")
    address, _ = post_comment(
        release=seed, author=other, text="담당자 사는 곳 대전 서구 둔산로 100 근처라던데 찾아가 봐"
    )
    decide(moderator, address, remove=True, rule=1)
    output = tmp_path / "decisions.jsonl"

    call_command("export_decisions", "--output", str(output))

    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert rows == [
        {
            "text": "남자들이란 원래 다 짐승이지",
            "rule": 4,
            "decision": "removed",
            "questioned_under": [4],
            "decided_on": rows[0]["decided_on"],
        }
    ]
    assert "minji" not in output.read_text(encoding="utf-8")


def test_retraining_on_a_demo_database_installs_a_better_model(
    seed, citizen, moderator, small_corpus, model_file, capsys
):
    """End to end: decide, export, retrain, and the checks use the new model at once."""
    for text in ABUSIVE[:4]:
        comment, verdict = post_comment(
            release=seed, author=citizen, text=text, enforce_limits=False
        )
        if comment is not None and comment.needs_review:
            decide(moderator, comment, remove=True)
    before = model_file.read_bytes()

    call_command("retrain_rules", "--datasets", str(small_corpus))

    out = capsys.readouterr().out
    assert "new model:" in out and "current model:" in out and "Installed" in out
    assert model_file.read_bytes() != before
    installed = learned.Model.load(model_file)
    assert installed.info["training_rows"] > 100
    learned.use_model_file(model_file)  # what a worker does within a minute
    assert check("좋은 소식이네요").action == "publish"


def test_a_model_worse_on_the_held_back_rows_is_refused_and_nothing_changes(
    small_corpus, model_file, tmp_path, capsys
):
    """Decisions that call honest comments abusive (and the reverse) make a worse model:
    it is not installed, and the command says why."""
    call_command("retrain_rules", "--datasets", str(small_corpus), "--decisions", "/dev/null")
    good = model_file.read_bytes()
    poisoned = tmp_path / "poisoned.jsonl"
    rows = [{"text": t, "rule": 4, "decision": "removed"} for t in HONEST * 6]
    rows += [
        {"text": t, "rule": None, "decision": "published", "questioned_under": [4]}
        for t in ABUSIVE * 12
    ]
    poisoned.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")

    with pytest.raises(CommandError, match="Not installed: the new model is worse"):
        call_command("retrain_rules", "--datasets", str(small_corpus), "--decisions", str(poisoned))

    assert model_file.read_bytes() == good


def test_a_missing_corpus_or_a_broken_decisions_file_is_a_clear_error(tmp_path, model_file):
    """Bad input: a message naming what is wrong, and nothing installed."""
    with pytest.raises(CommandError, match="training corpus is missing"):
        call_command(
            "retrain_rules", "--datasets", str(tmp_path / "nowhere"), "--decisions", "/dev/null"
        )
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 1: not a JSON line"):
        call_command("retrain_rules", "--decisions", str(broken))
