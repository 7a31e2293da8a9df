"""Makes the Wagtail peer's content from content.json, through Wagtail's own API: images from our
photo files with their renditions made ahead (as after an editor's first preview), documents,
pages published in the tree, comments (once; bench/run.py checks a stamp)."""

import os
import sys
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import django

django.setup()

import peercommon  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402 - after setup
from django.db import transaction  # noqa: E402
from wagtail.documents.models import Document  # noqa: E402
from wagtail.images.models import Image  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402

from wagtailpeer.models import (  # noqa: E402
    Ministry,
    ReaderComment,
    ReleaseAttachment,
    ReleaseContact,
    ReleaseIndexPage,
    ReleasePage,
    ReleaseStatistic,
)

RENDITION = "width-1200"  # the template's filter


def _amount(bar):
    """A figure whose bar our chart draws at the same length (its unit's largest is 100)."""
    return Decimal(bar["percent"] or "100")


def _image(part, media):
    source = Path(media) / part["src"].removeprefix("/media/")
    image = Image(title=part["alt"])
    image.file.save(source.name, ContentFile(source.read_bytes()), save=False)
    image.width, image.height = part["width"], part["height"]
    image.save()
    image.get_rendition(RENDITION)
    return image


@transaction.atomic
def load(slug, media):
    data = peercommon.content()
    home = Site.objects.get(is_default_site=True).root_page
    for old in Page.objects.child_of(home):  # a reload replaces everything
        old.delete()
    Image.objects.all().delete()  # Wagtail deletes their files and renditions with them
    Document.objects.all().delete()
    index = home.add_child(instance=ReleaseIndexPage(title="보도자료", slug="press-releases"))
    ministry, _ = Ministry.objects.get_or_create(
        code=data["ministry_code"], defaults={"name": data["ministry"]}
    )
    body = []
    for part in data["parts"]:
        if part["kind"] == "html":
            body.append(("paragraph", RichText(part["html"])))
        elif part["kind"] == "photo":
            image = _image(part, media)
            body.append(("photo", {
                "image": image, "alt": part["alt"], "caption": part["caption"],
                "credit": part["credit"],
            }))  # fmt: skip
        else:
            body.append(("footnote", part["text"]))
    for name, step in (("older", -1), ("newer", 1)):
        if data[name]:
            index.add_child(instance=ReleasePage(
                title=data[name]["title"], slug=data[name]["slug"], ministry=ministry,
                published_at=data["published_at"] + timedelta(hours=step),
            ))  # fmt: skip
    page = index.add_child(instance=ReleasePage(
        title=data["title"], slug=slug, subtitle="\n".join(data["subtitles"]), ministry=ministry,
        published_at=data["published_at"], body=body, attribution=data["attribution"],
    ))  # fmt: skip
    # Each figure's unit and amount, which the chart groups and measures: from our chart.
    units = {bar["label"]: (group["unit"], bar) for group in data["statistics"]["chart"]
             for bar in group["bars"]}  # fmt: skip
    for order, row in enumerate(data["statistics"]["rows"]):
        unit, bar = units[row["label"]]
        ReleaseStatistic.objects.create(
            page=page, sort_order=order, label=row["label"], value=row["value"],
            amount=_amount(bar), unit=unit, record_high=row["record_high"], as_of=row["as_of"],
            change=row["change"], note=row["note"],
        )  # fmt: skip
    for order, contact in enumerate(data["contacts"]):
        ReleaseContact.objects.create(page=page, sort_order=order, **contact)
    for order, attachment in enumerate(data["attachments"]):
        document = Document(title=attachment["name"])
        name = f"{attachment['name']}.{attachment['kind']}"
        document.file.save(name, ContentFile(b"%PDF-1.4 peer placeholder\n"), save=False)
        document.save()
        ReleaseAttachment.objects.create(page=page, sort_order=order, document=document)
    ReaderComment.objects.bulk_create(
        ReaderComment(page=page, author=c["author"], text=c["text"], created_at=c["created_at"])
        for c in peercommon.all_comments(data)
    )


if __name__ == "__main__":
    load(sys.argv[1], os.environ["PEER_OUR_MEDIA"])
