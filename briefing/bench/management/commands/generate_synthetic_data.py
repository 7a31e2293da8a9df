"""Fills the database with realistic synthetic content for benchmarks, quickly, in bulk.

Default scale: 10,000 releases over 50 ministries with photos and statistics, 500,000 comments
and 5,000 citizens. One release (slug `bench-500-comments`) carries exactly 500 public comments,
the page the benchmark measures. Works on SQLite and PostgreSQL (bulk_create in batches).
"""

import random
import time
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import BaseCommand, call_command
from django.db import connection, transaction
from django.utils import timezone

from briefing.comments.models import CitizenProfile, Comment
from briefing.comments.name_characters import name_key
from briefing.releases.html import sanitize_html
from briefing.releases.models import Ministry, Photo, Release, Statistic
from briefing.releases.search import refresh_derived_text

BATCH = 5000
SUBJECTS = [
    "해외조달시장", "혁신제품", "공공조달", "중소기업 수출", "청년 일자리", "탄소중립", "디지털 정부",
    "재난 안전", "농산물 가격", "해양 환경", "의료 인력", "교육 격차", "주거 안정", "관광 활성화",
]  # fmt: skip
ACTIONS = [
    "지원 확대",
    "성과 발표",
    "제도 개선",
    "현장 점검",
    "협약 체결",
    "계획 수립",
    "설명회 개최",
]
SENTENCES = [
    "{subject} 관련 정책의 추진 현황과 향후 계획을 발표하였다.",
    "올해는 전년 대비 {pct}% 늘어난 {n}개 기관이 참여할 예정이다.",
    "관계 부처는 현장의 의견을 반영하여 세부 과제를 보완해 나갈 계획이다.",
    "이번 조치로 국민 생활의 불편이 크게 줄어들 것으로 기대된다.",
    "자세한 내용은 누리집의 공지사항에서 확인할 수 있다.",
]
COMMENTS = [
    "좋은 정책이네요. 현장에서도 체감할 수 있으면 좋겠습니다.",
    "예산이 실제로 어디에 쓰이는지 더 자세히 공개해 주세요.",
    "작년 성과와 비교한 수치도 함께 알려주시면 좋겠습니다.",
    "중소기업 입장에서 신청 절차가 너무 복잡합니다. 간소화가 필요합니다.",
    "지역별 참여 현황은 어떻게 되나요?",
    "취지는 좋은데 실효성이 있을지 의문입니다.",
    "Thanks for the English version, very helpful.",
    "담당 부서 연락처로 문의했더니 친절하게 답변해 주셨습니다.",
]


