"""The rule registry: the official wording, lookups and form choices."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from briefing.rules import RULES, get_rule, rule_choices
from briefing.rules.registry import PREAMBLE_KO, preamble

SEED_COPIES = (
    Path("/work/shared/seed/press-release-2024-02-21-pps.txt"),
    Path(__file__).with_name("seed_rules.txt"),
)


def seed_lines() -> dict[int, str]:
    source = next(p for p in SEED_COPIES if p.exists()).read_text(encoding="utf-8")
    return {int(n): text for n, text in re.findall(r"^  • (\d+)\. (.+?)$", source, re.M)}


def test_there_are_thirteen_rules_numbered_in_order():
    """RULES holds rules 1 to 13 in order."""
    assert [r.number for r in RULES] == list(range(1, 14))


def test_korean_text_matches_the_seed_page_word_for_word():
    """Each rule's Korean text is exactly the line on the 정책브리핑 page."""
    assert {r.number: r.text_ko for r in RULES} == seed_lines()


def test_preamble_matches_the_seed_page():
    """The preamble is the sentence above the rules on the page."""
    assert PREAMBLE_KO in next(p for p in SEED_COPIES if p.exists()).read_text(encoding="utf-8")


def test_codes_are_stable_and_unique():
    """Codes are the documented slugs, one per rule."""
    assert [r.code for r in RULES] == [
        "personal-info", "defamation", "public-order", "profanity", "illegal-copying", "advertising",
        "copyright", "crime", "impersonation", "off-topic", "repetition", "other-law", "agency-request",
    ]  # fmt: skip


def test_rules_two_twelve_and_thirteen_are_not_automated():
    """Defamation, other laws and agency requests are moderator decisions."""
    assert {r.number for r in RULES if not r.automated} == {2, 12, 13}


def test_only_mechanical_rules_can_reject():
    """Rules whose strongest action is reject are the mechanical ones (plus 3 and 6 when unambiguous)."""
    assert {r.number for r in RULES if r.strongest_action == "reject"} == {1, 3, 4, 6, 11}


def test_get_rule_returns_the_rule_and_refuses_unknown_numbers():
    """get_rule(4) is the profanity rule; get_rule(14) raises LookupError."""
    assert get_rule(4).code == "profanity"
    with pytest.raises(LookupError):
        get_rule(14)


def test_text_follows_the_active_language():
    """rule.text is Korean by default and English when English is active."""
    rule = get_rule(1)
    with translation.override("ko"):
        assert rule.text == rule.text_ko
        assert preamble() == PREAMBLE_KO
    with translation.override("en"):
        assert rule.text == rule.text_en
        assert preamble().startswith("Under the Korea.kr posting rules")


def test_rule_choices_label_each_rule_with_its_number_and_title():
    """rule_choices() gives (number, "제N항 title") pairs, optionally for some rules only."""
    choices = rule_choices()
    assert len(choices) == 13
    with translation.override("ko"):
        assert choices[0] == (1, "제1항 개인정보 게재")
        assert str(rule_choices([11])[0][1]) == "제11항 반복 게시"
