"""IP addresses are kept only as salted hashes: enough to see that two comments came from the
same address, never enough to recover the address without the salt."""

import hashlib
import hmac
import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The address the request came from.

    Only REMOTE_ADDR: X-Forwarded-For is written by the client unless a proxy we trust rewrites
    it, and a forged header would let anyone pose as any address.
    """
    address = (request.META.get("REMOTE_ADDR") or "").strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return ""


def hash_ip(address: str) -> str:
    """HMAC-SHA-256 of the address keyed with BRIEFING_IP_HASH_SALT; "" for no address."""
    if not address:
        return ""
    salt = str(settings.BRIEFING_IP_HASH_SALT).encode()
    return hmac.new(salt, address.encode(), hashlib.sha256).hexdigest()
