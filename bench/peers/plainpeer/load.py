"""Loads content.json into the plain peer's database (once; bench/run.py checks a stamp)."""

import django

django.setup()

from datetime import timedelta  # noqa: E402

import peercommon  # noqa: E402
from django.db import transaction  # noqa: E402 - after setup

from plainpeer.models import Comment, Ministry, Photo, Release  # noqa: E402


@transaction.atomic
def load(slug):
    data = peercommon.content()
    Release.objects.all().delete()
    ministry, _ = Ministry.objects.get_or_create(
        code=data["ministry_code"], defaults={"name": data["ministry"]}
    )
    blocks, photos = [], []
    for part in data["parts"]:
        if part["kind"] == "html":
            blocks.append(part["html"])
        elif part["kind"] == "photo":
            fields = {k: part[k] for k in ("src", "width", "height", "alt", "caption", "credit")}
            photos.append(Photo(after_block=len(blocks), order=len(photos), **fields))
    footnote, footnote_after = "", 0
    for part in data["parts"]:
        if part["kind"] == "html":
            footnote_after += not footnote
        elif part["kind"] == "footnote":
            footnote = part["text"]
    release = Release.objects.create(
        slug=slug, title=data["title"], subtitle="\n".join(data["subtitles"]),
        ministry=ministry, published_at=data["published_at"], blocks=blocks,
        footnote=footnote, footnote_after=footnote_after, attribution=data["attribution"],
        statistics=data["statistics"]["rows"], chart=data["statistics"]["chart"],
        contacts=data["contacts"], attachments=data["attachments"],
        comment_count=data["comment_count"],
    )  # fmt: skip
    for name, step in (("older", -1), ("newer", 1)):
        if data[name]:  # the neighbours, with just what the page shows of them
            Release.objects.create(
                slug=data[name]["slug"], title=data[name]["title"], ministry=ministry,
                published_at=data["published_at"] + timedelta(hours=step),
            )  # fmt: skip
    for photo in photos:
        photo.release = release
    Photo.objects.bulk_create(photos)
    # As many comments as our page counts: the first page is the page's, the rest repeat it
    # further back in time, so the query reads one page from an index as ours must.
    Comment.objects.bulk_create(
        Comment(release=release, author=c["author"], text=c["text"], created_at=c["created_at"])
        for c in peercommon.all_comments(data)
    )


if __name__ == "__main__":
    import sys

    load(sys.argv[1])
