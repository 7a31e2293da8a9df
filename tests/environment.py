"""Test-run configuration that must exist before Django reads its settings.

The settings refuse to start without a SECRET_KEY when DEBUG is off (as production must), and
tests run with DEBUG off like production does, so the suite supplies its own throw-away key.
HTTPS redirects are off because the test client speaks plain HTTP; tests that check production
security headers set the flags themselves.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-for-the-suite")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_PLAIN_STORAGE", "1")
os.environ.setdefault("IP_HASH_SALT", "test-salt")
# One process: local memory, so query counts count queries, not cache reads (the database cache
# that production without Redis uses is tested where workers matter: the hostile-input suite).
os.environ.setdefault("CACHE_BACKEND", "locmem")
# Absolute URLs come from the site's address, never the request: the test client's host.
os.environ.setdefault("SITE_URL", "http://testserver")
# Staff sign in with a second factor in production; most tests sign staff in with force_login
# and test what they may do. tests/security/test_two_factor.py turns it on and tests the gate,
# the permissions table runs once more with it on, and the hostile-input suite runs with it.
os.environ.setdefault("STAFF_TWO_FACTOR", "0")
