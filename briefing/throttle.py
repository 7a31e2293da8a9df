"""Fixed-window limits, shared by every worker process: logins, sign-ups and comment posting.

``Window`` is the one limiter: at most ``limit`` events in a window of ``seconds`` that opens with
the first event. Counters live in the strict cache alias ``caches["ratelimits"]`` (Redis when
REDIS_URL is set, so all gunicorn workers see one count); its errors reach the caller, who decides
whether to fail open (logins, sign-ups) or to count another way (comments count from the
database). Keys never hold a raw IP address or a login name: both are salted hashes
(briefing/privacy.py).

- Failed logins count per account and client IP together (the username case-folded), and per
  client IP. Once either count reaches its limit, further attempts from that address are refused
  without checking the password, with a form error saying how many minutes to wait; the owner
  of the account, elsewhere, still logs in. A successful login clears the account's count (the
  password was known); the IP's count stays, or an attacker could reset it by logging in to an
  account of their own between guesses.
- Sign-ups count accounts actually created per IP, and every sign-up form sent from it (each
  refusal says something about which names and addresses are registered); over either limit
  the next is refused.
- Comments (briefing/comments/ratelimits.py) count per author per day and per release per day,
  and space posts by a minimum interval (a window with a limit of one).

Why not django-ratelimit or django-axes: django-ratelimit's windows are staggered per key (a
day's limit would not reset at midnight) and it cannot give back a slot reserved for an attempt
that stored nothing; axes locks per parameter with one limit for all of them, logs usernames and
addresses, and keys its cache by unsalted digests of the address. Both are fine libraries; ours is
one small class, and its salted keys are what the privacy law asks of us (개인정보 보호법).
"""

import logging
import math
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import ngettext

from briefing.privacy import client_ip, salted_hash

logger = logging.getLogger(__name__)


def _cache():
    # Looked up on each use: tests and settings overrides may swap the alias.
    return caches["ratelimits"]


def _now() -> float:
    return timezone.now().timestamp()


@dataclass(frozen=True)
class Window:
    """At most ``limit`` events per ``seconds``, counted under ``key``.

    Every method takes the time as seconds since the epoch (``now``), defaulting to the clock
    Django's timezone.now() reads, so callers and tests share one notion of "now".
    """

    key: str
    limit: int
    seconds: int

    @property
    def count_key(self) -> str:
        return f"{self.key}:count"

    @property
    def start_key(self) -> str:
        return f"{self.key}:start"

    def seconds_left(self, now: float | None = None) -> int:
        """Seconds until the window reopens if it is full now, else 0."""
        now = _now() if now is None else now
        values = _cache().get_many([self.count_key, self.start_key])
        if int(values.get(self.count_key) or 0) < self.limit:
            return 0
        started = float(values.get(self.start_key) or now)
        return max(0, math.ceil(started + self.seconds - now))

    def add(self, now: float | None = None) -> int:
        """Count one event; the count so far in this window (over ``limit`` means refused)."""
        cache = _cache()
        now = _now() if now is None else now
        # add() is atomic: only the first event of a window sets its start and expiry.
        if not cache.add(self.start_key, now, timeout=self.seconds):
            started = cache.get(self.start_key)
            if started is not None and now - float(started) >= self.seconds:
                # The window outlived its time by our clock (expiry runs on the cache's clock).
                cache.set_many({self.start_key: now, self.count_key: 0}, timeout=self.seconds)
        cache.add(self.count_key, 0, timeout=self.seconds)
        return cache.incr(self.count_key)

    def take(self, refusal, now: float | None = None) -> None:
        """Count one event, or give it back and raise ``refusal(seconds_left)`` if over."""
        if self.add(now) > self.limit:
            self.give_back()
            raise refusal(self.seconds_left(now))

    def give_back(self) -> None:
        try:
            _cache().decr(self.count_key)
        except ValueError:  # expired in between: nothing to give back
            pass

    def reset(self) -> None:
        _cache().delete_many([self.count_key, self.start_key])


def hashed_key(kind: str, *parts: str) -> str:
    """A counter key naming what it counts (``kind``) and a salted hash of whose it is."""
    digest = salted_hash(*parts)
    return f"{kind}:{digest}" if digest else ""


def _minutes(seconds: int) -> int:
    return max(1, math.ceil(seconds / 60))


# --- logins ---------------------------------------------------------------------------------


class LoginGuard:
    """The failure windows of one login attempt: the account *from this address*, and the
    address. Never the account alone: five wrong passwords from anywhere would otherwise lock its
    owner out everywhere (the superuser included), renewable at will. Guessing one account from
    many addresses stays slow, since each attempt costs a full password hash."""

    def __init__(self, username: str, ip_address: str):
        seconds = settings.LOGIN_FAILURE_WINDOW_SECONDS
        login = str(username or "").strip().casefold()
        account_key = hashed_key("login:account", login, ip_address) if login else ""
        ip_key = hashed_key("login:ip", ip_address)
        self.account = (
            Window(account_key, settings.LOGIN_FAILURES_PER_ACCOUNT, seconds)
            if account_key
            else None
        )
        address = Window(ip_key, settings.LOGIN_FAILURES_PER_IP, seconds) if ip_key else None
        self.windows = [window for window in (self.account, address) if window is not None]

    def refuse_if_locked(self) -> None:
        seconds = self._guarded(lambda: max((w.seconds_left() for w in self.windows), default=0), 0)
        if seconds:
            minutes = _minutes(seconds)
            raise ValidationError(
                ngettext(
                    "로그인에 여러 번 실패해 잠시 로그인을 막았습니다. %(minutes)d분 뒤에 다시 시도하세요.",
                    "로그인에 여러 번 실패해 잠시 로그인을 막았습니다. %(minutes)d분 뒤에 다시 시도하세요.",
                    minutes,
                )
                % {"minutes": minutes},
                code="throttled",
            )

    def record_failure(self) -> None:
        self._guarded(lambda: [w.add() for w in self.windows], None)

    def record_success(self) -> None:
        if self.account:
            self._guarded(self.account.reset, None)

    @staticmethod
    def _guarded(operation, default):
        # Fail open: when the shared cache is down, logins go on unthrottled rather than locking
        # every citizen and every member of staff out of the site. Guessing stays slow even then,
        # because each attempt costs a full password hash (PBKDF2), and the outage is logged.
        try:
            return operation()
        except Exception as error:  # noqa: BLE001 - any cache failure means "no counter"
            logger.warning(
                "Login throttling is off: the ratelimits cache failed (%s).", type(error).__name__
            )
            return default


