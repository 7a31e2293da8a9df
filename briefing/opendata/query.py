"""The request parameters of /api/press-releases/, checked the way the portal's API checks them.

Result codes follow the portal (`0` / NORMAL_SERVICE on success) and the data.go.kr standard codes
for errors. Unlike the portal, the window may span up to a year (the portal refuses more than
three days) and pages really page.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from briefing.opendata.newsitem import SEOUL
from briefing.releases.filters import EARLIEST_DATE, LATEST_DATE

NORMAL_SERVICE = ("0", "NORMAL_SERVICE")
DB_ERROR = ("02", "DB_ERROR")
HTTP_ERROR = ("04", "HTTP_ERROR")
INVALID_PARAMETER = ("10", "INVALID_REQUEST_PARAMETER_ERROR")
MISSING_PARAMETER = ("11", "NO_MANDATORY_REQUEST_PARAMETERS_ERROR")
NO_SERVICE = ("12", "NO_OPENAPI_SERVICE_ERROR")
UNKNOWN_ERROR = ("99", "UNKNOWN_ERROR")
#: Every error the API answers, with its real HTTP status (settings.OPENDATA_ERRORS_HTTP_200
#: answers them all with 200 instead) and when it happens; the OpenAPI document lists these.
ERRORS = (
    (INVALID_PARAMETER, 400, "a parameter is invalid (a bad date, a reversed or too-long window, bad paging)"),
    (MISSING_PARAMETER, 400, "startDate or endDate is missing"),
    (NO_SERVICE, 404, "no such operation under /api/"),
    (HTTP_ERROR, 405, "a method other than GET, HEAD or OPTIONS"),
    (UNKNOWN_ERROR, 500, "an unexpected error (logged here)"),
    (DB_ERROR, 503, "the database is unavailable; try again shortly (Retry-After)"),
)  # fmt: skip

#: The national portal's own path for the same operation, mounted at the site root (briefing/urls.py),
#: so a client written for apis.data.go.kr/1371000/pressReleaseService/pressReleaseList needs only
#: a new host.
PORTAL_PATH = "1371000/pressReleaseService/pressReleaseList"
MAX_WINDOW_DAYS = 366
DEFAULT_ROWS = 10
MAX_ROWS = 100
FORMATS = ("xml", "json")
LANGUAGES = ("ko", "en")


class ApiError(Exception):
    """A request the API refuses: the portal's result code and message, plus a plain reason."""

    def __init__(self, result, detail):
        super().__init__(detail)
        self.code, self.message = result
        self.detail = detail
        self.status = next(status for known, status, _when in ERRORS if known == result)


@dataclass(frozen=True)
class FeedQuery:
    start: date
    end: date
    page: int = 1
    rows: int = DEFAULT_ROWS
    lang: str = "ko"
    format: str = "xml"

    @property
    def window(self) -> tuple[datetime, datetime]:
        """From the start day's midnight to the midnight after the end day, in Seoul."""
        since = datetime.combine(self.start, time.min, tzinfo=SEOUL)
        until = datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=SEOUL)
        return since, until

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.rows


def response_format(params) -> str:
    """xml or json, decided first so that even an error answers in the format asked for."""
    value = params.get("type", "").strip().lower()
    return value if value in FORMATS else "xml"


def _day(params, name) -> date:
    value = params.get(name, "").strip()
    try:
        if len(value) != 8 or not (value.isascii() and value.isdigit()):
            raise ValueError
        day = datetime.strptime(value, "%Y%m%d").date()
        if not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ValueError
        return day
    except ValueError:
        raise ApiError(
            INVALID_PARAMETER,
            f"{name} must be a date in YYYYMMDD form between "
            f"{EARLIEST_DATE:%Y%m%d} and {LATEST_DATE:%Y%m%d}",
        ) from None


def _number(params, name, default, highest) -> int:
    value = params.get(name, "").strip() or str(default)
    # isascii(): "²".isdigit() is true, and int("²") fails.
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= highest:
        raise ApiError(INVALID_PARAMETER, f"{name} must be a whole number from 1 to {highest}")
    return int(value)


def _choice(params, name, choices) -> str:
    value = params.get(name, "").strip().lower() or choices[0]
    if value not in choices:
        raise ApiError(INVALID_PARAMETER, f"{name} must be one of: {', '.join(choices)}")
    return value


def parse_query(params) -> FeedQuery:
    """The checked query; raises ApiError naming the first parameter that is missing or wrong."""
    missing = [name for name in ("startDate", "endDate") if not params.get(name, "").strip()]
    if missing:
        raise ApiError(MISSING_PARAMETER, f"{' and '.join(missing)} required (YYYYMMDD)")
    start, end = _day(params, "startDate"), _day(params, "endDate")
    if end < start:
        raise ApiError(INVALID_PARAMETER, "endDate must not be before startDate")
    if (end - start).days + 1 > MAX_WINDOW_DAYS:
        raise ApiError(INVALID_PARAMETER, f"the window may span at most {MAX_WINDOW_DAYS} days")
    return FeedQuery(
        start=start,
        end=end,
        page=_number(params, "pageNo", 1, 10**6),
        rows=_number(params, "numOfRows", DEFAULT_ROWS, MAX_ROWS),
        lang=_choice(params, "lang", LANGUAGES),
        format=_choice(params, "type", FORMATS),
    )
