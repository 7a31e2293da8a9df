"""Two instances mirror each other's open data (issue 18): each publishes, each imports the
other's feed twice, then again once one of them has withdrawn a release.

A (http://a.example, instance 1) and B (http://b.example, instance 2) are real, separate runs of
this project (instances.py): own processes, databases, media folders and settings. The whole
trip runs once per module (the `trip` fixture); each test below checks one thing an operator of
either site, or a consumer of either feed, would notice.

The contract read here is common.md's: every NewsItem carries NewsItemSource, KoglType, Withdrawn
and WithdrawnDate; a withdrawn release stays in the feed, marked, with its notice as DataContents;
the importer matches on (source, id), reports created / updated / unchanged / skipped, and
leaves this site's own items alone when they come back in somebody else's feed.
"""

import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from defusedxml import ElementTree

from tests.opendata.instances import Instance, databases, migrate_all

SEOUL = ZoneInfo("Asia/Seoul")
A_HOST, B_HOST = "a.example", "b.example"
A_RANGE = range(9_010_000_001, 9_020_000_000)
B_RANGE = range(9_020_000_001, 9_030_000_000)
NOTICE = "사실관계를 다시 확인하기 위해 게시를 철회합니다."

#: What each instance publishes: (slug, title, keyword arguments of instances.publish).
A_RELEASES = [
    ("a-two-photos", "가 기관 사진 두 장", {"photos": 2}),
    ("a-one-photo", "가 기관 사진 한 장", {"photos": 1, "licence": 3, "ministry": "A00002"}),
    ("a-withdrawn", "가 기관 철회될 자료", {}),
]
B_RELEASES = [
    ("b-one-photo", "나 기관 사진 한 장", {"photos": 1, "licence": 2}),
    ("b-plain", "나 기관 사진 없는 자료", {"ministry": "A00002"}),
]
RELEASES = {"a": A_RELEASES, "b": B_RELEASES}


@dataclass
class Import:
    into: str
    feed: str
    returncode: int
    output: str
    before: dict
    after: dict
    items: int

    @property
    def total(self) -> dict:
        """The counts of the command's `Total:` line, by name ({} when it printed none)."""
        lines = self.output.splitlines()
        # One file per run: its own summary line says the same as the total.
        summary = [line for line in lines if line.startswith("Total:")] or [
            line for line in lines if re.search(r"\bcreated \d+", line)
        ]
        return {
            name.strip(): int(count)
            for name, count in re.findall(r"([a-z][a-z ]*?) (\d+)", summary[-1] if summary else "")
        }

    def __str__(self):
        return f"{self.into} importing {self.feed}:\n{self.output}"


@dataclass
class Trip:
    published: dict = field(default_factory=dict)
    withdrawn_at: datetime | None = None
    feeds: dict = field(default_factory=dict)
    imports: list = field(default_factory=list)
    states: dict = field(default_factory=dict)
    withdrawn_page: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)

    def import_twice(self, instance: Instance, feed: str) -> None:
        """Import the feed, then the same file again; the state after the first is the second's
        before (nothing else runs in between)."""
        states = [instance.state()]
        for _twice in range(2):
            returncode, output = instance.import_(self.feeds[feed])
            states.append(instance.state())
            self.imports.append(
                Import(
                    into=instance.name,
                    feed=feed,
                    returncode=returncode,
                    output=output,
                    before=states[-2],
                    after=states[-1],
                    items=len(feed_items(self.feeds[feed])),
                )
            )

    def imports_of(self, into: str, feed: str) -> list[Import]:
        return [done for done in self.imports if (done.into, done.feed) == (into, feed)]


def feed_items(path: Path) -> list[dict]:
    """The feed's NewsItems as dicts; FileName / FileUrl as lists."""
    root = ElementTree.parse(path).getroot()
    items = []
    for element in root.iterfind("body/NewsItem"):
        item = {"FileName": [], "FileUrl": []}
        for child in element:
            text = (child.text or "").strip()
            if child.tag in ("FileName", "FileUrl"):
                item[child.tag].append(text)
            else:
                item[child.tag] = text
        items.append(item)
    return items


def publish_all(instance: Instance, releases) -> list[dict]:
    calls = "\n".join(
        f"published.append(side.publish({slug!r}, {title!r}, **{options!r}))"
        for slug, title, options in releases
    )
    return instance.run(f"side.prepare()\npublished = []\n{calls}\nside.emit(published)")


