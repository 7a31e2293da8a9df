"""The standing hostile-input suite: the real server (gunicorn, 2 workers, DEBUG off, the shipped
gunicorn.conf.py) attacked as anonymous visitors, citizens and staff, on whatever this pass runs
on (SQLite with the database cache, or PostgreSQL with Redis).

Each attack class of issue 15 and of the earlier fuzzing is sent for real; what is asserted is
what an attacker or a reader would notice: no 500, nothing half-stored, nothing private served,
no visitor's address in the logs.
"""

import threading
from html.parser import HTMLParser
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from defusedxml.ElementTree import fromstring as parse_xml

from tests.hostile.server import (
    SIGNUP_ATTEMPTS,
    Database,
    Server,
    Visitor,
    count,
    environment,
    free_port,
    manage,
    prepare,
    raw_request,
)

HONEST = "해외조달 전문인력 양성을 재직자로 넓힌다는 계획이 현장에 도움이 되겠습니다."
ATTACKER = "203.0.113.9"
ADDRESSES = ("198.51.100.", "203.0.113.", "127.0.0.1")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("hostile")
    port = free_port()
    database = Database(workdir)
    server = None
    try:
        env = environment(workdir, port, database)
        manage(env, "migrate", "--noinput", "-v0")
        data = prepare(env)
        server = Server(env, port, workdir)
        yield SimpleNamespace(port=port, env=env, workdir=workdir, server=server, **data)
    finally:
        if server is not None:
            server.stop()
        database.drop()


def visitor(site, address="198.51.100.10", **kwargs) -> Visitor:
    return Visitor(site.port, address, **kwargs)


def citizen(site, number, address=None) -> Visitor:
    return visitor(site, address or f"198.51.100.{20 + number}").sign_in(
        f"citizen{number}", site.password
    )


def staff(site, username, address="198.51.100.90") -> Visitor:
    """One verified session per account for the whole module: a code is accepted once (replay
    protection), so signing the same account in again within 30 seconds would be refused."""
    signed_in = site.__dict__.setdefault("staff_sessions", {})
    if username not in signed_in:
        signed_in[username] = visitor(site, address).sign_in(
            username, site.password, key=site.keys[username]
        )
    return signed_in[username]


def media_files(site) -> set[str]:
    root = site.workdir / "media"
    return {str(path) for path in root.rglob("*") if path.is_file()}


# --- no input answers 500 ----------------------------------------------------------------------

NAMES = [
    "\u3164\u3164",
    "민\u200b지",
    "\u212aelvin",
    "탈퇴한 회원",
    "\u202e지민",
    "a\x00b",
    "x" * 500,
]
TEXTS = [
    "가" * 100_000,
    "\u202e다니습좋 책정\u202c 좋은 정책입니다",
    "줄\x0b바꿈\x0c과\x1b제어\x7f문자 " + HONEST,
    "\x00" + HONEST,
    "<script>alert(1)</script>" + HONEST,
]


