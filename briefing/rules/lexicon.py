"""Data-file lexicons matched in one pass with Aho-Corasick, with an allow-list by span.

Lexicons live in ``data/`` as tab-separated text so moderators' changes are reviewed like code.
Automata are built on first use, not at import: Django imports this package at start-up.
"""

import functools
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from .normalize import fold_phonetic, normalize

DATA_DIR = Path(__file__).resolve().parent / "data"

_ALLOW = "allow"


@dataclass(frozen=True)
class Term:
    """One lexicon entry. ``fields`` are the file's remaining columns (tier, weight, category…)."""

    text: str
    fields: tuple[str, ...] = ()
    open_end: bool = False  # "fuck*": any Latin ending (fucking, fucker) still matches

    def field(self, index: int, default: str = "") -> str:
        return self.fields[index] if index < len(self.fields) else default


@dataclass(frozen=True)
class Hit:
    term: Term
    view: str
    start: int
    end: int


def read_rows(filename: str) -> list[list[str]]:
    """Tab-separated rows of a data file, without blank lines and ``#`` comments."""
    rows = []
    for line in (DATA_DIR / filename).read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].rstrip() if not line.startswith("#") else ""
        if line.strip():
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def read_terms(filename: str) -> list[Term]:
    terms = []
    for first, *rest in read_rows(filename):
        open_end = first.endswith("*") and len(first) > 1
        terms.append(Term(first.rstrip("*") if open_end else first, tuple(rest), open_end))
    return terms


def _term_key(text: str, view: str) -> str:
    """Normalise a lexicon entry the way the text view it is matched against was normalised."""
    if view == "compact":
        return normalize(text).compact
    joined = normalize(text).joined
    return fold_phonetic(joined) if view == "phonetic" else joined


class TermMatcher:
    """Finds lexicon terms in chosen views of a NormalizedText, minus allow-listed spans."""

    def __init__(self, terms, allow=(), views=("joined",), phonetic_filter=None):
        self.terms = list(terms)
        self.allow = list(allow)
        self.views = tuple(views)
        self.phonetic_filter = phonetic_filter
        self._automata = {}

    def _automaton(self, kind: str):
        if kind not in self._automata:
            self._automata[kind] = self._build(kind)
        return self._automata[kind]

    def _build(self, kind: str):
        automaton = ahocorasick.Automaton()
        entries: dict[str, list] = {}
        for term in self.terms:
            if kind == "phonetic" and not (self.phonetic_filter and self.phonetic_filter(term)):
                continue
            entries.setdefault(_term_key(term.text, kind), []).append(term)
        for phrase in self.allow:
            entries.setdefault(_term_key(phrase, kind), []).append(_ALLOW)
        for key, values in entries.items():
            if key:
                automaton.add_word(key, (len(key), tuple(values)))
        if len(automaton) == 0:
            automaton.add_word("\x00", (1, ()))
        automaton.make_automaton()
        return automaton

    def find(self, normalized, *, allowed=False) -> list[Hit]:
        """Hits in the matcher's views; with ``allowed``, only those an allow-listed phrase
        covers (the ordinary sense: 수박씨 발라 먹듯이)."""
        hits: list[Hit] = []
        for view in self.views:
            kinds = (
                ("phonetic",)
                if view == "phonetic"
                else ("compact",)
                if view == "compact"
                else ("plain",)
            )
            text = getattr(normalized, view)
            hits.extend(self._find_in(text, view, kinds[0], allowed))
        return hits

    def _find_in(self, text: str, view: str, kind: str, want_allowed=False) -> list[Hit]:
        found, allowed = [], []
        for end, (length, values) in self._automaton(kind).iter(text):
            start = end + 1 - length
            for value in values:
                if value == _ALLOW:
                    allowed.append((start, end + 1))
                elif view == "compact" or _latin_bounded(text, start, end + 1, value):
                    found.append(Hit(value, view, start, end + 1))
        return [
            h for h in found if any(a <= h.start and h.end <= b for a, b in allowed) == want_allowed
        ]


def _latin_bounded(text: str, start: int, end: int, term: Term) -> bool:
    """Latin entries must be whole words ("class" is not "ass"); Hangul entries need no boundary."""
    if not term.text.isascii() or not term.text[:1].isalpha():
        return True
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before.isascii() and before.isalpha():
        return False
    return term.open_end or not (after.isascii() and after.isalpha())


@functools.cache
def allowlist() -> tuple[str, ...]:
    return tuple(row[0] for row in read_rows("allowlist.txt"))


def outermost(hits: list[Hit]) -> list[Hit]:
    """Drop hits nested inside a longer hit in the same view (크랙 inside 크랙버전 counts once)."""
    return [
        h
        for h in hits
        if not any(
            o is not h
            and o.view == h.view
            and o.start <= h.start
            and h.end <= o.end
            and (o.end - o.start) > (h.end - h.start)
            for o in hits
        )
    ]


def weighted_terms(matcher: TermMatcher, normalized, weight_column: int = 0) -> dict[str, float]:
    """Distinct matched terms with their weights (first column after the term, as a number)."""
    weights: dict[str, float] = {}
    for hit in outermost(matcher.find(normalized)):
        try:
            weights[hit.term.text] = float(hit.term.field(weight_column, "1"))
        except ValueError:
            weights[hit.term.text] = 1.0
    return weights


@functools.cache
def matcher_for(filename: str, views: tuple[str, ...] = ("compact",)) -> TermMatcher:
    """One lazily built matcher per data file (shared by all checks in the process)."""
    return TermMatcher(read_terms(filename), views=views)
