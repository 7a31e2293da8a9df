"""What a check knows besides the comment: the release, the author and their history."""

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

#: Accounts younger than this are "new": their links are held, and ads score higher.
NEW_ACCOUNT_AGE = datetime.timedelta(days=7)


@dataclass(frozen=True)
class ReleaseContext:
    """The parts of a press release the rules need, as plain data (no model)."""

    text: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    people: tuple[str, ...] = ()

    @classmethod
    def from_facts(cls, facts: Mapping) -> "ReleaseContext":
        return cls(
            text=str(facts.get("text") or ""),
            phones=_strings(facts.get("phones")),
            emails=_strings(facts.get("emails")),
            people=_strings(facts.get("people")),
        )


@runtime_checkable
class ReleaseFacts(Protocol):
    """What a release tells anyone about itself, without knowing the rules exist.

    ``public_facts()`` returns a mapping of plain data: ``text`` (its words, all of them),
    ``phones`` and ``emails`` (the contacts it publishes) and ``people`` (the names it gives).
    ``briefing.releases.models.Release`` offers it; reading it may query the database, so a
    caller that must not (a benchmark, a test of purity) passes a ready ReleaseContext instead.
    """

    def public_facts(self) -> Mapping: ...


def release_context(release: "ReleaseContext | ReleaseFacts | None") -> ReleaseContext | None:
    if release is None or isinstance(release, ReleaseContext):
        return release
    if isinstance(release, ReleaseFacts):
        return ReleaseContext.from_facts(release.public_facts())
    raise TypeError(
        f"check() needs a ReleaseContext or an object with public_facts(), not {release!r}"
    )


def _strings(values) -> tuple[str, ...]:
    return tuple(str(value) for value in (values or ()) if value)


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
