from django.contrib import admin

from briefing.pageviews.models import PageViewHour


@admin.register(PageViewHour)
class PageViewHourAdmin(admin.ModelAdmin):
    list_display = ("release", "hour", "count")
    list_filter = ("hour",)
    date_hierarchy = "hour"
    raw_id_fields = ("release",)
