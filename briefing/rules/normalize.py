"""The shared text pipeline: one pass per comment, several views for the validators.

Views (all derived from the same cleaned text):

* ``display``: NFKC (full-width, circled and mathematical letters folded; the enclosed and
  regional-indicator letters NFKC leaves alone mapped too), invisible and control characters
  removed, conjoining jamo mapped back to the compatibility letters the lexicons use. Regexes for
  phones, URLs and emails run here. When the comment carries bidirectional controls (U+202E
  and kin), a reader sees its letters in another order than they are stored: ``display`` then
  holds both readings, the stored order and the order on screen (visual_order), so whatever the
  reader would see is checked.
* ``lower``: ``display`` casefolded.
* ``compact``: ``lower`` without spaces and punctuation (near-duplicate and relatedness checks).
* ``joined``: per word, punctuation and digits squeezed out from between Hangul letters
  (시1발, 씨.발 → 시발/씨발) and loose letters composed (ㅅㅣㅂㅏㄹ → 시발); runs of one-letter words
  joined (씨 발, 개 새 끼, f u c k). Words are NOT all glued together: "다시 발표" must not
  become 다시발표, which contains a swear word.
* ``leet``: ``joined`` with digits read aloud next to Hangul (씨8 → 씨팔, 18놈 → 십팔놈).
* ``phonetic``: ``joined`` with tense initials and near-identical vowels folded (씌발, 쒸발 → 시발).
* ``keyboard``: ``joined`` with Latin words typed on a Korean keyboard read as Hangul (tlqkf → 시발).
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

from .hangul import (
    CONJOINING_TO_COMPAT,
    build_syllable,
    compose,
    decompose_syllable,
    from_keyboard,
    is_hangul,
    is_jamo,
    is_syllable,
)

# Characters that render as nothing (or as blank Hangul) and are used to split words invisibly.
_INVISIBLE = {
    0x00AD,  # soft hyphen
    0x034F,  # combining grapheme joiner
    0x115F,  # Hangul choseong filler
    0x1160,  # Hangul jungseong filler
    0x17B4,
    0x17B5,
    0x180E,
    0x3164,  # Hangul filler
    0xFFA0,  # half-width Hangul filler
    0x2800,  # braille blank
}
_SPACE_LIKE_CONTROLS = {"\n", "\r", "\t", "\x0b", "\x0c"}
#: Explicit bidirectional formatting: embeddings, overrides, isolates and the marks.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
_STRONG_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
#: Letters NFKC leaves as symbols: negative circled and squared letters, regional indicators.
_ENCLOSED = {
    **{0x1F150 + i: chr(0x41 + i) for i in range(26)},  # 🅐 negative circled
    **{0x1F170 + i: chr(0x41 + i) for i in range(26)},  # 🅰 negative squared
    **{0x1F1E6 + i: chr(0x41 + i) for i in range(26)},  # 🇦 regional indicators
}
_TENSE = str.maketrans({"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"})
_VOWEL_FOLD = {"ㅔ": "ㅐ", "ㅖ": "ㅒ", "ㅢ": "ㅣ", "ㅟ": "ㅣ", "ㅞ": "ㅙ", "ㅚ": "ㅙ"}
_HANGUL_DIGIT_READINGS = {"18": "십팔", "8": "팔"}
_LATIN_LEET = str.maketrans("013457", "oieast")
_LONG_REPEAT = re.compile(r"(.)\1{2,}")
_UNUSUAL = re.compile("[^\x20-\x7e\uac00-\ud7a3\u3131-\u3163\u3165-\u318e]")
_JAMO_RUNS = re.compile("([\u3131-\u318e]+)")
_DIGITS_NEXT_TO_HANGUL = re.compile(r"(?<![0-9])(18|8)(?![0-9])")


@dataclass(frozen=True)
class NormalizedText:
    original: str
    display: str
    lower: str
    compact: str
    joined: str
    leet: str
    phonetic: str
    keyboard: str

    def __len__(self) -> int:
        return len(self.display)


def _drop_invisible(char: str) -> str:
    if char in _SPACE_LIKE_CONTROLS:
        return " " if char != "\n" else "\n"
    code = ord(char)
    if code in _INVISIBLE or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return ""
    category = unicodedata.category(char)
    if category in ("Cf", "Cc", "Cs", "Co", "Cn", "Mn", "Me"):
        return ""
    return char


def _drop_unusual(text: str) -> str:
    # Most comments are printable ASCII and Hangul; only look up the category of anything else.
    return _UNUSUAL.sub(lambda match: _drop_invisible(match.group()), text)


def visual_order(text: str) -> str:
    """The comment as a browser shows it, line by line (the Unicode Bidirectional Algorithm, by
    python-bidi): RLO before "8765-4321-010" shows "010-1234-5678"."""
    # python-bidi on first use: pages import this module (without_bidi_controls), only checks
    # reorder text.
    from bidi import get_display

    return "\n".join(get_display(line) for line in text.split("\n"))


def without_bidi_controls(text: str) -> str:
    """The text with its bidirectional formatting characters removed: what is stored and shown,
    so no comment can reorder the letters a reader sees (the checks read both orders)."""
    return "".join(c for c in text if c not in BIDI_CONTROLS)


def has_reordering(text: str) -> bool:
    return any(c in BIDI_CONTROLS for c in text) or bool(_STRONG_RTL.search(text))


def clean(text: str) -> str:
    """NFKC with invisibles, controls, lone surrogates and stray combining marks removed."""
    if any(0x1F150 <= ord(c) <= 0x1F1FF for c in text):
        text = text.translate(_ENCLOSED)
    text = _drop_unusual(text)
    # Loose letters are kept out of NFKC: it would turn ㄹ into an *initial* and compose ㅅㅣㅂㅏㄹ
    # into 시바 + ᄅ, losing the final consonant. squeeze_word composes them properly later.
    text = "".join(
        part if is_jamo(part[0]) else unicodedata.normalize("NFKC", part)
        for part in _JAMO_RUNS.split(text)
        if part
    )
    text = "".join(CONJOINING_TO_COMPAT.get(ord(c), c) for c in text)
    # NFKC can expose new invisibles (e.g. from compatibility ideographs); a second sweep is cheap.
    return _drop_unusual(text)


@functools.lru_cache(maxsize=16384)
def squeeze_word(word: str) -> str:
    """Remove punctuation inside a word and digits between Hangul letters, then compose jamo."""
    if word.isalpha() and not any(is_jamo(c) for c in word):
        return word
    text = _drop_digits_between_hangul(c for c in word if c.isalnum())
    return compose(text) if any(is_jamo(c) for c in text) else text


def _drop_digits_between_hangul(chars) -> str:
    """시1발 → 시발, ㅅ1ㅂ → ㅅㅂ; digits elsewhere (2024년, covid19) stay. Linear in length."""
    out: list[str] = []
    pending: list[str] = []
    previous = ""
    for char in chars:
        if char.isdigit():
            pending.append(char)
            continue
        if pending and not (previous and is_hangul(previous) and is_hangul(char)):
            out.extend(pending)
        pending = []
        out.append(char)
        previous = char
    out.extend(pending)
    return "".join(out)


def join_single_letters(words: list[str]) -> list[str]:
    """Glue runs of two or more one-letter words: ["씨", "발"] → ["씨발"]."""
    result: list[str] = []
    run: list[str] = []
    for word in words:
        if len(word) == 1:
            run.append(word)
            continue
        result.extend(_close_run(run))
        run = []
        result.append(word)
    result.extend(_close_run(run))
    return result


def _close_run(run: list[str]) -> list[str]:
    if len(run) < 2:
        return list(run)
    return [squeeze_word("".join(run))]


def leet_view(joined: str) -> str:
    """Read digits next to Hangul aloud, as people write them to dodge filters (씨8, 18놈)."""
    return " ".join(_read_digits(word) for word in joined.split(" "))


def _read_digits(word: str) -> str:
    if word.isascii():
        return _latin_leet(word)
    if not any(is_hangul(c) for c in word):
        return word
    return _DIGITS_NEXT_TO_HANGUL.sub(lambda m: _HANGUL_DIGIT_READINGS[m.group(1)], word)


def _latin_leet(word: str) -> str:
    """sh1t → shit, fuuuck → fuck: digits as letters inside Latin words, long repeats collapsed."""
    if any(c.isalpha() for c in word) and any(c.isdigit() for c in word):
        word = word.translate(_LATIN_LEET)
    return _LONG_REPEAT.sub(r"\1", word)


def fold_phonetic(text: str) -> str:
    """Fold sound-alike spellings together: tense initials to plain, ㅔ→ㅐ, ㅢ/ㅟ→ㅣ."""
    return "".join(_fold_syllable(c) if is_syllable(c) else c.translate(_TENSE) for c in text)


@functools.cache
def _fold_syllable(char: str) -> str:
    initial, vowel, final = decompose_syllable(char)
    return build_syllable(initial.translate(_TENSE), _VOWEL_FOLD.get(vowel, vowel), final)


def keyboard_view(joined: str) -> str:
    """Replace Latin-only words that read as Korean keystrokes with their Hangul."""
    return " ".join(_keyboard_word(word) for word in joined.split(" "))


def _keyboard_word(word: str) -> str:
    if len(word) < 2 or not word.isascii() or not word.isalpha():
        return word
    return from_keyboard(word) or word


def _compact(lower: str) -> str:
    return "".join(c for c in lower if c.isalnum())


@functools.lru_cache(maxsize=4096)
def compact_text(text: str) -> str:
    """Only the compact view, for comparing against many stored comments cheaply."""
    return _compact(clean(text).casefold())


_LAUGHTER_MERGE = re.compile("([\uac00-\ud7a3])(?=[ㅋㅎ])")


def _unmerge_laughter(text: str) -> str:
    """새낔ㅋㅋ → 새끼ㅋㅋ: a laugh typed straight after a word lends its first ㅋ or ㅎ to the
    last syllable as a final consonant, hiding the word."""
    if "ㅋ" not in text and "ㅎ" not in text:
        return text
    return _LAUGHTER_MERGE.sub(_drop_laugh_final, text)


def _drop_laugh_final(match) -> str:
    initial, vowel, final = decompose_syllable(match.group(1))
    return build_syllable(initial, vowel) if final in ("ㅋ", "ㅎ") else match.group(1)


def normalize(text) -> NormalizedText:
    """Build every view of ``text``; accepts any object and never raises on odd characters."""
    original = text if isinstance(text, str) else ("" if text is None else str(text))
    display = clean(original)
    if has_reordering(original):
        shown = clean(visual_order(original))
        if shown != display:
            display = f"{display}\n{shown}"
    lower = display.casefold()
    words = [squeeze_word(w) for w in _unmerge_laughter(lower).split()]
    joined = " ".join(w for w in join_single_letters([w for w in words if w]))
    # Keyboard reading needs the original case (T = ㅆ), so it starts from the display words.
    case_words = [squeeze_word(w) for w in display.split()]
    keyboard = keyboard_view(" ".join(join_single_letters([w for w in case_words if w])))
    return NormalizedText(
        original=original,
        display=display,
        lower=lower,
        compact=_compact(lower),
        joined=joined,
        leet=leet_view(joined),
        phonetic=fold_phonetic(joined),
        keyboard=keyboard.casefold(),
    )
