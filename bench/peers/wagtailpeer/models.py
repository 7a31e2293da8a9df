"""Our release page as Wagtail models it: a page with a StreamField body (rich text, photos
through Wagtail images and renditions, footnote), the ministry as a snippet, statistics,
contacts and attachments (Wagtail documents) as inline orderables, and readers' comments as a
plain model beside the page (Wagtail has none of its own)."""

from decimal import Decimal

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
    statistics_unit = models.CharField(max_length=40, blank=True)

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
        top = max((s.amount for s in statistics), default=Decimal(0)) or Decimal(1)
        for statistic in statistics:
            statistic.bar = f"{statistic.amount / top * 100:.2f}"
        count = self.comments.count()
        path = self.url
        context.update(
            r=self,
            ministry=self.ministry,
            subtitles=self.subtitle.splitlines(),
            statistics=statistics,
            statistics_unit=self.statistics_unit,
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
            comments=self.comments.order_by("-created_at")[:COMMENTS_PER_PAGE],
            comment_pages=-(-count // COMMENTS_PER_PAGE),
            older=self._neighbour(newer=False),
            newer=self._neighbour(newer=True),
            page_path=path,
            page_url=request.build_absolute_uri(path),
        )
        return context


class ReleaseStatistic(Orderable):
    page = ParentalKey(ReleasePage, on_delete=models.CASCADE, related_name="statistics")
    label = models.CharField(max_length=200)
    value = models.CharField(max_length=100)  # as shown: "53,067 건"
    amount = models.DecimalField(max_digits=20, decimal_places=4)  # for the bar chart
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