def attacks(site):
    """(who, method, path, what to send) for every input class; who is a role name."""
    release, slug = site.release, site.slug
    listing = "/ko/briefing/press-releases/"
    cases = [
        ("anonymous", "GET", f"{listing}?start=0001-01-01&end=9999-12-31", None),
        ("anonymous", "GET", f"{listing}?period=custom&start=9999-12-31&end=0000-00-00", None),
        ("anonymous", "GET", f"{listing}?page=%C2%B2", None),
        ("anonymous", "GET", f"{listing}?page=99999999999999999999999", None),
        ("anonymous", "GET", f"{listing}?q=%00%FF%FE", None),
        ("anonymous", "GET", f"{listing}?q={quote('가' * 300)}", None),
        ("anonymous", "GET", f"{listing}?q={quote('가' * 5000)}", None),
        ("anonymous", "GET", f"{release}?end=9999-12-31&page=%C2%B2", None),
        ("anonymous", "GET", "/api/press-releases/?startDate=00010101&endDate=99991231", None),
        ("anonymous", "GET", "/api/press-releases/?startDate=20240101&endDate=20240301"
         "&pageNo=%C2%B2&numOfRows=%C2%B2", None),
        ("anonymous", "GET", f"{listing}%00/", None),
        ("anonymous", "GET", f"/ko/comments/on/{slug}/?page=%C2%B2", None),
        ("anonymous", "GET", "/media/%00", None),
        ("anonymous", "GET", "/media/../../etc/passwd", None),
        ("anonymous", "POST", "/ko/accounts/signup/",
         {"charset": "euc-kr", "body": "username=a&display_name=\xbf\xb9".encode("latin-1")}),
        ("anonymous", "POST", "/ko/accounts/signup/",
         {"charset": "no-such-charset", "body": b"username=abc"}),
        ("anonymous", "POST", "/ko/accounts/login/",
         {"form": {"username": "가" * 100_000, "password": "x"}}),
        ("anonymous", "POST", "/ko/accounts/login/", {"body": b"username=\xff\xfe\x00&password=1"}),
        ("anonymous", "POST", "/ko/accounts/signup/",
         {"content_type": "multipart/form-data", "body": b"--x\r\nbroken"}),
        ("anonymous", "POST", "/ko/accounts/signup/",
         {"content_type": "multipart/form-data; boundary=", "body": b"----\r\n"}),
    ]  # fmt: skip
    post = f"/ko/comments/on/{slug}/post/"
    for text in TEXTS:
        cases.append(("citizen", "POST", post, {"form": {"text": text}}))
    cases += [
        ("citizen", "POST", post, {"body": b"text=\xff\xfe\xfd" + HONEST.encode()}),
        ("citizen", "POST", post, {"charset": "euc-kr", "body": HONEST.encode("euc-kr")}),
        ("citizen", "POST", "/ko/comments/1/report/", {"form": {"rule": "abc", "note": "x"}}),
        ("citizen", "POST", "/ko/comments/1/report/", {"form": {"rule": "99"}}),
        ("citizen", "POST", "/ko/comments/99999999999/report/", {"form": {"rule": "4"}}),
        ("citizen", "GET", "/ko/my/comments/?page=%C2%B2", None),
    ]
    for name in NAMES:
        cases.append(("citizen", "POST", "/ko/accounts/profile/", {"form": {"display_name": name}}))
    admin_comments = "/admin/comments/comment/"
    cases += [
        ("moderator", "GET", f"{admin_comments}?rule=abc", None),
        ("moderator", "GET", f"{admin_comments}?rule=99", None),
        ("moderator", "GET", f"{admin_comments}?created_at__gte=9999-99-99", None),
        ("moderator", "GET", f"{admin_comments}?created_at__gte=garbage&status=%00", None),
        ("moderator", "GET", "/ko/moderation/?state=%00&rule=%C2%B2&page=-1", None),
        ("moderator", "POST", "/ko/moderation/bulk/",
         {"form": {"action": "zzz", "rule": "²", "selected": ["abc", "1:x", "99999999:0"]}}),
        ("moderator", "POST", "/ko/moderation/comments/99999999/approve/", {"form": {"version": "a"}}),
        ("moderator", "POST", "/admin/comments/suspension/", {"form": {"action": "lift_selected",
         "_selected_action": ["abc"]}}),
        ("moderator", "POST", "/admin/comments/comment/", {"form": {"action": "approve_selected",
         "_selected_action": ["1", "²", "-1"]}}),
        ("publisher", "POST", "/admin/releases/release/", {"form": {"action": "delete_selected",
         "_selected_action": ["x"]}}),
        ("publisher", "GET", "/admin/releases/release/?published_at__gte=garbage&q=%00", None),
        ("publisher", "GET", "/admin/releases/release/?status__exact=%C2%B2", None),
    ]  # fmt: skip
    return cases


def send(client, method, path, what):
    if method == "GET":
        return client.get(path)
    what = what or {}
    if "body" in what:
        charset = what.get("charset")
        kind = what.get("content_type") or (
            "application/x-www-form-urlencoded" + (f"; charset={charset}" if charset else "")
        )
        token = f"csrfmiddlewaretoken={client.cookies.get('csrftoken', '')}&".encode()
        if "csrftoken" not in client.cookies:
            client.get(path)
            token = f"csrfmiddlewaretoken={client.cookies.get('csrftoken', '')}&".encode()
        return client.post(path, raw=token + what["body"], content_type=kind)
    return client.post(path, what.get("form", {}))


