"""What a check knows besides the comment: the release, the author and their history."""

import datetime
import functools
from dataclasses import dataclass, field

#: Accounts younger than this are "new": their links are held, and ads score higher.
NEW_ACCOUNT_AGE = datetime.timedelta(days=7)


@dataclass(frozen=True)
class ReleaseContext:
    """The parts of a press release that moderation needs, as plain data (no model)."""

    text: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    people: tuple[str, ...] = ()


def release_context(release) -> ReleaseContext | None:
    """Accept None, a ReleaseContext, or anything with ``moderation_context()``."""
    if release is None or isinstance(release, ReleaseContext):
        return release
    provider = getattr(release, "moderation_context", None)
    if callable(provider):
        context = provider()
        return context if isinstance(context, ReleaseContext) else None
    return None


def is_new_account(author, now: datetime.datetime | None = None) -> bool:
    joined = getattr(author, "date_joined", None)
    if not isinstance(joined, datetime.datetime):
        return False
    now = now or datetime.datetime.now(datetime.UTC)
    if joined.tzinfo is None:
        now = now.replace(tzinfo=None)
    return now - joined < NEW_ACCOUNT_AGE


@dataclass
class CheckContext:
    """Everything validators share for one check; derived facts are computed once, on demand."""

    release: ReleaseContext | None = None
    author: object = None
    new_account: bool = False
    recent_texts: tuple[str, ...] = ()
    flood_texts: tuple[str, ...] = ()
    cache: dict = field(default_factory=dict)

    def derived(self, key: str, compute):
        """Memoise a per-check analysis (links, phone numbers) that several rules use."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


def digits_only(value: str) -> str:
    digits = "".join(c for c in str(value) if c.isdigit())
    return "0" + digits[2:] if digits.startswith("82") and len(digits) > 9 else digits


@functools.lru_cache(maxsize=256)
def release_numbers(phones: tuple[str, ...]) -> frozenset[str]:
    return frozenset(digits_only(p) for p in phones)
