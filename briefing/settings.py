"""Settings for briefing: one module, configured from the environment.

Every variable is listed with its default in the README's configuration table. Development is the
easy path (DEBUG=1 gives a throw-away key and localhost hosts); with DEBUG off the settings are
production-safe and refuse to start without a real SECRET_KEY, because a silently generated key
would log everybody out on every restart and sign nothing securely.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


def env_text(name: str, default=""):
    """The variable's text; ``default`` (translated, for the demo) only when it is not set."""
    value = os.environ.get(name)
    return default if value is None else value.strip()


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment, or set DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its translated admin classes win.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # whitenoise's runserver_nostatic keeps development and production serving static files alike.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Staff sign-in's second factor: TOTP authenticators and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The release body's rich-text editor (its widget, static files and system checks).
    "django_prose_editor",
    # Our apps in the order they depend on each other (README, "Architecture"): the ones lower in
    # the list build on the ones above; ready() runs in this order, so slots and signals an app
    # registers exist before the apps that build on it add theirs.
    "briefing.two_factor",
    "briefing.rules",
    "briefing.releases",
    "briefing.pageviews",
    "briefing.comments",
    "briefing.moderation",
    "briefing.opendata",
    "briefing.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "briefing.security.SecurityHeadersMiddleware",
    # Directly after SecurityMiddleware, so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database outage answers a clean 503 page instead of a 500, and NUL characters (which
    # PostgreSQL refuses) leave query strings before any view reads them (briefing/middleware.py).
    "briefing.middleware.DatabaseUnavailableMiddleware",
    "briefing.middleware.NullCharacterQueryMiddleware",
    "briefing.middleware.UnreadableFormMiddleware",
    "briefing.middleware.AdminSelectionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it reads the language stored there), before CommonMiddleware (which may
    # redirect on the URL it resolves).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag from the content and 304 answers to conditional GETs (cached pages included).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the session passed the second factor, then: accounts that need one go there first.
    "django_otp.middleware.OTPMiddleware",
    "briefing.two_factor.middleware.RequireSecondFactor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "briefing.urls"
WSGI_APPLICATION = "briefing.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "briefing.context_processors.site",
            ],
            # {% load pagecache %}: the slots other apps fill (briefing/pagecache.py).
            "libraries": {"pagecache": "briefing.pagecache"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent workers on SQLite: write-ahead logging lets readers go on during a write, a write
    # transaction takes its lock when it starts (IMMEDIATE, so two writers queue instead of
    # failing half-way), and a busy writer is waited for up to 20 s instead of "database is
    # locked" at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    # Short timeouts: a stopped Redis must cost a request milliseconds, not seconds.
    REDIS_OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.5}
    CACHES = {
        # Everything here can be recomputed, so an outage means misses, not errors (django-redis
        # ignores connection errors; briefing/cache.py keeps the log readable meanwhile).
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "briefing",
            "OPTIONS": {**REDIS_OPTIONS, "IGNORE_EXCEPTIONS": True},
        },
        # Strict: the limiters must see their counter fail (briefing/throttle.py).
        "ratelimits": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "briefing-limits",
            "OPTIONS": REDIS_OPTIONS,
        },
    }
elif DEBUG or os.environ.get("CACHE_BACKEND", "").strip().lower() == "locmem":
    # One process (runserver, the test suite): memory is shared by everything that runs.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ratelimits",
        },
    }
else:
    # Production without Redis: gunicorn's workers are separate processes, and a cache of each
    # worker's own would multiply every rate limit by the number of workers and keep serving a
    # withdrawn page from some of them. The database is the one thing they all share; its cache
    # tables are created by migrate (briefing/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "briefing_cache",
        },
        "ratelimits": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "briefing_cache_limits",
        },
    }
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "briefing.cache"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "releases:list"
LOGOUT_REDIRECT_URL = "releases:list"

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "briefing" / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