def test_no_request_answers_500(site):
    """Every hostile request of every role gets a page or a clear refusal, never a 500."""
    clients = {
        "anonymous": visitor(site, "198.51.100.11"),
        "citizen": citizen(site, 0),
        "moderator": staff(site, "mod1"),
        "publisher": staff(site, "publisher", "198.51.100.91"),
    }
    failures = []
    for who, method, path, what in attacks(site):
        response = send(clients[who], method, path, what)
        if response.status >= 500:
            failures.append(f"{who} {method} {path[:120]} {str(what)[:80]} -> {response.status}")
    assert failures == [], "\n".join(failures)


def test_raw_bytes_never_answer_500(site):
    """Invalid UTF-8 and NUL in the request line, an absurd header: 4xx at worst, never 5xx."""
    host = f"Host: 127.0.0.1:{site.port}\r\n".encode()
    payloads = [
        b"GET /ko/briefing/press-releases/\xff\xfe/ HTTP/1.1\r\n" + host + b"\r\n",
        b"GET /ko/briefing/press-releases/%00%ff HTTP/1.1\r\n" + host + b"\r\n",
        b"GET /ko/briefing/press-releases/?q=\xed\xa0\x80 HTTP/1.1\r\n" + host + b"\r\n",
        b"GET / HTTP/1.1\r\n" + host + b"X-Forwarded-For: \xff\xfe, ::::\r\n\r\n",
        b"GARBAGE\r\n\r\n",
    ]
    for payload in payloads:
        answer = raw_request(site.port, payload)
        status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 400
        assert status < 500, (payload, answer[:300])


def test_head_answers_like_get_without_a_body(site):
    """HEAD on public pages: the GET's status and headers, no body."""
    for path in ("/ko/briefing/press-releases/", site.release):
        response = visitor(site).request("HEAD", path)
        assert (response.status, response.body) == (200, b""), path


def test_feeds_stay_well_formed_with_control_characters_in_a_title(site):
    """A vertical tab that slipped into a title does not break RSS or Atom for everyone."""
    for feed in ("rss", "atom"):
        response = visitor(site).get(f"/ko/briefing/press-releases/feed/{feed}/")
        assert response.status == 200
        parse_xml(response.body)  # raises on anything an XML reader would refuse


# --- nothing half-stored, nothing private served -------------------------------------------------


def test_refused_input_leaves_nothing_behind(site):
    """Over-long, direction-reversed and control-character comments leave no such text stored."""
    client = citizen(site, 1)
    for text in TEXTS:
        client.post(f"/ko/comments/on/{site.slug}/post/", {"text": text})

    # Read back in Python: a NUL in a LIKE pattern means nothing reliable to SQLite.
    stored = count(
        site.env,
        "from briefing.comments.models import Comment\n"
        "bad = [t for t in Comment.objects.values_list('text', flat=True)\n"
        "       if len(t) > 1000 or any(c in t for c in '\\u202e\\u202c\\x0b\\x0c\\x1b\\x00')]\n"
        "print(len(bad))",
    )
    assert stored == 0


def test_uploads_that_are_refused_leave_no_file(site):
    """A photo over the pixel limit and an attachment with a reversed extension: the form says
    why, no release is made and no file is left in MEDIA_ROOT."""
    from io import BytesIO

    from PIL import Image

    client = staff(site, "publisher", "198.51.100.92")
    before = media_files(site)
    form = FormReader.read(client.get("/admin/releases/release/add/").text, "release_form")
    huge = BytesIO()
    Image.new("1", (70_000, 1)).save(huge, "PNG")
    form.update(
        {
            "title_ko": "업로드 시험",
            "slug": "upload-attack",
            "body_ko": "<p>본문</p>",
            "photos-TOTAL_FORMS": "1",
            "attachments-TOTAL_FORMS": "1",
            "photos-0-caption_ko": "사진",
            "photos-0-alt_text_ko": "사진",
            "attachments-0-name": "",
        }
    )
    response = client.post(
        "/admin/releases/release/add/",
        form,
        files={
            "photos-0-image": ("wide.png", huge.getvalue(), "image/png"),
            "attachments-0-file": ("report\u202efdp.exe", b"MZ\x90\x00" * 64, "application/pdf"),
        },
    )

    assert response.status == 200, response
    assert "픽셀을 넘을 수 없습니다" in response.text
    assert "글자 방향을 바꾸는 문자" in response.text or "파일만 올릴 수 있고" in response.text
    assert media_files(site) == before
    assert (
        count(
            site.env,
            "from briefing.releases.models import Release\n"
            "print(Release.objects.filter(slug='upload-attack').count())",
        )
        == 0
    )


