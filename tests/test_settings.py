"""The settings module reads the environment: safe by default, loud when something is missing."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def run_manage(*args, **environment):
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PROJECT), **environment}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(PROJECT / "manage.py"), *args],
        capture_output=True, text=True, env=env, cwd=PROJECT, timeout=120,
    )  # fmt: skip


def print_setting(name, **environment):
    code = f"from django.conf import settings; print(repr(settings.{name}))"
    result = run_manage("shell", "--no-imports", "-c", code, **environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("secret", [None, "", "   "])
def test_site_refuses_to_start_without_a_secret_key_when_debug_is_off(secret):
    """Production never runs on a made-up key: unset, empty or blank all stop the start."""
    environment = {} if secret is None else {"SECRET_KEY": secret}
    result = run_manage("check", **environment)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    """With only SECRET_KEY and ALLOWED_HOSTS set, `check --deploy` finds nothing to warn about."""
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="briefing.example.go.kr",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_debug_mode_works_on_localhost_without_any_configuration():
    """DEBUG=1 alone is enough for a developer: a throw-away key and local hosts."""
    assert "'127.0.0.1'" in print_setting("ALLOWED_HOSTS", DEBUG="1")
    assert print_setting("SECURE_SSL_REDIRECT", DEBUG="1") == "False"


def test_https_can_be_relaxed_for_a_local_production_mode_run():
    """The documented switch turns the HTTPS redirect and secure cookies off, nothing else."""
    environment = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "127.0.0.1", "SECURE_SSL_REDIRECT": "0"}
    assert print_setting("SECURE_SSL_REDIRECT", **environment) == "False"
    assert print_setting("SESSION_COOKIE_SECURE", **environment) == "False"
    assert print_setting("DEBUG", **environment) == "False"


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        (
            "sqlite:////tmp/briefing-example.sqlite3",
            "django.db.backends.sqlite3",
            "'/tmp/briefing-example.sqlite3'",
        ),
        (
            "postgres://postgres@127.0.0.1:5432/briefing",
            "django.db.backends.postgresql",
            "'briefing'",
        ),
    ],
)
def test_database_url_selects_the_database(url, engine, name):
    """DATABASE_URL takes the usual URL forms for SQLite and PostgreSQL."""
    environment = {"DEBUG": "1", "DATABASE_URL": url}
    assert print_setting("DATABASES['default']['ENGINE']", **environment) == repr(engine)
    assert print_setting("DATABASES['default']['NAME']", **environment) == name


def test_redis_url_switches_the_cache_to_redis():
    """REDIS_URL makes the cache shared between worker processes."""
    backend = print_setting(
        "CACHES['default']['BACKEND']", DEBUG="1", REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert backend == "'django_redis.cache.RedisCache'"
    assert "LocMemCache" in print_setting("CACHES['default']['BACKEND']", DEBUG="1")


def test_migrations_are_complete(db):
    """Every model change has its migration (CI also runs makemigrations --check)."""
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_without_redis_shares_its_cache_through_the_database(tmp_path):
    """Every worker sees the same counters and pages: the database cache, created by migrate."""
    environment = {
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "briefing.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
    }
    backend = print_setting("CACHES['default']['BACKEND']", **environment)
    assert backend == "'django.core.cache.backends.db.DatabaseCache'"

    assert run_manage("migrate", "-v0", **environment).returncode == 0
    code = (
        "from django.core.cache import caches; caches['default'].set('k', 1); "
        "caches['ratelimits'].add('n', 0); print(caches['default'].get('k'), caches['ratelimits'].incr('n'))"
    )
    result = run_manage("shell", "--no-imports", "-c", code, **environment)
    assert result.stdout.strip().splitlines()[-1] == "1 1", result.stderr


def test_sqlite_waits_for_a_busy_writer_instead_of_failing():
    """Write-ahead logging, immediate write transactions and a busy timeout on SQLite."""
    options = print_setting("DATABASES['default']['OPTIONS']", DEBUG="1")
    assert "journal_mode=WAL" in options and "'IMMEDIATE'" in options and "'timeout': 20" in options


def test_production_refuses_the_console_mail_backend_and_sends_by_smtp_by_default():
    """The console backend would print citizens' addresses into the log; production uses SMTP."""
    production = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "briefing.example.go.kr"}

    refused = run_manage(
        "check", EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend", **production
    )

    assert refused.returncode != 0
    assert "console backend with DEBUG off" in refused.stderr
    assert "smtp" in print_setting("EMAIL_BACKEND", **production)
    assert "console" in print_setting("EMAIL_BACKEND", DEBUG="1")