@pytest.fixture(scope="module")
def trip(tmp_path_factory):
    root = tmp_path_factory.mktemp("round-trip")
    trip = Trip()
    started = time.monotonic()
    with databases(["a", "b"], os.environ.get("DATABASE_URL", ""), root) as (url_a, url_b):
        a = Instance("a", A_HOST, 1, url_a, root / "a")
        b = Instance("b", B_HOST, 2, url_b, root / "b")
        migrate_all([a, b])
        trip.timings["migrate both"] = time.monotonic() - started
        phase = time.monotonic()

        trip.published = {"a": publish_all(a, A_RELEASES), "b": publish_all(b, B_RELEASES)}
        trip.states["a published"], trip.states["b published"] = a.state(), b.state()
        trip.timings["publish"], phase = time.monotonic() - phase, time.monotonic()

        # Round one: each mirrors the other, twice.
        trip.feeds["a1"], trip.feeds["b1"] = a.feed(), b.feed()
        trip.import_twice(b, "a1")
        trip.import_twice(a, "b1")
        trip.timings["round one"], phase = time.monotonic() - phase, time.monotonic()

        # A withdraws a release; round two carries the withdrawal to B and, through B's feed,
        # A's own items back to A.
        withdrawn = next(item for item in trip.published["a"] if item["slug"] == "a-withdrawn")
        answer = a.run(f"side.emit(side.withdraw({withdrawn['news_item_id']}, {NOTICE!r}))")
        trip.withdrawn_at = datetime.fromisoformat(answer["withdrawn_at"])
        trip.feeds["a2"] = a.feed()
        trip.import_twice(b, "a2")
        trip.feeds["b2"] = b.feed()
        trip.import_twice(a, "b2")
        trip.feeds["a3"] = a.feed()
        trip.timings["round two"] = time.monotonic() - phase

        # Feeds write nothing: the states after the last imports are the final ones.
        trip.states["a end"] = trip.imports_of("a", "b2")[-1].after
        trip.states["b end"] = trip.imports_of("b", "a2")[-1].after
        mirrored = [
            release
            for release in trip.states["b end"]["releases"]
            if release["news_item_id"] == withdrawn["news_item_id"]
        ]
        if mirrored:
            trip.withdrawn_page = b.run(f"side.page({mirrored[0]['slug']!r}, {B_HOST!r})")
    trip.timings["whole trip"] = time.monotonic() - started
    print("\nround trip timings:", {name: f"{s:.1f} s" for name, s in trip.timings.items()})
    return trip


def own(state) -> list[dict]:
    return [release for release in state["releases"] if release["news_item_source"] == ""]


def imported(state) -> list[dict]:
    return [release for release in state["releases"] if release["news_item_source"] != ""]


def ids(published) -> set[int]:
    return {item["news_item_id"] for item in published}


def test_each_instance_gives_its_releases_ids_from_its_own_range(trip):
    a_ids, b_ids = ids(trip.published["a"]), ids(trip.published["b"])
    assert len(a_ids) == len(A_RELEASES) and len(b_ids) == len(B_RELEASES)
    assert all(news_item_id in A_RANGE for news_item_id in a_ids)
    assert all(news_item_id in B_RANGE for news_item_id in b_ids)
    assert not a_ids & b_ids
    # The ids never change: after all the imports, each own release still has the one it got.
    assert {r["news_item_id"] for r in own(trip.states["a end"])} == a_ids
    assert {r["news_item_id"] for r in own(trip.states["b end"])} == b_ids


def test_every_import_exits_zero_and_prints_its_summary(trip):
    assert len(trip.imports) == 8
    for done in trip.imports:
        assert done.returncode == 0, str(done)
        assert done.total, str(done)


def test_the_first_import_creates_each_of_the_others_releases(trip):
    (b_first, _), (a_first, _) = trip.imports_of("b", "a1"), trip.imports_of("a", "b1")
    assert b_first.total.get("created") == len(A_RELEASES), str(b_first)
    assert a_first.total.get("created") == len(B_RELEASES), str(a_first)


def test_importing_a_feed_again_changes_nothing(trip):
    for into, feed in (("b", "a1"), ("a", "b1"), ("b", "a2"), ("a", "b2")):
        again = trip.imports_of(into, feed)[1]
        assert again.after == again.before, str(again)
        assert (again.total.get("created"), again.total.get("updated")) == (0, 0), str(again)


