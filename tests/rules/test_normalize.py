"""The shared normalisation pipeline and its views."""

import pytest

from briefing.rules import normalize
from briefing.rules.hangul import compose, from_keyboard


@pytest.mark.parametrize(
    ("raw", "joined"),
    [
        ("씨 발", "씨발"),
        ("씨.발", "씨발"),
        ("ㅅ.ㅂ", "ㅅㅂ"),
        ("시1발", "시발"),
        ("ㅅ1ㅂ", "ㅅㅂ"),
        ("시\u200b발", "시발"),
        ("시\ufeff발", "시발"),
        ("시\u00ad발", "시발"),
        ("ㅅ\u3164ㅂ", "ㅅㅂ"),
        ("병\u202e신", "병신"),
        ("ㅂㅕㅇㅅㅣㄴ", "병신"),
        ("개 새 끼", "개새끼"),
        ("f u c k", "fuck"),
        ("ｓｉｂａｌ", "sibal"),
    ],
)
def test_obfuscations_collapse_in_the_joined_view(raw, joined):
    """Spacing, punctuation, digits, invisibles and loose letters are undone."""
    assert normalize(raw).joined == joined


def test_full_width_digits_and_letters_are_folded_in_display():
    """NFKC folds full-width forms but keeps Hangul syllables composed."""
    text = normalize("０１０－１２３４ 조달청")
    assert text.display == "010-1234 조달청"


def test_loose_jamo_survive_nfkc_as_compatibility_letters():
    """ㅋㅋ and ㅅㅂ stay compatibility jamo instead of turning into conjoining ones."""
    assert normalize("ㅋㅋㅋ ㅅㅂ").display == "ㅋㅋㅋ ㅅㅂ"


def test_separate_words_are_not_glued_together():
    """ "출발 시 발점" and "다시 발표" keep their spaces, so no swear word appears across them."""
    assert normalize("출발 시 발점").joined == "출발 시 발점"
    assert normalize("다시 발표").joined == "다시 발표"


def test_digits_read_aloud_in_the_leet_view():
    """씨8 reads as 씨팔 and 18놈 as 십팔놈, but 2018년 is left alone."""
    assert normalize("씨8").leet == "씨팔"
    assert normalize("18놈").leet == "십팔놈"
    assert normalize("2018년").leet == "2018년"


def test_phonetic_view_folds_tense_consonants_and_similar_vowels():
    """씌발 and 쒸발 fold to 시발."""
    assert normalize("씌발").phonetic == normalize("쒸발").phonetic == "시발"


def test_keyboard_view_reads_latin_typed_on_a_korean_keyboard():
    """tlqkf is 시발, qudtls is 병신, and Shift gives the tense consonant."""
    assert normalize("tlqkf").keyboard == "시발"
    assert normalize("qudtls").keyboard == "병신"
    assert from_keyboard("Tlqkf") == "씨발"


def test_english_words_are_not_read_as_keyboard_hangul():
    """A word that leaves stray letters (class) stays English."""
    assert from_keyboard("class") is None
    assert normalize("class").keyboard == "class"


def test_compose_joins_letters_and_leaves_consonant_clusters():
    """Letters with vowels become syllables; consonant-only runs stay as typed."""
    assert compose("ㄱㅗㅇㅅㅣㄱ") == "공식"
    assert compose("ㅅㅂ") == "ㅅㅂ"


def test_compact_view_drops_spaces_and_punctuation():
    """compact is lower-case letters and digits only."""
    assert normalize("G-PASS 기업, 1,263개사!").compact == "gpass기업1263개사"


@pytest.mark.parametrize(
    "raw", ["", "\ud800", "\x00\x01", "\u202e\u202d", "a" * 10_000, "\U0010ffff"]
)
def test_odd_input_never_raises(raw):
    """Lone surrogates, controls and huge strings normalise without errors."""
    assert isinstance(normalize(raw).display, str)


def test_non_string_input_is_coerced():
    """normalize(None) and normalize(42) work."""
    assert normalize(None).display == ""
    assert normalize(42).display == "42"
