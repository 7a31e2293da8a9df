"""The press-release list's filters, read from the query string (never from a POST form).

The portal posts a hidden form on every click; GET parameters do the same job, survive the trip to
a release and back, and can be bookmarked. Bad input never fails: it is dropped with a notice the
reader can see, and the rest of the search still runs.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PERIODS = {
    "all": _("전체"),
    "1y": _("최근 1년"),
    "1m": _("최근 1달"),
    "1w": _("최근 1주"),
    "custom": _("직접입력"),
}
PERIOD_DAYS = {"1y": 365, "1m": 30, "1w": 7}
DATE_FORMATS = ("%Y-%m-%d", "%Y.%m.%d", "%Y%m%d")
MAX_KEYWORD_LENGTH = 100


def default_period() -> str:
    period = settings.BRIEFING_LIST_DEFAULT_PERIOD
    return period if period in PERIOD_DAYS or period == "all" else "all"


#: The days a search may name: outside them a date is a typo (or an attack on date arithmetic:
#: 9999-12-31 plus a day does not exist), and is refused like a malformed one.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)


def parse_date(text: str) -> datetime.date | None:
    """A date typed as 2024-02-21, 2024.02.21 or 20240221, between 1900 and 2999; ValueError
    when it is none of these."""
    for date_format in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
        if EARLIEST_DATE <= day <= LATEST_DATE:
            return day
    raise ValueError(text)


@dataclass
class ListFilter:
    keyword: str = ""
    period: str = "all"
    start: datetime.date | None = None
    end: datetime.date | None = None
    ministry_codes: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query, known_codes=None) -> "ListFilter":
        """Read the filters from request.GET; known_codes (when given) validates ministry codes."""
        result = cls(keyword=" ".join(query.get("q", "").split())[:MAX_KEYWORD_LENGTH])
        result._read_ministries(query.getlist("ministry"), known_codes)
        result._read_period(query.get("period", ""), query.get("start", ""), query.get("end", ""))
        return result

    def _read_ministries(self, codes, known_codes) -> None:
        codes = list(dict.fromkeys(code.strip().upper() for code in codes if code.strip()))
        if known_codes is None:
            self.ministry_codes = codes
            return
        self.ministry_codes = [code for code in codes if code in known_codes]
        if unknown := [code for code in codes if code not in known_codes]:
            self.notices.append(
                _("알 수 없는 기관 코드(%(codes)s)는 검색 조건에서 제외했습니다.")
                % {"codes": ", ".join(unknown[:5])[:60]}
            )

    def _read_period(self, period, start_text, end_text) -> None:
        start_text, end_text = start_text.strip(), end_text.strip()
        if period not in PERIODS:
            period = "custom" if (start_text or end_text) else default_period()
        self.period = period
        if period != "custom":
            return
        try:
            self.start = parse_date(start_text) if start_text else None
            self.end = parse_date(end_text) if end_text else None
        except ValueError:
            self.start = self.end = None
            self.notices.append(
                _("날짜 형식이 올바르지 않습니다(예: 2024-02-21). 기간 조건 없이 검색했습니다.")
            )
            return
        if self.start and self.end and self.end < self.start:
            self.start = self.end = None
            self.notices.append(
                _("종료일이 시작일보다 앞설 수 없습니다. 기간 조건 없이 검색했습니다.")
            )

    @property
    def is_default(self) -> bool:
        return not (
            self.keyword or self.ministry_codes or self.period not in ("all", default_period())
        )

    @property
    def is_unfiltered(self) -> bool:
        """Whether apply() would leave a queryset as it is: no keyword, ministry or dates."""
        return not (self.keyword or self.ministry_codes) and self.date_range() == (None, None)

    def date_range(self) -> tuple[datetime.date | None, datetime.date | None]:
        if self.period in PERIOD_DAYS:
            today = timezone.localdate()
            return today - datetime.timedelta(days=PERIOD_DAYS[self.period]), None
        if self.period == "custom":
            return self.start, self.end
        return None, None

    def apply(self, releases):
        """Narrow a queryset of releases; both languages are searched, whatever is active."""
        if self.keyword:
            releases = releases.filter(keyword_condition(self.keyword))
        if self.ministry_codes:
            releases = releases.filter(ministry__code__in=self.ministry_codes)
        start, end = self.date_range()
        if start:
            releases = releases.filter(published_at__gte=_start_of(start))
        if end:
            releases = releases.filter(published_at__lt=_start_of(end + datetime.timedelta(days=1)))
        return releases

    def params(self) -> list[tuple[str, str]]:
        """The filters as query parameters, leaving out what is at its default."""
        params = [("q", self.keyword)] if self.keyword else []
        if self.period != default_period():
            params.append(("period", self.period))
        if self.period == "custom":
            params += [("start", self.start.isoformat())] if self.start else []
            params += [("end", self.end.isoformat())] if self.end else []
        params += [("ministry", code) for code in self.ministry_codes]
        return params

    def querystring(self, page: int | None = None) -> str:
        """'?q=…&page=2' for links that must keep the filters ('' when there is nothing)."""
        params = self.params() + ([("page", str(page))] if page and page > 1 else [])
        return "?" + urlencode(params) if params else ""


def keyword_condition(keyword: str) -> Q:
    """Substring search in both languages' titles, subtitles, bodies and footnotes.

    One LIKE over Release.search_text, the lower-cased plain text of all of them: it finds Korean
    substrings (조달 in 조달청) on SQLite and PostgreSQL alike, never matches markup, and reads one
    column instead of eight. The LIKE runs only on the candidates the bigram index gives
    (briefing.releases.keyword_index); a keyword with no two-character run (one letter, or
    punctuation) has no bigrams and is matched by the LIKE alone; a keyword that is one bigram
    (the common two-syllable word) is answered by the index alone.
    """
    from django.db import connection

    from briefing.releases.keyword_index import indexed_candidates
    from briefing.releases.search import bigrams, is_one_bigram

    candidates = indexed_candidates(sorted(bigrams(keyword)), connection.vendor)
    if candidates and is_one_bigram(keyword):
        return candidates
    return candidates & Q(search_text__contains=keyword.lower())


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