# modeltranslation: Korean is the source language and the fallback for every empty English field.
MODELTRANSLATION_DEFAULT_LANGUAGE = "ko"
MODELTRANSLATION_LANGUAGES = ("ko", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ko",)

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# Who sends a media file once Django has allowed it (briefing/releases/media.py): Django itself
# (empty), nginx (X-Accel-Redirect to MEDIA_INTERNAL_URL, an internal location) or apache
# (X-Sendfile).
MEDIA_SENDFILE = os.environ.get("MEDIA_SENDFILE", "").strip().lower()
if MEDIA_SENDFILE not in ("", "nginx", "apache"):
    raise ImproperlyConfigured("MEDIA_SENDFILE must be empty, 'nginx' or 'apache'.")
MEDIA_INTERNAL_URL = os.environ.get("MEDIA_INTERNAL_URL", "/protected-media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Tests run without collectstatic, so they use plain storage; the hashed manifest is what
        # every served deployment gets.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not env_flag("STATIC_PLAIN_STORAGE")
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# Hashed names never change content, so they may be cached for a year.
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------
# Production-safe by default; SECURE_SSL_REDIRECT=0 relaxes HTTPS for a local production-mode run
# (the benchmark), and the proxy header is trusted only when the proxy is declared.
HTTPS = not DEBUG and env_flag("SECURE_SSL_REDIRECT", default=True)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
BEHIND_PROXY = env_flag("BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's address behind proxies (briefing/privacy.py): X-Forwarded-For is believed only for
# requests from TRUSTED_PROXIES, and then only its TRUSTED_PROXY_COUNT-th entry from the right.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or (1 if BEHIND_PROXY else 0))
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES") or ["127.0.0.1/32", "::1/128"]
try:
    [ipaddress.ip_network(cidr, strict=False) for cidr in TRUSTED_PROXIES]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The site's own address (briefing/site.py): every absolute URL is built from it, never from the
# request's Host header. Defaults to the first allowed host.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    _host = next(
        (host for host in ALLOWED_HOSTS if host not in ("*",) and not host.startswith(".")), ""
    )
    SITE_URL = (
        f"{'https' if HTTPS else 'http'}://{_host or 'localhost'}"
        if not DEBUG
        else "http://127.0.0.1:8000"
    )
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured("SITE_URL must start with http:// or https://")

# Open data (README, "Open data"). A NewsItemId belongs to a source: OPENDATA_SOURCE names this
# instance as one (by default its host), and NEWS_ITEM_ID_INSTANCE (0-99) gives the releases made
# here a range of ids no other instance uses (releases/identifiers.py). Set both once, before
# other portals mirror the feed: a mirror knows a release by the pair.
OPENDATA_SOURCE = env_text("OPENDATA_SOURCE") or SITE_URL.split("://", 1)[1].split("/")[0]
NEWS_ITEM_ID_INSTANCE = int(os.environ.get("NEWS_ITEM_ID_INSTANCE", "0") or 0)
if not 0 <= NEWS_ITEM_ID_INSTANCE <= 99:
    raise ImproperlyConfigured("NEWS_ITEM_ID_INSTANCE must be a number from 0 to 99")
# A withdrawn release stays in the feed this many days after its withdrawal, marked withdrawn, so
# that mirrors learn of it; and data.go.kr's clients expect errors as HTTP 200 with an error body.
OPENDATA_WITHDRAWN_DAYS = int(os.environ.get("OPENDATA_WITHDRAWN_DAYS", "365") or 365)
OPENDATA_ERRORS_HTTP_200 = env_flag("OPENDATA_ERRORS_HTTP_200")
# `import_press_releases --fetch-attachments` never downloads from a private, loopback,
# link-local or multicast address: a feed's FileUrl would otherwise probe the servers behind this
# one (opendata/attachments.py). Tests, and closed networks whose file server has a private
# address, name the networks it may reach anyway ("127.0.0.0/8", "10.20.0.0/16").
try:
    OPENDATA_FETCH_PRIVATE_NETWORKS = [
        ipaddress.ip_network(network) for network in env_list("OPENDATA_FETCH_PRIVATE_NETWORKS")
    ]
except ValueError as error:
    raise ImproperlyConfigured(f"OPENDATA_FETCH_PRIVATE_NETWORKS: {error}") from error

# Notices to authors. The console backend prints each message, the citizen's address included,
# into the server log: fine on a developer's machine, a leak of personal data in production.
_CONSOLE_EMAIL = "django.core.mail.backends.console.EmailBackend"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    _CONSOLE_EMAIL if DEBUG else "django.core.mail.backends.smtp.EmailBackend"
)
if EMAIL_BACKEND == _CONSOLE_EMAIL and not DEBUG:
    raise ImproperlyConfigured(
        "EMAIL_BACKEND is the console backend with DEBUG off: it would write citizens' e-mail "
        "addresses into the server log. Configure SMTP (EMAIL_HOST…) or another backend."
    )
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "briefing@localhost")

# --- The site's identity --------------------------------------------------------------------
# Who runs the site and how to reach them: the header, the footer, the admin's title and the error
# pages read these (briefing/context_processors.py). The defaults are a demo's and say so; a real
# deployment sets each one. SITE_NAME falls back to its default when empty; the others, set to an
# empty value, are left out of the footer (a site without a fax number shows no fax line).


SITE_NAME = os.environ.get("SITE_NAME", "").strip() or _("대한민국 정책브리핑")
# The © line: who publishes the site (a ministry, an agency, whoever operates this copy).
SITE_OPERATOR = env_text("SITE_OPERATOR", _("정책브리핑 시연 사이트 운영자"))
SITE_ADDRESS = env_text("SITE_ADDRESS", _("(00000) 시연용 주소 — 실제 주소가 아닙니다"))
SITE_PHONE = env_text("SITE_PHONE", "000-0000-0000")
SITE_PHONE_HOURS = env_text("SITE_PHONE_HOURS", _("(시연용 번호로, 연결되지 않습니다)"))
SITE_FAX = env_text("SITE_FAX")
SITE_EMAIL = env_text("SITE_EMAIL", "briefing-demo@example.org")
# "이 누리집은 대한민국 공식 전자정부 누리집입니다." above the header: only a site that is one.
SITE_SHOW_EGOV_BANNER = env_flag("SITE_SHOW_EGOV_BANNER", default=False)
# The footer's last line; the default tells visitors this copy is a demonstration.
SITE_FOOTER_NOTE = env_text(
    "SITE_FOOTER_NOTE",
    _("이 누리집은 정책브리핑 보도자료 화면을 본뜬 공개 소프트웨어 시연 사이트입니다."),
)

