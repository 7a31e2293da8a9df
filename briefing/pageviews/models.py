"""Page views per release per hour: enough to rank the last 24 hours exactly, small enough to keep.

One row per release and hour, incremented in place; the visitor behind a view is never stored (the
once-a-day check lives in the cache under a salted hash, see services.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViewHour(models.Model):
    release = models.ForeignKey(
        "releases.Release", on_delete=models.CASCADE, related_name="page_view_hours"
    )
    hour = models.DateTimeField(_("시각(정시)"), db_index=True)
    count = models.PositiveIntegerField(_("조회수"), default=0)

    class Meta:
        verbose_name = _("시간별 조회수")
        verbose_name_plural = _("시간별 조회수")
        constraints = [
            models.UniqueConstraint(fields=["release", "hour"], name="pageview_release_hour_unique")
        ]

    def __str__(self):
        return f"{self.release_id} {self.hour:%Y-%m-%d %H}:00 {self.count}"