def test_importing_a_feed_again_reports_every_item_unchanged(trip):
    """The second import of a feed of the other's releases is a no-op, and says so: every item
    "unchanged", none "skipped" as if something were wrong with it."""
    for into, feed in (("b", "a1"), ("a", "b1")):
        again = trip.imports_of(into, feed)[1]
        assert again.total.get("unchanged") == again.items == len(RELEASES[feed[0]]), str(again)
        assert again.total.get("skipped") == 0, str(again)


def releases_by_pk(state) -> dict:
    return {release["pk"]: release for release in state["releases"]}


@pytest.mark.parametrize(("into", "feed"), [("b", "a2"), ("a", "b2")])
def test_a_feed_holding_our_own_releases_changes_nothing_of_ours(trip, into, feed):
    """After round one each mirrors the other, so each one's feed lists the other's releases
    too: those are the importer's own and come back unchanged, neither duplicated nor touched.
    The only change B may take from A's second feed is A's withdrawal."""
    withdrawn = withdrawn_id(trip)
    for done in trip.imports_of(into, feed):
        before, after = releases_by_pk(done.before), releases_by_pk(done.after)
        assert after.keys() == before.keys(), str(done)
        for pk, release in before.items():
            if (release["news_item_source"], release["news_item_id"]) != (A_HOST, withdrawn):
                assert after[pk] == release, str(done)
        assert done.total.get("created") == 0, str(done)
        # Every item is accounted for: the other's as unchanged (or, once, the withdrawal as
        # updated), our own as unchanged or skipped as this site's.
        counted = sum(done.total.get(name, 0) for name in ("updated", "unchanged", "skipped"))
        assert counted == done.items == len(A_RELEASES) + len(B_RELEASES), str(done)


def test_after_two_rounds_each_holds_exactly_its_own_and_the_others(trip):
    for name, host, mine, theirs in (
        ("a", B_HOST, A_RELEASES, B_RELEASES),
        ("b", A_HOST, B_RELEASES, A_RELEASES),
    ):
        state = trip.states[f"{name} end"]
        sources = Counter(release["news_item_source"] for release in state["releases"])
        assert sources == {"": len(mine), host: len(theirs)}, f"{name}: {sources}"


def test_imported_releases_keep_their_sources_id_and_name(trip):
    for name, source, published in (("a", B_HOST, "b"), ("b", A_HOST, "a")):
        pairs = {
            (r["news_item_source"], r["news_item_id"]) for r in imported(trip.states[f"{name} end"])
        }
        assert pairs == {(source, news_item_id) for news_item_id in ids(trip.published[published])}


def test_each_feed_names_every_items_source_and_licence(trip):
    """NewsItemSource is who gave the id: the site itself for its own, the source for a mirrored
    one; KoglType is the release's 공공누리 type."""
    licences = {
        slug: options.get("licence", 1) for slug, _title, options in A_RELEASES + B_RELEASES
    }
    by_id = {
        item["news_item_id"]: (host, licences[item["slug"]])
        for host, name in ((A_HOST, "a"), (B_HOST, "b"))
        for item in trip.published[name]
    }
    for feed in ("a1", "b1", "a2", "b2", "a3"):
        for item in feed_items(trip.feeds[feed]):
            source, licence = by_id[int(item["NewsItemId"])]
            assert item.get("NewsItemSource") == source, f"{feed}: {item['NewsItemId']}"
            assert item.get("KoglType") == str(licence), f"{feed}: {item['NewsItemId']}"


def test_each_feed_lists_every_release_once(trip):
    """No (source, NewsItemId) pair twice in any feed, and each feed lists each release its
    instance holds exactly once: its own first, its own and the mirrored ones after round one."""
    every = ids(trip.published["a"]) | ids(trip.published["b"])
    expected = {"a1": ids(trip.published["a"]), "b1": ids(trip.published["b"])}
    for feed, path in trip.feeds.items():
        items = feed_items(path)
        pairs = Counter((item.get("NewsItemSource"), item["NewsItemId"]) for item in items)
        assert all(count == 1 for count in pairs.values()), f"{feed}: {pairs}"
        listed = Counter(int(item["NewsItemId"]) for item in items)
        assert listed == dict.fromkeys(expected.get(feed, every), 1), feed


def test_the_database_holds_every_source_and_id_pair_once(trip):
    """Stored with the site's own name filled in, as the feed names them: A's own releases and
    A's releases mirrored back from B would be the same pair."""
    for name, host in (("a", A_HOST), ("b", B_HOST)):
        releases = trip.states[f"{name} end"]["releases"]
        pairs = Counter((r["news_item_source"] or host, r["news_item_id"]) for r in releases)
        assert all(count == 1 for count in pairs.values()), f"{name}: {pairs}"


