"""Response headers that Django's SecurityMiddleware does not set itself.

The Content-Security-Policy allows scripts only from our own origin: every script is an external
file under static/, so no page needs 'unsafe-inline' or a nonce for scripts. JSON-LD blocks are
data, which CSP does not execute. Inline style attributes stay allowed because the Django admin
writes some; styles cannot run code.

One inline script exists: the import map of the release body's editor (django-prose-editor), which
browsers cannot load from a file. The page that carries it allows that exact map by its hash; any
other inline script, an injected import map included, stays blocked.
"""

import base64
import hashlib
from functools import lru_cache

from django.conf import settings
from django_prose_editor.widgets import importmap

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "frame-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


IMPORT_MAP_TAG = '<script type="importmap">'


@lru_cache(maxsize=1)
def editor_import_map_source() -> str:
    """The CSP hash source of the import map the editor's widget renders. Computed once, on the
    first page that needs it: the map names static files, whose (hashed) URLs are fixed for the
    life of the process."""
    content = importmap.render().removeprefix(IMPORT_MAP_TAG).removesuffix("</script>")
    digest = base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def with_script_source(policy: str, source: str) -> str:
    """The policy with one more allowed source in its script-src directive."""
    directives = [part.strip() for part in policy.split(";")]
    return "; ".join(
        f"{part} {source}" if part.split()[:1] == ["script-src"] else part for part in directives
    )


def _carries_import_map(response) -> bool:
    return (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and IMPORT_MAP_TAG.encode() in response.content
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)
        if _carries_import_map(response):
            policy = with_script_source(policy, editor_import_map_source())
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