def test_files_of_unpublished_releases_are_not_served(site):
    """Draft, embargoed and withdrawn releases' photos and attachments: 404 to readers and
    citizens, sent to the second factor for an unverified publisher, served once verified."""
    anonymous, reader = visitor(site), citizen(site, 2)
    unverified = visitor(site, "198.51.100.93").sign_in("publisher", site.password)
    verified = staff(site, "publisher", "198.51.100.94")
    for url in site.private_files:
        assert anonymous.get(url).status == 404, url
        assert reader.get(url).status == 404, url
        assert "two-factor" in unverified.get(url).location, url
        assert verified.get(url).status == 200, url


# --- every worker agrees -------------------------------------------------------------------------


def test_sign_up_attempts_are_counted_by_every_worker_together(site):
    """The limit holds across both workers: attempts beyond it are refused, whichever answers."""
    prober = visitor(site, "198.51.100.150")
    statuses = []
    for number in range(SIGNUP_ATTEMPTS + 3):
        response = prober.post(
            "/ko/accounts/signup/",
            {
                "username": f"probe{number}",
                "email": "citizen0@example.com",
                "display_name": f"탐색{number}",
                "password1": "hostile-probe-pass-42",
                "password2": "hostile-probe-pass-42",
                "consent": "on",  # 개인정보 수집·이용 동의
            },
        )
        statuses.append(response.status)
        if response.status == 200:
            assert "이 아이디나 전자우편으로는 가입할 수 없습니다" in response.text
    assert statuses == [200] * SIGNUP_ATTEMPTS + [429] * 3


def test_a_comment_hidden_by_reports_disappears_from_every_worker_at_once(site):
    """Both workers served it; three reports hide it; no later anonymous request shows it."""
    author = citizen(site, 3)
    text = "조달청 해외진출 지원 설명회 일정을 지역별로 알려 주시면 좋겠습니다."
    author.post(f"/ko/comments/on/{site.slug}/post/", {"text": text})
    readers = [visitor(site, f"198.51.100.{160 + n}") for n in range(6)]
    assert all(text in reader.get(site.release).text for reader in readers)
    number = count(
        site.env,
        f"from briefing.comments.models import Comment\nprint(Comment.objects.get(text={text!r}).pk)",
    )

    for reporter in (4, 5, 6):
        citizen(site, reporter).post(f"/ko/comments/{number}/report/", {"rule": "4", "note": ""})

    assert not any(text in reader.get(site.release).text for reader in readers * 2)


