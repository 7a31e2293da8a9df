"""The client's address and the salted hashes that stand in for it: the only place either is read.

Throttles, rate limits, page views and the IP hashes stored on comments all ask here, so an
address is worked out one way everywhere and never kept in the clear.

Which address. Behind a reverse proxy every request comes from the proxy, so the visitor's own
address is in X-Forwarded-For, which each proxy extends with the address it received the request
from. Anyone can send that header, though, so it is believed only this far:

- not at all unless ``TRUSTED_PROXY_COUNT`` (N) is set and the request came from one of
  ``TRUSTED_PROXIES`` (loopback by default: the README's nginx on the same host);
- then the N-th address from the right is the client's: the first N-1 entries from the right
  were written by our own proxies, everything left of the client's address by the client.

Why not django-ipware: it consults a dozen headers (X-Real-IP, CF-Connecting-IP, …) in an order
of its own, and any of them a proxy does not overwrite becomes a way to choose one's address. The
rule above reads one header, as the proxy the README sets up writes it, and fits in a screen.

Hashes are HMAC-SHA-256 keyed with ``BRIEFING_IP_HASH_SALT``: enough to see that two actions came
from the same address, never enough to recover the address without the salt.
"""

import hashlib
import hmac
import ipaddress
import logging
import re
from functools import lru_cache

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's address as a normalised string, or "" when there is none to be had."""
    remote = _address(request.META.get("REMOTE_ADDR"))
    count = settings.TRUSTED_PROXY_COUNT
    if not remote or count <= 0 or not _is_trusted_proxy(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # The proxies we trust would each have written an entry: this request did not come
        # through all of them, so the header proves nothing.
        return remote
    return _address(forwarded[-count]) or remote


def salted_hash(*parts: str) -> str:
    """HMAC-SHA-256 of the parts keyed with the salt; "" when every part is empty."""
    if not any(parts):
        return ""
    salt = str(settings.BRIEFING_IP_HASH_SALT).encode()
    return hmac.new(salt, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def hash_ip(address: str) -> str:
    """The salted hash stored in place of an address ("" for no address)."""
    return salted_hash(address)


def _address(value) -> str:
    try:
        return str(ipaddress.ip_address(str(value or "").strip()))
    except ValueError:
        return ""


def _is_trusted_proxy(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


@lru_cache(maxsize=8)
def _trusted_networks(cidrs: tuple[str, ...]):
    return tuple(ipaddress.ip_network(cidr, strict=False) for cidr in cidrs)


# Tokens that may be an address: a dotted quad (a port after it is left out of the token), or
# hex digits and colons, with the brackets of a URL; ipaddress decides which really are one.
_ADDRESS_CANDIDATE = re.compile(
    r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])|\[?[0-9A-Fa-f]*:[0-9A-Fa-f:.]*\]?"
)


def without_addresses(text: str) -> str:
    """``text`` with every IPv4 and IPv6 address replaced by "-" (times and versions stay)."""

    def replace(match):
        token = match.group(0)
        address = token.strip("[]").rstrip(":.")  # "ip=2001:db8::1: error" ends in a colon
        return "-" + token[len(token.rstrip(":.")) :] if _address(address) else token

    return _ADDRESS_CANDIDATE.sub(replace, text)


class WithoutAddresses(logging.Filter):
    """Log records with client addresses taken out: gunicorn's "Invalid request from ip=…" and
    anything else that would put a visitor's address into a log kept for months."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = without_addresses(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
