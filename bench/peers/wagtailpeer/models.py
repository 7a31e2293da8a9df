"""Our release page as Wagtail models it: a page with a StreamField body (rich text, photos
through Wagtail images and renditions, footnote), the ministry as a snippet, statistics,
contacts and attachments (Wagtail documents) as inline orderables, and readers' comments as a
plain model beside the page (Wagtail has none of its own)."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.snippets.models import register_snippet

COMMENTS_PER_PAGE = 20


@register_snippet
class Ministry(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class PhotoBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock()
    caption = blocks.CharBlock()
    credit = blocks.CharBlock(required=False)


class ReleaseIndexPage(Page):
    subpage_types = ["wagtailpeer.ReleasePage"]


class ReleasePage(Page):
    subtitle = models.TextField(blank=True)
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT, null=True)
    published_at = models.DateTimeField()
    body = StreamField([
        ("paragraph", blocks.RichTextBlock()),
        ("photo", PhotoBlock()),
        ("footnote", blocks.TextBlock()),
    ], blank=True)  # fmt: skip
    attribution = models.CharField(max_length=300, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("ministry"),
        FieldPanel("published_at"),
        FieldPanel("body"),
        FieldPanel("attribution"),
        InlinePanel("statistics"),
        InlinePanel("contacts"),
        InlinePanel("attachments"),
    ]
    parent_page_types = ["wagtailpeer.ReleaseIndexPage"]

    class Meta:
        indexes = [models.Index(fields=["published_at", "page_ptr"])]

    def _neighbour(self, newer):
        same = models.Q(published_at=self.published_at)
        if newer:
            after = models.Q(published_at__gt=self.published_at) | same & models.Q(pk__gt=self.pk)
            order = ("published_at", "pk")
        else:
            after = models.Q(published_at__lt=self.published_at) | same & models.Q(pk__lt=self.pk)
            order = ("-published_at", "-pk")
        page = ReleasePage.objects.live().filter(after).order_by(*order).first()
        return page and {"title": page.title, "url": page.url}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        statistics = list(self.statistics.all())
        photos = 0
        body = []
        for block in self.body:
            photos += block.block_type == "photo"
            body.append((block, photos))
        count = self.comments.count()
        path = self.url
        context.update(
            r=self,
            ministry=self.ministry,
            subtitles=self.subtitle.splitlines(),
            body=body,
            statistics=statistics,
            chart=chart(statistics),
            contacts=self.contacts.all(),
            attachments=[
                {
                    "name": a.document.title,
                    "kind": a.document.file_extension,
                    "size": f"{a.document.file_size // 1024}KB",
                    "url": a.document.url,
                }
                for a in self.attachments.select_related("document")
            ],  # fmt: skip
            comment_count=count,
            comments=self.comments.order_by("-created_at", "id")[:COMMENTS_PER_PAGE],
            comment_pages=-(-count // COMMENTS_PER_PAGE),
            older=self._neighbour(newer=False),
            newer=self._neighbour(newer=True),
            page_path=path,
            page_url=request.build_absolute_uri(path),
        )
        return context


def chart(statistics):
    """The figures by unit, in the order each unit first appears, each unit with its own scale
    and no bar for a unit with one figure: what our page draws."""
    groups = {}
    for statistic in statistics:
        groups.setdefault(statistic.unit, []).append(statistic)
    drawn = []
    for unit, members in groups.items():
        top = max(abs(s.amount) for s in members)
        bars = [
            {"label": s.label, "value": s.value, "record_high": s.record_high,
             "percent": f"{max(1.0, float(abs(s.amount) / top * 100)):.2f}"
             if len(members) > 1 and top else None}
            for s in members
        ]  # fmt: skip
        drawn.append({"unit": unit, "bars": bars})
    return drawn


class ReleaseStatistic(Orderable):
    page = ParentalKey(ReleasePage, on_delete=models.CASCADE, related_name="statistics")
    label = models.CharField(max_length=200)
    value = models.CharField(max_length=100)  # as shown: "53,067 건"
    amount = models.DecimalField(max_digits=20, decimal_places=4)  # for the bar chart
    unit = models.CharField(max_length=40)
    record_high = models.BooleanField(default=False)
    as_of = models.CharField(max_length=100, blank=True)
    change = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)


class ReleaseContact(Orderable):
    page = ParentalKey(ReleasePage, on_delete=models.CASCADE, related_name="contacts")
    who = models.CharField(max_length=200)
    tel = models.CharField(max_length=40)
    phone = models.CharField(max_length=40)
    email = models.EmailField(blank=True)


class ReleaseAttachment(Orderable):
    page = ParentalKey(ReleasePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")


class ReaderComment(models.Model):
    page = models.ForeignKey(ReleasePage, on_delete=models.CASCADE, related_name="comments")
    author = models.CharField(max_length=100)
    text = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["page", "-created_at"])]

    def __str__(self):
        return self.text
