"""The real server for the hostile suite: gunicorn with 2 workers, DEBUG off, on a free loopback
port, with the database and cache the suite's pass runs on (SQLite and the database cache, or
PostgreSQL and Redis), and a small HTTP client that keeps cookies and CSRF tokens like a browser.
"""

import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

PROJECT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
SIGNUP_ATTEMPTS = 6


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Database:
    """A database of the suite's own, on whatever the pass runs on (DATABASE_URL)."""

    def __init__(self, workdir: Path):
        outer = os.environ.get("DATABASE_URL", "")
        self.postgres = outer.startswith(("postgres://", "postgresql://"))
        if self.postgres:
            self.admin_url = outer
            self.name = f"hostile_{uuid.uuid4().hex[:10]}"
            parts = urlsplit(outer)
            self.url = parts._replace(path=f"/{self.name}").geturl()
            self._execute(f'CREATE DATABASE "{self.name}"')
        else:
            self.url = f"sqlite:///{workdir / 'hostile.sqlite3'}"

    def _execute(self, sql):
        import psycopg

        with psycopg.connect(self.admin_url.replace("postgres://", "postgresql://", 1)) as conn:
            conn.autocommit = True
            conn.execute(sql)

    def drop(self):
        if self.postgres:
            self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def redis_url() -> str:
    """The pass's Redis, on a database index of the suite's own (flushed before use)."""
    outer = os.environ.get("REDIS_URL", "")
    if not outer:
        return ""
    url = re.sub(r"/\d*$", "", outer) + "/13"
    import redis

    redis.Redis.from_url(url).flushdb()
    return url


def environment(workdir: Path, port: int, database: Database) -> dict:
    """Production settings, built from nothing: the test run's own environment (throw-away key,
    local-memory cache, no second factor) must not leak into the server."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(Path.home()),
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(PROJECT),
        "DJANGO_SETTINGS_MODULE": "briefing.settings",
        "DEBUG": "",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "IP_HASH_SALT": secrets.token_urlsafe(16),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database.url,
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "STATIC_PLAIN_STORAGE": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # The suite plays visitors at many addresses through one "proxy" (itself).
        "TRUSTED_PROXY_COUNT": "1",
        "TRUSTED_PROXIES": "127.0.0.1/32",
        "SIGNUP_ATTEMPTS_PER_IP": str(SIGNUP_ATTEMPTS),
        "COMMENTS_MIN_INTERVAL_SECONDS": "0",
        "LOG_LEVEL": "INFO",
    }
    if url := redis_url():
        env["REDIS_URL"] = url
    return env


def manage(env, *arguments) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(PROJECT / "manage.py"), *arguments],
        env=env, cwd=PROJECT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def prepare(env) -> dict:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.hostile.prepare"],
        env=env, cwd=PROJECT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def count(env, expression: str) -> int:
    """One number read from the server's database (what is stored, not what pages say)."""
    code = f"import django; django.setup()\n{expression}"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, cwd=PROJECT, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return int(result.stdout.strip().splitlines()[-1])


class Server:
    def __init__(self, env, port, workdir):
        self.port = port
        self.stdout = open(workdir / "gunicorn.out", "w+b")  # noqa: SIM115 - closed in stop()
        self.stderr = open(workdir / "gunicorn.err", "w+b")  # noqa: SIM115
        # gunicorn reads gunicorn.conf.py from the project root: the shipped logging is tested.
        self.process = subprocess.Popen(  # noqa: S603
            [str(GUNICORN), "briefing.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--timeout", "60"],
            env=env, cwd=PROJECT, stdout=self.stdout, stderr=self.stderr,
        )  # fmt: skip
        for _attempt in range(150):
            try:
                if Visitor(port).get("/robots.txt").status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start: " + self.logs()[-2000:])

    def logs(self) -> str:
        self.stdout.flush()
        self.stderr.flush()
        return Path(self.stdout.name).read_text(errors="replace") + Path(
            self.stderr.name
        ).read_text(errors="replace")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.stdout.close()
        self.stderr.close()


class Response:
    def __init__(self, status, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")

    def __repr__(self):
        return f"<{self.status} {self.location or self.text[:200]!r}>"


class Visitor:
    """One browser at one address (sent as X-Forwarded-For through the trusted loopback)."""

    def __init__(self, port, address="198.51.100.10", user_agent="Mozilla/5.0 (hostile suite)"):
        self.port, self.address, self.user_agent = port, address, user_agent
        self.cookies: dict[str, str] = {}

    # -- plain requests --------------------------------------------------------------------

    def request(self, method, path, body=None, headers=None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "User-Agent": self.user_agent,
            "X-Forwarded-For": self.address,
            "Accept-Language": "ko",
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in sent.items():
            connection.putheader(name, value)
        connection.putheader("Content-Length", str(len(body or b"")))
        connection.endheaders(body or b"")
        answer = connection.getresponse()
        response = Response(
            answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
        )
        for header, value in answer.getheaders():
            if header.lower() == "set-cookie":
                for name, morsel in SimpleCookie(value).items():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
        connection.close()
        return response

    def get(self, path, **headers) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path, data=None, *, files=None, raw=None, content_type=None) -> Response:
        """A form post with the CSRF token (fetched from ``path`` first when there is none)."""
        if "csrftoken" not in self.cookies:
            self.get(path)
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(data or {})}
        if raw is not None:
            body = raw
        elif files:
            body, content_type = multipart(fields, files)
        else:
            body = urlencode(fields, doseq=True).encode()
        return self.request(
            "POST",
            path,
            body,
            {
                "Content-Type": content_type or "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}{path}",
            },
        )

    # -- signing in --------------------------------------------------------------------------

    def sign_in(self, username, password, key=None) -> "Visitor":
        response = self.post("/ko/accounts/login/", {"username": username, "password": password})
        assert response.status == 302, response
        if key is not None:
            self.second_factor(key)
        return self

    def second_factor(self, key, offset=0):
        response = self.post("/ko/accounts/two-factor/", {"code": totp(key, offset)})
        assert response.status == 302 and "two-factor" not in response.location, response
        return response


def totp(hex_key: str, offset=0) -> str:
    from binascii import unhexlify

    from django_otp.oath import TOTP

    generator = TOTP(unhexlify(hex_key), 30, 0, 6, 0)
    generator.time = time.time() + offset
    return f"{generator.token():06d}"


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = f"----hostile{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + str(item).encode()
                + b"\r\n"
            )
    for name, (filename, content, kind) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), (
        f"multipart/form-data; boundary={boundary}"
    )


def raw_request(port, payload: bytes) -> bytes:
    """Bytes as an attacker sends them, no client library tidying them up."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(payload)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)