class Command(BaseCommand):
    help = "Generate synthetic releases, citizens and comments for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--releases", type=int, default=10_000)
        parser.add_argument("--ministries", type=int, default=50)
        parser.add_argument("--comments", type=int, default=500_000)
        parser.add_argument("--citizens", type=int, default=5_000)
        parser.add_argument("--seed", type=int, default=20240221)

    def handle(self, *args, **options):
        started = time.monotonic()
        self.random = random.Random(options["seed"])  # noqa: S311 - reproducible fake data
        if not Ministry.objects.exists():
            call_command("loaddata", "seed", verbosity=0)
        ministries = list(Ministry.objects.order_by("order")[: options["ministries"]])
        template_photo = Photo.objects.order_by("pk").first()
        with transaction.atomic():
            releases = self._releases(options["releases"], ministries)
            self._photos_and_statistics(releases, template_photo)
            citizens = self._citizens(options["citizens"])
            self._comments(options["comments"], releases, citizens)
        # bulk_create sends no signals: each new release's page parts are stored now, as the
        # admin's saves would have had them stored by their first reader.
        call_command("store_page_parts", verbosity=0)
        # What autovacuum would do some minutes after a bulk load, done now so the benchmark
        # measures a settled database: fresh planner statistics (before them PostgreSQL believed
        # there were 13 releases, not 10,001) and, with VACUUM, the visibility map that lets deep
        # list pages read only the index (page 400: 8.4 ms before, 5.9 ms after).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        self.stdout.write(
            f"Generated {len(releases):,} releases, {len(citizens):,} citizens, "
            f"{options['comments']:,} comments in {time.monotonic() - started:.1f} s."
        )

    def _releases(self, count, ministries):
        now = timezone.now()
        rows = []
        for index in range(count):
            subject = self.random.choice(SUBJECTS)
            title = f"{subject} {self.random.choice(ACTIONS)} ({index + 1:05d})"
            # About 1,400 characters, near the seed announcement's 1,963: search scans and page
            # renders are measured on bodies of a real release's size.
            paragraphs = [
                " ".join(
                    sentence.format(
                        subject=subject,
                        pct=self.random.randint(1, 40),
                        n=self.random.randint(5, 900),
                    )
                    for sentence in self.random.sample(SENTENCES, 3)
                )
                for _paragraph in range(12)
            ]
            body = sanitize_html("".join(f"<p>{p}</p>" for p in paragraphs))
            published = now - timedelta(minutes=37 * (count - index))
            rows.append(Release(
                title=title, title_ko=title, title_en=f"{subject} (release {index + 1})",
                slug=f"bench-{index + 1:05d}", ministry=self.random.choice(ministries),
                published_at=published, body=body, body_ko=body, status=Release.Status.PUBLISHED,
                attribution_ko="이 자료는 보도자료를 전재하여 제공함을 알려드립니다.",
            ))  # fmt: skip
        rows[-1].slug = "bench-500-comments"
        for release in rows:  # bulk_create skips the pre_save receiver that keeps these columns
            refresh_derived_text(release)
        Release.objects.bulk_create(rows, batch_size=BATCH)
        return list(Release.objects.filter(slug__startswith="bench-").order_by("published_at"))

    def _photos_and_statistics(self, releases, template_photo):
        photos, statistics = [], []
        for release in releases:
            if template_photo is not None:
                photos.append(Photo(
                    release=release, image=template_photo.image.name, width=template_photo.width,
                    height=template_photo.height, renditions=template_photo.renditions,
                    caption_ko="▶ 행사 모습", alt_text_ko="행사 참석자들이 기념촬영을 하는 모습",
                    caption="▶ 행사 모습", alt_text="행사 참석자들이 기념촬영을 하는 모습",
                    after_block=1, order=1,
                ))  # fmt: skip
            for order in (1, 2):
                value = Decimal(self.random.randint(1, 99_999))
                statistics.append(Statistic(
                    release=release, label=f"지표 {order}", label_ko=f"지표 {order}", value=value,
                    unit="건", unit_ko="건", as_of="2025년", as_of_ko="2025년",
                    change_percent=Decimal(self.random.randint(-200, 400)) / 10, order=order,
                ))  # fmt: skip
        Photo.objects.bulk_create(photos, batch_size=BATCH)
        Statistic.objects.bulk_create(statistics, batch_size=BATCH)

    def _citizens(self, count):
        User = get_user_model()
        password = make_password("bench-citizen-password")  # hashed once: hashing is slow by design
        joined = timezone.now() - timedelta(days=400)
        User.objects.bulk_create(
            [User(username=f"bench-citizen-{i:05d}", password=password, date_joined=joined) for i in range(count)],
            batch_size=BATCH,
        )  # fmt: skip
        citizens = list(User.objects.filter(username__startswith="bench-citizen-").order_by("pk"))
        CitizenProfile.objects.bulk_create(
            [
                # bulk_create skips save(), which fills name_key for every other profile.
                CitizenProfile(
                    user=user,
                    display_name=f"시민{user.pk}",
                    name_key=name_key(f"시민{user.pk}"),
                    email_verified_at=joined,
                )
                for user in citizens
            ],
            batch_size=BATCH,
        )
        return citizens

    def _comments(self, count, releases, citizens):
        if not count or not citizens:
            return
        showcase, others = releases[-1], releases[:-1]
        now = timezone.now()
        batch = []
        for index in range(count):
            release = showcase if index < 500 else self.random.choice(others)
            batch.append(Comment(
                release=release, author=self.random.choice(citizens),
                text=self.random.choice(COMMENTS), status=Comment.Status.PUBLISHED,
                created_at=now - timedelta(seconds=index * 7),
            ))  # fmt: skip
            if len(batch) >= BATCH:
                Comment.objects.bulk_create(batch)
                batch = []
        Comment.objects.bulk_create(batch)