# --- The product's own settings -------------------------------------------------------------
# The portal defaults its list to the last year; an archive wants everything.
BRIEFING_LIST_DEFAULT_PERIOD = os.environ.get("BRIEFING_LIST_DEFAULT_PERIOD", "all")
BRIEFING_LIST_PAGE_SIZE = 20
# Whole-page cache for anonymous readers (briefing/pagecache.py); off only to measure without it.
BRIEFING_PAGE_CACHE = env_flag("PAGE_CACHE", default=True)
# Cached page shells around live sections (a release page's comments); off only to measure.
BRIEFING_FRAGMENT_CACHE = env_flag("FRAGMENT_CACHE", default=True)
# Salt for hashing visitors' IP addresses; falls back to the secret key so a salt always exists.
BRIEFING_IP_HASH_SALT = os.environ.get("IP_HASH_SALT", "") or SECRET_KEY

# The learned abuse score's model once retrain_rules installs one (the shipped model until then).
RULES_MODEL_FILE = Path(os.environ.get("RULES_MODEL_FILE") or BASE_DIR / "var" / "rules-model.bin")

COMMENTS_REPORT_HIDE_THRESHOLD = int(os.environ.get("COMMENTS_REPORT_HIDE_THRESHOLD", "3"))
COMMENTS_PER_DAY = int(os.environ.get("COMMENTS_PER_DAY", "20"))
COMMENTS_PER_RELEASE_PER_DAY = int(os.environ.get("COMMENTS_PER_RELEASE_PER_DAY", "3"))
COMMENTS_MIN_INTERVAL_SECONDS = int(os.environ.get("COMMENTS_MIN_INTERVAL_SECONDS", "60"))
# Login and sign-up throttling (briefing/throttle.py), counted in the shared "ratelimits" cache.
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_IP = int(os.environ.get("LOGIN_FAILURES_PER_IP", "20"))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", "900"))
SIGNUPS_PER_IP = int(os.environ.get("SIGNUPS_PER_IP", "5"))
SIGNUP_WINDOW_SECONDS = int(os.environ.get("SIGNUP_WINDOW_SECONDS", "3600"))
# Publishers, moderators and superusers sign in with a second factor (briefing/two_factor).
# On by default whenever DEBUG is off; STAFF_TWO_FACTOR=0 only for a closed test network.
STAFF_TWO_FACTOR = env_flag("STAFF_TWO_FACTOR", default=not DEBUG)
STAFF_TWO_FACTOR_GROUPS = ("Publishers", "Moderators", "Portal editors", "Agency request officers")
OTP_TOTP_ISSUER = "정책브리핑"
# Every sign-up form sent, refused ones included: a refusal tells whether a name is registered.
SIGNUP_ATTEMPTS_PER_IP = int(os.environ.get("SIGNUP_ATTEMPTS_PER_IP", "20"))
# Citizen accounts (briefing/comments/verification.py, views.py): a citizen may correct a comment
# for this many minutes after posting it; links in account e-mails stay valid this long (Django's
# PASSWORD_RESET_TIMEOUT serves the reset and the e-mail confirmation alike).
COMMENTS_EDIT_MINUTES = int(os.environ.get("COMMENTS_EDIT_MINUTES", "15"))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("ACCOUNT_LINK_SECONDS", str(3 * 24 * 3600)))
# Password-reset and confirmation e-mails asked for from one address (briefing/throttle.py):
# each sends mail to someone, so a stranger must not be able to flood an inbox.
ACCOUNT_EMAILS_PER_IP = int(os.environ.get("ACCOUNT_EMAILS_PER_IP", "5"))
ACCOUNT_EMAIL_WINDOW_SECONDS = int(os.environ.get("ACCOUNT_EMAIL_WINDOW_SECONDS", "3600"))
# 개인정보 보호법 제30조: the privacy policy names who answers for personal data. The defaults
# are a demo's and say so, like the footer's.
PRIVACY_OFFICER_NAME = env_text("PRIVACY_OFFICER_NAME", _("개인정보 보호책임자(시연용)"))
PRIVACY_OFFICER_EMAIL = env_text("PRIVACY_OFFICER_EMAIL", "privacy-demo@example.org")
PRIVACY_OFFICER_PHONE = env_text("PRIVACY_OFFICER_PHONE", "000-0000-0000")
# Four eyes: a publisher may not publish or schedule a release they wrote themselves.
RELEASES_FOUR_EYES = env_flag("RELEASES_FOUR_EYES", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"once_a_minute": {"()": "briefing.cache.OncePerInterval"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "cache_outage": {"class": "logging.StreamHandler", "filters": ["once_a_minute"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "briefing.cache": {"handlers": ["cache_outage"], "propagate": False},
    },
}

# modeltranslation's tabbed admin loads jQuery UI from a CDN by default; the site must work on a
# closed government network, so a copy is served from static/ (licence beside it).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
