"""Run inside the hostile suite's server environment (python -m tests.hostile.prepare): the
accounts, releases and files the attacks aim at. Prints one JSON line of what the tests need."""

import io
import json
from datetime import timedelta

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402
from PIL import Image  # noqa: E402

from briefing.comments.models import CitizenProfile  # noqa: E402
from briefing.releases.models import Attachment, Photo, Release  # noqa: E402

PASSWORD = "hostile-suite-pass-42"


def account(username, display_name=None, group=None, **extra):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", PASSWORD, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    if display_name:
        CitizenProfile.objects.create(
            user=user, display_name=display_name, email_verified_at=timezone.now()
        )
    return user


def authenticator(user):
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device.key


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "JPEG")
    return buffer.getvalue()


def release_with_files(slug, status, published_at, ministry):
    release = Release.objects.create(
        title_ko=f"{slug} 보도자료",
        slug=slug,
        ministry=ministry,
        body_ko="<p>본문</p>",
        status=status,
        published_at=published_at,
    )
    photo = Photo(release=release, caption_ko="사진", alt_text_ko="사진")
    photo.image.save(f"{slug}.jpg", ContentFile(jpeg()), save=True)
    attachment = Attachment(release=release, name=f"{slug}.pdf", kind="pdf")
    attachment.file.save(f"{slug}.pdf", ContentFile(b"%PDF-1.4 hostile"), save=True)
    return [photo.image.url, attachment.file.url]


call_command("loaddata", "seed", verbosity=0)
seed = Release.objects.get(slug="pps-overseas-procurement-record-2024")
for number in range(8):
    account(f"citizen{number}", f"시민{number}")
moderators = [account(f"mod{n}", group="Moderators", is_staff=True) for n in (1, 2)]
publisher = account("publisher", group="Publishers", is_staff=True)
now = timezone.now()
private_files = (
    release_with_files("draft-files", Release.Status.DRAFT, now, seed.ministry)
    + release_with_files(
        "embargoed-files", Release.Status.SCHEDULED, now + timedelta(days=3), seed.ministry
    )
    + release_with_files("withdrawn-files", Release.Status.PUBLISHED, now, seed.ministry)
)
withdrawn = Release.objects.get(slug="withdrawn-files")
withdrawn.status = Release.Status.WITHDRAWN
withdrawn.withdrawal_notice_ko = "철회"
withdrawn.save()
# What a paste from a word processor leaves in a title if something bypasses save():
Release.objects.filter(pk=seed.pk).update(title_ko=seed.title_ko + "\x0b\x0c\x1b")

print(
    json.dumps(
        {
            "password": PASSWORD,
            "release": seed.get_absolute_url(),
            "slug": seed.slug,
            "private_files": private_files,
            "keys": {
                "mod1": authenticator(moderators[0]),
                "mod2": authenticator(moderators[1]),
                "publisher": authenticator(publisher),
            },
        }
    )
)