@pytest.mark.parametrize("name", ["a", "b"])
def test_local_releases_their_photos_and_files_survive_every_import(trip, name):
    """Every release made here, photos, renditions and files on disk included, is exactly as it
    was published before and after every import (A's withdrawn one changes by its withdrawal)."""
    published = own(trip.states[f"{name} published"])
    photo_counts = {slug: options.get("photos", 0) for slug, _t, options in A_RELEASES + B_RELEASES}
    assert [len(r["photos"]) for r in published] == [photo_counts[r["slug"]] for r in published]
    assert all(all(files.values()) for r in published for files in r["photos"])
    untouched = {r["pk"]: r for r in published if r["slug"] != "a-withdrawn"}
    for done in (done for done in trip.imports if done.into == name):
        for state in (done.before, done.after):
            now = {r["pk"]: r for r in own(state) if r["pk"] in untouched}
            assert now == untouched, str(done)
    photos_at_end = {r["pk"]: r["photos"] for r in own(trip.states[f"{name} end"])}
    assert photos_at_end == {r["pk"]: r["photos"] for r in published}


def withdrawn_item(feed_path, news_item_id) -> dict:
    found = [i for i in feed_items(feed_path) if i["NewsItemId"] == str(news_item_id)]
    assert found, f"{news_item_id} is not in {feed_path.name}"
    return found[0]


def assert_only_the_notice(item):
    """A withdrawn item carries its notice in place of the body: no text of it, no photos, no
    files."""
    contents = item["DataContents"]
    assert f"<p>{NOTICE}</p>" in contents
    assert "첫 문단" not in contents and "<img" not in contents
    assert item["FileName"] == [] == item["FileUrl"]


def withdrawn_id(trip) -> int:
    return next(i["news_item_id"] for i in trip.published["a"] if i["slug"] == "a-withdrawn")


def test_a_withdrawn_release_stays_in_its_feed_marked_withdrawn(trip):
    """Withdrawn seconds after publication, on purpose: the withdrawal itself is the change a
    mirror must see (ModifyId up, ContentsStatus U), however soon it follows."""
    before = withdrawn_item(trip.feeds["a1"], withdrawn_id(trip))
    assert (before.get("Withdrawn"), before.get("WithdrawnDate")) == ("N", "")
    item = withdrawn_item(trip.feeds["a2"], withdrawn_id(trip))
    when = trip.withdrawn_at.astimezone(SEOUL).strftime("%m/%d/%Y %H:%M:%S")
    assert (item.get("Withdrawn"), item.get("WithdrawnDate")) == ("Y", when)
    assert item["ContentsStatus"] == "U"
    assert int(item["ModifyId"]) > int(before["ModifyId"])
    assert item["ModifyDate"] == when
    assert item["Title"] == before["Title"]
    assert_only_the_notice(item)
    # A's own release stays withdrawn, whatever came back from B's feed.
    (own_copy,) = [r for r in own(trip.states["a end"]) if r["slug"] == "a-withdrawn"]
    assert (own_copy["status"], own_copy["withdrawal_notice"]) == ("withdrawn", NOTICE)


def test_a_withdrawal_reaches_the_mirror_with_its_notice(trip):
    first = trip.imports_of("b", "a2")[0]
    assert first.total.get("updated") == 1, str(first)
    mirrored = [
        r for r in trip.states["b end"]["releases"] if r["news_item_id"] == withdrawn_id(trip)
    ]
    assert [(r["news_item_source"], r["status"]) for r in mirrored] == [(A_HOST, "withdrawn")]
    assert NOTICE in mirrored[0]["withdrawal_notice"]
    # A reader of the mirror sees the notice at the release's address.
    assert trip.withdrawn_page.get("status") == 200
    assert NOTICE in trip.withdrawn_page["html"]


def test_the_mirrors_feed_passes_the_withdrawal_on(trip):
    item = withdrawn_item(trip.feeds["b2"], withdrawn_id(trip))
    assert (item.get("NewsItemSource"), item.get("Withdrawn")) == (A_HOST, "Y")
    # The date of the withdrawal, not of its import.
    at_source = withdrawn_item(trip.feeds["a2"], withdrawn_id(trip))
    assert item.get("WithdrawnDate") == at_source.get("WithdrawnDate")
    assert_only_the_notice(item)
