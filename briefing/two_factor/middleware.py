"""Send accounts that need a second factor to it before anything else (see the package doc).

The whole site, not only /admin/: an unverified session of a publisher would otherwise still
preview drafts and download embargoed files, which staff may see. Runs after django-otp's
OTPMiddleware, which tells whether the session is verified.
"""

from django.contrib.auth import SESSION_KEY
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from briefing.middleware import database_unavailable_response, is_database_error
from briefing.two_factor import needs_second_factor
from briefing.two_factor.devices import has_authenticator

# Pages an unverified session may still reach: the second factor itself, and leaving.
OPEN_VIEWS = {
    "two_factor:verify",
    "two_factor:enrol",
    "logout",
    "admin:logout",
    "set_language",
}


class RequireSecondFactor:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            return self._gate(request)
        except Exception as error:
            # Reading the session or the account needs the database; during an outage this
            # gate answers like the views behind it (the 503 page), and never lets one through.
            if is_database_error(error):
                return database_unavailable_response()
            raise

    def _gate(self, request):
        # Anonymous readers have no signed-in session: no user is loaded for them.
        if SESSION_KEY not in request.session:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        user = request.user
        if not needs_second_factor(user) or user.is_verified():
            return None
        target = "two_factor:verify" if has_authenticator(user) else "two_factor:enrol"
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        query = f"?{urlencode({'next': next_url})}" if next_url else ""
        return redirect(reverse(target) + query)
