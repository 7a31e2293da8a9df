"""What a check knows besides the comment: the release, the author and their history."""

import datetime
import functools
import re
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
    #: Everyone the release names: its contacts, and the people its text gives with a title.
    people: tuple[str, ...] = ()
    #: The bodies that issued it (the agency's own name).
    organisations: tuple[str, ...] = ()

    @classmethod
    def from_facts(cls, facts: Mapping) -> "ReleaseContext":
        text = str(facts.get("text") or "")
        return cls(
            text=text,
            phones=_strings(facts.get("phones")),
            emails=_strings(facts.get("emails")),
            people=tuple(dict.fromkeys(_strings(facts.get("people")) + named_people(text))),
            organisations=_strings(facts.get("organisations")),
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


_TITLES = (
    r"(?:[가-힣]{0,8}청장|장관|차관|총리|대통령|국장|과장|팀장|실장|본부장|회장|부회장|이사장|대표이사|대표"
    r"|사무관|주무관|서기관|대변인|원장|위원장|사장|처장|차장)"
)
# "임기근 조달청장은", "(회장 강성공)": a name beside a title.
_NAME_TITLE = re.compile(rf"(?<![가-힣])([가-힣]{{2,4}})\s?{_TITLES}(?=[\s은는이가의께,.)·]|$)")
_TITLE_NAME = re.compile(rf"[(,]\s?{_TITLES}\s([가-힣]{{2,4}})(?=[\s)\],.]|$)")
_SURNAME_INITIALS = frozenset(
    "김이박최정강조윤장임한오서신권황안송류홍고문양손배백허유남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉"
)
_NOT_NAMES = frozenset(
    {"서울지방", "지방", "조달", "해외", "국내", "전임", "신임", "현직", "전직", "부산지방"}
)


def named_people(text: str) -> tuple[str, ...]:
    """People a release names beside their title (so the head of the agency in its body
    counts, not only its contacts): 2–4 syllables starting with a surname."""
    found = [m.group(1) for m in _NAME_TITLE.finditer(text)] + [
        m.group(1) for m in _TITLE_NAME.finditer(text)
    ]
    return tuple(
        dict.fromkeys(
            name for name in found if name[0] in _SURNAME_INITIALS and name not in _NOT_NAMES
        )
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
    #: The learned score's model (briefing.rules.learned), or None to judge by rules alone.
    model: object = None
    #: The name the comment will be shown under.
    author_name: str = ""
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
