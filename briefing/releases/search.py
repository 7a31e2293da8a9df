"""The text keyword search reads: one place, used by the model and by the migration that filled
the column for existing releases (historical models in migrations have no methods)."""

import re

from briefing.releases.html import plain_text

SEARCHED_FIELDS = ("title", "subtitle", "footnote")
LANGUAGES = ("ko", "en")


#: Characters of each body's plain text kept as its excerpt: more than any lead shown (the feed's
#: 300), so truncating the excerpt gives exactly what truncating the whole text would.
EXCERPT_CHARS = 320


def refresh_derived_text(release) -> None:
    """Set the columns derived from a release's text: excerpts per language, search text, grams.

    Computed on save (releases.signals) and by bulk loaders, so list pages, feeds and search read
    stored columns instead of stripping every body's markup on every request."""
    for code in LANGUAGES:
        body = getattr(release, f"body_{code}") or ""
        setattr(release, f"excerpt_{code}", plain_text(body)[:EXCERPT_CHARS])
    release.search_text = searchable_text(release)
    release.search_grams = search_grams(release.search_text)


def searchable_text(release) -> str:
    """Titles, subtitles, footnotes and bodies in both languages, without markup, lower-cased
    (so a search for "p" never matches every <p>)."""
    parts = []
    for code in LANGUAGES:
        parts.extend(getattr(release, f"{name}_{code}") or "" for name in SEARCHED_FIELDS)
        parts.append(plain_text(getattr(release, f"body_{code}") or ""))
    return "\n".join(part for part in parts if part).lower()


# --- The keyword index ------------------------------------------------------------------------
# A LIKE '%조달%' cannot use an ordinary index, so every search read every release's text (about
# 9 ms on SQLite and 18 ms on PostgreSQL at 10,000 short releases, growing with the archive).
# Trigram indexes (FTS5's trigram tokenizer, pg_trgm) cannot serve the two-syllable words most
# Korean searches are, so the index holds character bigrams, the way CJK search engines do:
# each release's distinct bigrams, within runs of letters and digits, in `search_grams`.
# A keyword's bigrams select candidates through the index (SQLite FTS5, PostgreSQL GIN), and the
# LIKE on search_text then checks the exact substring, so results are the same as before.

WORD_RUN = re.compile(r"[^\W_]+")


def bigrams(text: str) -> set[str]:
    grams = set()
    for word in WORD_RUN.findall(text.lower()):
        grams.update(word[i : i + 2] for i in range(len(word) - 1))
    return grams


def is_one_bigram(keyword: str) -> bool:
    """Whether the keyword is exactly one bigram (조달, ai): then a release has it as a
    substring exactly when it has the gram, and the index alone answers the search."""
    lowered = keyword.lower()
    return len(lowered) == 2 and WORD_RUN.fullmatch(lowered) is not None


def search_grams(search_text: str) -> str:
    """The space-separated distinct bigrams of a release's search text (the indexed column)."""
    return " ".join(sorted(bigrams(search_text)))
