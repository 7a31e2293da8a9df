"""Finding links in a comment (including bare and obfuscated ones) and classifying their hosts.

Rules 3, 5, 6 and 7 all look at links, so they are extracted once per check. ``\\b`` is never used:
Python counts Hangul as word characters, so "korea.kr로" has no boundary after "kr".
"""

import functools
import re
from dataclasses import dataclass

from .lexicon import read_rows
from .pii import EMAIL, deobfuscate_email

_NOT_URL = r"\s<>\"'\u3131-\u318e\uac00-\ud7a3"
_TLDS = (
    "co\\.kr|or\\.kr|go\\.kr|ac\\.kr|re\\.kr|ne\\.kr|pe\\.kr|com|net|org|kr|io|me|ly|gl|xyz|top|site|"
    "info|biz|tv|cc|to|gg|app|dev|link|club|vip|bet|casino|live|shop|store|online|pro|asia|jp|cn|"
    "us|uk|gov|edu|ru|de|fr|nz|si|do|sex|xxx|porn|adult|poker|win|fun|mobi|page|blog|news|click|"
    "buzz|icu|cyou|ink|work|today|world|kim|one"
)
_URL = re.compile(
    rf"(?:(?:https?|ftp)://|www\.)[^{_NOT_URL}]+"
    rf"|(?<![A-Za-z0-9@.\-/])(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{{0,61}}[A-Za-z0-9])?\.)+(?:{_TLDS})"
    rf"(?![A-Za-z0-9\-])(?:[/?#][^{_NOT_URL}]*)?"
    r"|(?<![가-힣A-Za-z0-9])[가-힣0-9\-]{2,30}\.한국",
    re.IGNORECASE,
)
_DEOBFUSCATIONS = (
    (re.compile(r"h(?:xx|\*\*|tt)p(s?)\s*[:：]\s*/\s*/", re.I), r"http\1://"),
    (re.compile(r"\s*[\[(]\s*(?:\.|dot|닷|점)\s*[\])]\s*", re.I), "."),
    (re.compile(r"(?<=[A-Za-z0-9])\s*(?:닷|쩜|점)\s*(?:컴|com)(?![A-Za-z])", re.I), ".com"),
    (re.compile(r"(?<=[A-Za-z0-9])\s*(?:닷|쩜|점)\s*(?:넷|net)(?![A-Za-z])", re.I), ".net"),
    (re.compile(r"(?<=[A-Za-z0-9])\s*(?:닷|쩜|점)\s*(?:kr|케이알)(?![A-Za-z])", re.I), ".kr"),
    (
        re.compile(
            r"(?<=[A-Za-z0-9])\s+dot\s+(?=(?:com|net|org|kr|co|me|ly|io)(?![A-Za-z]))", re.I
        ),
        ".",
    ),
)
_TRAILING = ".,;:!?)]}>'\"…"
_EXECUTABLE = re.compile(r"\.(?:exe|apk|scr|bat|msi|cmd|vbs|jar|ps1|dmg|com\.exe)$", re.I)
_FILE_MENTION = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z0-9_\-]{1,40}\.(?:exe|apk|scr|bat|msi|vbs|jar|ps1)(?![A-Za-z0-9])",
    re.I,
)
_SINGLE_LETTER_HOSTS = {"t.me", "t.co", "x.com", "wa.me"}


@dataclass(frozen=True)
class Link:
    host: str
    path: str
    kind: str  # see data/domains.tsv; "other" when unknown

    @property
    def executable(self) -> bool:
        return bool(_EXECUTABLE.search(self.path))


def deobfuscate(display: str) -> str:
    text = display
    for pattern, replacement in _DEOBFUSCATIONS:
        text = pattern.sub(replacement, text)
    return text


def find_links(display: str) -> tuple[Link, ...]:
    """Every link in the text, classified; emails are not links."""
    links = []
    without_emails = EMAIL.sub(" ", deobfuscate_email(display))
    for match in _URL.finditer(deobfuscate(without_emails)):
        link = _parse(match.group(0).rstrip(_TRAILING))
        if link is not None:
            links.append(link)
    return tuple(links)


def mentions_executable(display: str) -> bool:
    return bool(_FILE_MENTION.search(display))


def _parse(raw: str) -> Link | None:
    without_scheme = re.sub(r"^[a-z]+://", "", raw, flags=re.I)
    host, _, path = without_scheme.partition("/")
    host = host.split("?")[0].split("#")[0].split(":")[0].split("@")[-1].lower().strip(".")
    host = host.removeprefix("www.")
    if "." not in host or not _plausible_host(host):
        return None
    return Link(host, "/" + path if path else "", classify(host))


def _plausible_host(host: str) -> bool:
    labels = host.split(".")
    return host in _SINGLE_LETTER_HOSTS or any(len(label) > 1 for label in labels[:-1])


@functools.cache
def _domain_table() -> tuple[tuple[str, str], ...]:
    return tuple((row[0].lower(), row[1]) for row in read_rows("domains.tsv"))


def classify(host: str) -> str:
    """The kind of the most specific pattern in data/domains.tsv matching this host."""
    best_kind, best_length = "other", 0
    for pattern, kind in _domain_table():
        if _host_matches(host, pattern) and len(pattern) > best_length:
            best_kind, best_length = kind, len(pattern)
    if best_kind != "gov" and _host_matches(host, ".go.kr"):
        return "gov"
    return best_kind


def _host_matches(host: str, pattern: str) -> bool:
    if pattern.startswith("~"):
        return pattern[1:] in host
    if pattern.startswith("."):
        return host.endswith(pattern) or host == pattern[1:]
    return host == pattern or host.endswith("." + pattern)
