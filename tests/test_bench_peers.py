"""The benchmark's peers (bench/run.py --peers) copy our release page from the page itself
(bench/peers/content.py): every part a reader sees must come across, and the peers' template must
give it back, or the peers would be measured on a lighter page than ours."""

import html
import re
import sys
from pathlib import Path

import pytest
from django.template import Context, Engine

from briefing.comments.models import Comment
from briefing.releases.models import Statistic

PEERS = Path(__file__).resolve().parent.parent / "bench" / "peers"
sys.path.insert(0, str(PEERS))
import content  # noqa: E402 - bench/peers/content.py
import peercommon  # noqa: E402 - the peers' shared code, importable without their venv


def _article_body(page):
    return re.search(r'<div class="article-body".*?<p class="remark"', page, re.S).group(0)


def _words(markup):
    return html.unescape(re.sub(r"<[^>]+>", " ", markup)).split()


@pytest.fixture
def seed_page(client, seed, make_citizen):
    citizen = make_citizen("reader", "읽는사람")
    for index in range(3):
        Comment.objects.create(
            release=seed, author=citizen, text=f"의견 {index}번입니다.",
            status=Comment.Status.PUBLISHED,
        )  # fmt: skip
    response = client.get(seed.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_peers_read_every_part_of_our_release_page(seed, seed_page):
    page = content.extract(seed_page)
    assert page["title"] == seed.title
    assert page["subtitles"] == seed.subtitle_lines
    assert page["ministry"] == seed.ministry.name
    photos = [part for part in page["parts"] if part["kind"] == "photo"]
    assert [p["alt"] for p in photos] == [p.alt_text for p in seed.photos.order_by("order")]
    assert all(p["src"].startswith("/media/") and p["width"] > 0 for p in photos)
    body = "".join(part.get("html", "") for part in page["parts"])
    assert "조달청" in body and body.count("<p") >= 3
    assert any("G-PASS" in part.get("text", "") + part.get("html", "") for part in page["parts"])
    assert [c["phone"] for c in page["contacts"]] == [c.phone for c in seed.contacts.all()]
    labels = list(Statistic.objects.filter(release=seed).order_by("order").values_list("label"))
    assert [row["label"] for row in page["statistics"]["rows"]] == [label for (label,) in labels]
    assert page["comment_count"] == 3
    assert {c["text"] for c in page["comments"]} == {f"의견 {i}번입니다." for i in range(3)}
    assert page["attribution"] in seed_page


def test_the_peers_page_carries_what_ours_does(seed_page, tmp_path, monkeypatch):
    """The bare peer's render (the peers' one template, from content.json) holds the same
    content as our page, and about its bytes."""
    page_file = tmp_path / "page.html"
    page_file.write_text(seed_page, encoding="utf-8")
    content.write(page_file, tmp_path / "data")
    monkeypatch.setattr(peercommon, "DATA", tmp_path / "data")
    peercommon.content.cache_clear()
    peercommon._chrome.cache_clear()  # noqa: SLF001 - the per-worker cache, emptied for the test
    engine = Engine(dirs=[str(PEERS / "templates")], autoescape=True)
    context = {
        **peercommon.page_context(peercommon.content()),
        **peercommon.chrome(None),
        "page_path": "/p/",
        "page_url": "http://127.0.0.1/p/",
    }
    rendered = engine.get_template("peer/page.html").render(Context(context))
    ours, theirs = content.extract(seed_page), content.extract(rendered)
    assert theirs == ours
    # Not only what the extractor sees: the article body reads the same, word for word.
    assert _words(_article_body(rendered)) == _words(_article_body(seed_page))
    assert 0.9 < len(rendered.encode()) / len(seed_page.encode()) < 1.1
    peercommon.content.cache_clear()
    peercommon._chrome.cache_clear()  # noqa: SLF001
