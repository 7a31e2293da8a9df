"""The text keyword search reads: one place, used by the model and by the migration that filled
the column for existing releases (historical models in migrations have no methods)."""

from briefing.releases.html import plain_text

SEARCHED_FIELDS = ("title", "subtitle", "footnote")
LANGUAGES = ("ko", "en")


def searchable_text(release) -> str:
    """Titles, subtitles, footnotes and bodies in both languages, without markup, lower-cased
    (so a search for "p" never matches every <p>)."""
    parts = []
    for code in LANGUAGES:
        parts.extend(getattr(release, f"{name}_{code}") or "" for name in SEARCHED_FIELDS)
        parts.append(plain_text(getattr(release, f"body_{code}") or ""))
    return "\n".join(part for part in parts if part).lower()
