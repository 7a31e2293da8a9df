"""Pagination that stays as fast on page 400 as on page 1.

OFFSET makes the database read and throw away every row before the page: on page 400 of 10,000
releases, 7,980 whole rows with their bodies. This paginator first asks for the page's twenty ids,
which the list's ordering index (release_public_order) answers without touching the table, and
then reads just those rows: the "deferred join" form of keyset pagination, which keeps the
portal's numbered pages (a pure keyset pager could only go forward and back).
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class DeferredJoinPaginator(Paginator):
    def __init__(self, object_list, per_page, *, ids_in_one_scan=False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        # A keyword search cannot use an index: counting and then paging would scan every
        # release's text twice, so its matching ids are read once and counted in Python.
        self.all_ids = list(object_list.values_list("pk", flat=True)) if ids_in_one_scan else None

    @cached_property
    def count(self):
        if self.all_ids is not None:
            return len(self.all_ids)
        return self.object_list.count()

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if self.all_ids is not None:
            ids = self.all_ids[bottom : bottom + self.per_page]
        else:
            ids = list(
                self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page]
            )
        by_id = {row.pk: row for row in self.object_list.filter(pk__in=ids)}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)