def test_concurrent_writes_and_decisions_answer_without_503(site):
    """Citizens posting at the same moment, and two moderators deciding one held comment at
    once: every request is answered, the comment is decided exactly once."""
    writers = [citizen(site, number, f"198.51.100.{200 + number}") for number in range(7)]
    results = []

    def write(client, number):
        results.append(
            client.post(
                f"/ko/comments/on/{site.slug}/post/", {"text": f"{HONEST} 동시에 씁니다 {number}번"}
            ).status
        )

    threads = [threading.Thread(target=write, args=(c, n)) for n, c in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 7 and all(status < 500 for status in results), results

    writers[0].post(
        f"/ko/comments/on/{site.slug}/post/",
        {"text": "관련 자료는 http://example.com/pps-report 에서 확인하세요."},
    )
    held = count(
        site.env,
        "from briefing.comments.models import Comment\n"
        "print(Comment.objects.filter(status='held').latest('pk').pk)",
    )
    moderators = [staff(site, "mod1", "198.51.100.95"), staff(site, "mod2", "198.51.100.96")]
    decisions = []

    def decide(client):
        response = client.post(f"/ko/moderation/comments/{held}/approve/", {"version": "0"})
        decisions.append(response.status)

    threads = [threading.Thread(target=decide, args=(m,)) for m in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(status < 500 for status in decisions), decisions
    assert (
        count(
            site.env,
            "from briefing.moderation.models import AuditEntry\n"
            f"print(AuditEntry.objects.filter(comment_number={held}, action='approve').count())",
        )
        == 1
    )


def test_one_address_rotating_its_browser_counts_as_one_reader(site):
    """The popular-news ranking counts readers by address, not by User-Agent."""
    read = (
        "from django.db.models import Sum\nfrom briefing.pageviews.models import PageViewHour\n"
        f"print(PageViewHour.objects.filter(release__slug={site.slug!r}).aggregate(s=Sum('count'))"
        "['s'] or 0)"
    )
    before = count(site.env, read)
    for number in range(6):
        visitor(site, "198.51.100.240", user_agent=f"Browser/{number}").get(site.release)
    assert count(site.env, read) == before + 1


# --- accounts and roles --------------------------------------------------------------------------


def test_wrong_passwords_from_one_address_lock_only_that_address(site):
    """Twelve wrong passwords from an attacker: the attacker is refused even with the right one,
    the owner elsewhere signs in."""
    attacker = visitor(site, ATTACKER)
    for _attempt in range(12):
        attacker.post("/ko/accounts/login/", {"username": "citizen7", "password": "guess"})

    refused = attacker.post(
        "/ko/accounts/login/", {"username": "citizen7", "password": site.password}
    )
    assert refused.status == 200 and "잠시 로그인을 막았습니다" in refused.text
    visitor(site, "198.51.100.77").sign_in("citizen7", site.password)


def test_staff_pass_the_second_factor_and_cannot_bypass_the_desk(site):
    """The password alone opens nothing for a moderator; verified, the suspension admin is
    read-only and their comment shows no login name."""
    unverified = visitor(site, "198.51.100.97").sign_in("mod1", site.password)
    assert "two-factor" in unverified.get("/admin/").location
    assert "two-factor" in unverified.get("/ko/moderation/").location

    moderator = staff(site, "mod2", "198.51.100.98")
    assert moderator.get("/admin/").status == 200
    assert moderator.get("/admin/comments/suspension/add/").status == 403
    moderator.post(
        f"/ko/comments/on/{site.slug}/post/", {"text": "설명회 일정은 다음 주에 공지합니다."}
    )
    page = visitor(site, "198.51.100.99").get(f"/ko/comments/on/{site.slug}/").text
    assert "설명회 일정은 다음 주에 공지합니다" in page
    assert "mod2" not in page and "정책브리핑 직원" in page


def test_absolute_urls_come_from_site_url_whatever_the_host_header(site):
    """Another port on the allowed host changes no link; an unknown host is refused."""
    tricked = visitor(site).request("GET", site.release, headers={"Host": "127.0.0.1:9999"})
    assert "127.0.0.1:9999" not in tricked.text
    assert f'href="http://127.0.0.1:{site.port}{quote(site.release)}"' in tricked.text or (
        f"http://127.0.0.1:{site.port}" in tricked.text
    )
    assert (
        visitor(site).request("GET", site.release, headers={"Host": "evil.example"}).status == 400
    )


def test_the_desk_never_links_to_an_unsafe_next(site):
    """?next=javascript:… or another site falls back to the queue."""
    moderator = staff(site, "mod1", "198.51.100.100")
    number = count(
        site.env,
        "from briefing.comments.models import Comment\nprint(Comment.objects.latest('pk').pk)",
    )
    for target in ("javascript:alert(1)", "https://evil.example/", "//evil.example/"):
        page = moderator.get(f"/ko/moderation/comments/{number}/?next={quote(target)}").text
        assert f'href="{target}' not in page and "검토 목록으로" in page


# --- last: what the logs kept --------------------------------------------------------------------


def test_the_logs_keep_no_visitor_address_or_e_mail(site):
    """After every attack above, gunicorn's and Django's logs name no address and no e-mail."""
    logs = site.server.logs()
    assert "GET /ko/briefing/press-releases/" in logs  # the access log is on
    for address in ADDRESSES:
        assert address not in logs
    assert "@example.com" not in logs


class FormReader(HTMLParser):
    """The fields of one form as a browser would submit them unchanged."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, {}
        self.select = self.textarea = None

    @classmethod
    def read(cls, html, form_id) -> dict:
        reader = cls(form_id)
        reader.feed(html)
        return reader.fields

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("file", "submit", "checkbox", "radio"):
            self.fields.setdefault(attrs["name"], attrs.get("value") or "")
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio") and "checked" in attrs:
            self.fields[attrs["name"]] = attrs.get("value", "on")
        elif tag == "select":
            self.select = attrs["name"]
            self.fields.setdefault(self.select, "")
        elif tag == "option" and self.select:
            if "selected" in attrs or not self.fields.get(self.select):
                if attrs.get("value"):
                    self.fields[self.select] = attrs["value"]
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.fields[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.fields[self.textarea] += data
