"""Hangul letters: jamo tables, syllable (de)composition and the 2-beolsik keyboard layout.

Written out here instead of depending on ``jamo``/``hangul-jamo``: the tables are small and fixed by
Unicode, and the composer also has to accept the odd sequences people type to dodge filters.
"""

CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONGSEONG = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"  # index 0 = no final

SYLLABLE_FIRST, SYLLABLE_LAST = 0xAC00, 0xD7A3
COMPAT_JAMO_FIRST, COMPAT_JAMO_LAST = 0x3131, 0x318E

_VOWEL_PAIRS = {
    ("ㅗ", "ㅏ"): "ㅘ",
    ("ㅗ", "ㅐ"): "ㅙ",
    ("ㅗ", "ㅣ"): "ㅚ",
    ("ㅜ", "ㅓ"): "ㅝ",
    ("ㅜ", "ㅔ"): "ㅞ",
    ("ㅜ", "ㅣ"): "ㅟ",
    ("ㅡ", "ㅣ"): "ㅢ",
}
_FINAL_PAIRS = {
    ("ㄱ", "ㅅ"): "ㄳ",
    ("ㄴ", "ㅈ"): "ㄵ",
    ("ㄴ", "ㅎ"): "ㄶ",
    ("ㄹ", "ㄱ"): "ㄺ",
    ("ㄹ", "ㅁ"): "ㄻ",
    ("ㄹ", "ㅂ"): "ㄼ",
    ("ㄹ", "ㅅ"): "ㄽ",
    ("ㄹ", "ㅌ"): "ㄾ",
    ("ㄹ", "ㅍ"): "ㄿ",
    ("ㄹ", "ㅎ"): "ㅀ",
    ("ㅂ", "ㅅ"): "ㅄ",
}
_FINAL_SPLIT = {double: pair for pair, double in _FINAL_PAIRS.items()}

KEYBOARD = dict(
    zip(
        "qwertyuiopasdfghjklzxcvbnmQWERTOP",
        "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡㅃㅉㄸㄲㅆㅒㅖ",
        strict=True,
    )
)


def _conjoining_to_compat() -> dict[int, str]:
    # NFKC turns compatibility jamo (ㅅ) into conjoining jamo (ᄉ); lexicons are written with the
    # former, so map every conjoining letter back.
    table = {0x1100 + i: c for i, c in enumerate(CHOSEONG)}
    table.update({0x1161 + i: c for i, c in enumerate(JUNGSEONG)})
    table.update({0x11A8 + i: c for i, c in enumerate(JONGSEONG[1:])})
    return table


CONJOINING_TO_COMPAT = _conjoining_to_compat()


def is_syllable(char: str) -> bool:
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def is_jamo(char: str) -> bool:
    return COMPAT_JAMO_FIRST <= ord(char) <= COMPAT_JAMO_LAST


def is_hangul(char: str) -> bool:
    return is_syllable(char) or is_jamo(char)


def is_vowel(char: str) -> bool:
    return char in JUNGSEONG


def is_consonant(char: str) -> bool:
    return char in CHOSEONG or char in _FINAL_SPLIT


def decompose_syllable(char: str) -> tuple[str, str, str]:
    """(initial, vowel, final) of a syllable; final is "" when there is none."""
    offset = ord(char) - SYLLABLE_FIRST
    initial, rest = divmod(offset, 21 * 28)
    vowel, final = divmod(rest, 28)
    return CHOSEONG[initial], JUNGSEONG[vowel], JONGSEONG[final].strip()


def build_syllable(initial: str, vowel: str, final: str = "") -> str:
    index = (CHOSEONG.index(initial) * 21 + JUNGSEONG.index(vowel)) * 28
    return chr(SYLLABLE_FIRST + index + (JONGSEONG.index(final) if final else 0))


def to_jamo(text: str) -> str:
    """Spell every syllable out as letters: 관리자 → ㄱㅘㄴㄹㅣㅈㅏ."""
    return "".join("".join(decompose_syllable(c)) if is_syllable(c) else c for c in text)


class _Composer:
    """Assembles a stream of letters into syllables the way a 2-beolsik input method does."""

    def __init__(self):
        self.out: list[str] = []
        self.initial = self.vowel = self.final = ""

    def flush(self):
        if self.initial and self.vowel:
            self.out.append(build_syllable(self.initial, self.vowel, self.final))
        else:
            self.out.append(self.initial + self.vowel + self.final)
        self.initial = self.vowel = self.final = ""

    def consonant(self, char: str):
        if self.initial and self.vowel and not self.final and char in JONGSEONG:
            self.final = char
        elif self.final and (self.final, char) in _FINAL_PAIRS:
            self.final = _FINAL_PAIRS[self.final, char]
        else:
            self.flush()
            self.initial = char if char in CHOSEONG else ""
            if not self.initial:
                self.out.append(char)

    def vowel_(self, char: str):
        if self.final:
            carried = self.final
            first, second = _FINAL_SPLIT.get(carried, ("", carried))
            self.final = first
            self.flush()
            self.initial, self.vowel = second, char
        elif self.vowel and (self.vowel, char) in _VOWEL_PAIRS:
            self.vowel = _VOWEL_PAIRS[self.vowel, char]
        elif self.initial and not self.vowel:
            self.vowel = char
        else:
            self.flush()
            self.vowel = char

    def feed(self, char: str):
        if is_vowel(char):
            self.vowel_(char)
        elif is_consonant(char):
            self.consonant(char)
        else:
            self.flush()
            self.out.append(char)

    def result(self) -> str:
        self.flush()
        return "".join(self.out)


def compose(text: str) -> str:
    """Join loose letters into syllables: ㅅㅣㅂㅏㄹ → 시발, 시ㅂㅏㄹ → 시발; ㅅㅂ stays ㅅㅂ."""
    composer = _Composer()
    for char in text:
        composer.feed(char)
    return composer.result()


def from_keyboard(latin: str) -> str | None:
    """Read Latin letters as keys on a Korean keyboard: tlqkf → 시발, qudtls → 병신.

    Returns None unless every key ends up inside a syllable, so English words (which leave
    stray letters, like "class" → 침ㄴㄴ) are not mistaken for Korean.
    """
    if latin.isupper():
        latin = latin.lower()
    letters = []
    for char in latin:
        jamo = KEYBOARD.get(char) or KEYBOARD.get(char.lower())
        if jamo is None:
            return None
        letters.append(jamo)
    hangul = compose("".join(letters))
    if not hangul or any(is_jamo(c) for c in hangul):
        return None
    return hangul
