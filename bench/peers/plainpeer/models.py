"""The release page as a straightforward Django app stores it: the release with its ministry, its
photos, its comments. Statistics, contacts and attachments are kept with the release as JSON, as
a page builder keeps its blocks, so that the page is three queries (release and ministry, photos,
one page of comments; the comment count is kept on the release) and two for the neighbours."""

from django.db import models


class Ministry(models.Model):
    code = models.CharField(max_length=10, unique=True)
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Release(models.Model):
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    title = models.CharField(max_length=300)
    subtitle = models.TextField(blank=True)
    ministry = models.ForeignKey(Ministry, on_delete=models.PROTECT)
    published_at = models.DateTimeField()
    blocks = models.JSONField(default=list)  # the body's rich-text blocks, HTML
    footnote = models.TextField(blank=True)
    footnote_after = models.PositiveSmallIntegerField(default=0)  # after this many blocks
    attribution = models.CharField(max_length=300, blank=True)
    statistics = models.JSONField(default=list)  # the table's rows
    chart = models.JSONField(default=list)  # the figures by unit, bars measured
    contacts = models.JSONField(default=list)
    attachments = models.JSONField(default=list)
    comment_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["published_at", "id"])]

    def __str__(self):
        return self.title


class Photo(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="photos")
    src = models.CharField(max_length=300)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt = models.CharField(max_length=300)
    caption = models.TextField()
    credit = models.CharField(max_length=200, blank=True)
    after_block = models.PositiveSmallIntegerField()  # shown after this many body blocks
    order = models.PositiveSmallIntegerField(default=0)

    def __str__(self):
        return self.alt


class Comment(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="comments")
    author = models.CharField(max_length=100)
    text = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["release", "-created_at"])]

    def __str__(self):
        return self.text