class ThrottledLoginMixin:
    """For AuthenticationForm subclasses: refuse locked accounts/IPs, count failures."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return super().clean()  # an empty field is a form error, not a guess
        guard = LoginGuard(username, client_ip(self.request) if self.request else "")
        guard.refuse_if_locked()
        try:
            cleaned = super().clean()
        except ValidationError:
            guard.record_failure()
            raise
        guard.record_success()
        return cleaned


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


def password_guard(request, user) -> LoginGuard:
    """The same windows for a password asked again of a signed-in user (account deletion):
    a stolen session must not become an unlimited password oracle."""
    return LoginGuard(user.get_username(), client_ip(request))


# --- sign-ups -------------------------------------------------------------------------------


def _signup_windows(request) -> tuple[Window, Window] | None:
    """Accounts created from the address, and sign-up forms it sent (kept, never given back:
    every refused form tells something about who is registered, so guessing must stay slow)."""
    address = client_ip(request)
    if not address:
        return None
    seconds = settings.SIGNUP_WINDOW_SECONDS
    return (
        Window(hashed_key("signup:ip", address), settings.SIGNUPS_PER_IP, seconds),
        Window(hashed_key("signup:attempt", address), settings.SIGNUP_ATTEMPTS_PER_IP, seconds),
    )


def throttle_signup(refused):
    """Wrap a sign-up view: each account created uses one of the client address's slots.

    The slot is taken before the view runs (so simultaneous requests cannot all slip under the
    limit) and given back when no account was created; over the limit, ``refused(request,
    message, seconds)`` answers instead. Fails open like logins, for the same reason: an outage
    of the shared cache must not close the site to newcomers.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            windows = _signup_windows(request)
            if request.method != "POST" or request.user.is_authenticated or windows is None:
                return view(request, *args, **kwargs)
            window, attempts = windows
            try:
                tried = attempts.add()
                taken = window.add() if tried <= attempts.limit else 0
            except Exception as error:  # noqa: BLE001 - see the docstring: fail open
                logger.warning(
                    "Sign-up throttling is off: the ratelimits cache failed (%s).",
                    type(error).__name__,
                )
                return view(request, *args, **kwargs)
            if tried > attempts.limit or taken > window.limit:
                full = attempts if tried > attempts.limit else window
                if full is window:
                    window.give_back()
                seconds = full.seconds_left()
                return refused(request, _signup_refusal(seconds), seconds)
            response = view(request, *args, **kwargs)
            if not request.user.is_authenticated:  # the view logs the new citizen in on success
                window.give_back()
            return response

        return wrapper

    return decorate


def _signup_refusal(seconds: int) -> str:
    minutes = _minutes(seconds)
    return ngettext(
        "이 연결에서 짧은 시간에 가입 시도가 많아 가입을 잠시 막았습니다. %(minutes)d분 뒤에 다시 시도하세요.",
        "이 연결에서 짧은 시간에 가입 시도가 많아 가입을 잠시 막았습니다. %(minutes)d분 뒤에 다시 시도하세요.",
        minutes,
    ) % {"minutes": minutes}


# --- account e-mails -------------------------------------------------------------------------


def refuse_account_email_if_over(request) -> None:
    """Count one account e-mail (a password reset, a confirmation link) asked for from the
    client's address; ValidationError once over ACCOUNT_EMAILS_PER_IP in the window. Every such
    request makes the site write to somebody's inbox, so a stranger must not be able to repeat it
    at will; the count is kept even when no e-mail went out (an unknown address must look the
    same as a known one). Fails open like logins."""
    address = client_ip(request)
    if not address:
        return
    window = Window(
        hashed_key("account-email:ip", address),
        settings.ACCOUNT_EMAILS_PER_IP,
        settings.ACCOUNT_EMAIL_WINDOW_SECONDS,
    )
    try:
        count = window.add()
        seconds = window.seconds_left() if count > window.limit else 0
    except Exception as error:  # noqa: BLE001 - any cache failure means "no counter"
        logger.warning(
            "Account e-mail throttling is off: the ratelimits cache failed (%s).",
            type(error).__name__,
        )
        return
    if seconds:
        minutes = _minutes(seconds)
        raise ValidationError(
            ngettext(
                "이 연결에서 메일을 여러 번 요청해 잠시 막았습니다. %(minutes)d분 뒤에 다시 시도하세요.",
                "이 연결에서 메일을 여러 번 요청해 잠시 막았습니다. %(minutes)d분 뒤에 다시 시도하세요.",
                minutes,
            )
            % {"minutes": minutes},
            code="throttled",
        )


def install() -> None:
    """Throttle the admin's login as well (called once from briefing/urls.py)."""
    admin.site.login_form = ThrottledAdminAuthenticationForm
