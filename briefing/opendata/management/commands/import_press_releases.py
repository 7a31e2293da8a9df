"""python manage.py import_press_releases FILE… : files in the portal API's XML shape."""

from django.core.management.base import BaseCommand, CommandError

from briefing.opendata.importer import import_file

BAR_WIDTH = 30


class ProgressBar:
    """A one-line bar on the command's stderr, redrawn in place; dependency-free."""

    def __init__(self, stream, label):
        self.stream, self.label = stream, label

    def __call__(self, done, total):
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {done}/{total}", ending="")
        if done == total:
            self.stream.write("")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import press releases from files in the portal's press-release API format "
        "(정책브리핑 보도자료 API XML): create or update releases by NewsItemId."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show a progress bar on stderr even when it is not a terminal.",
        )

    def handle(self, *args, files, progress=False, **options):
        show_bar = progress or self.stderr.isatty()
        reports = []
        for path in files:
            bar = ProgressBar(self.stderr, path) if show_bar else None
            reports.append(import_file(path, progress=bar))
        for report in reports:
            self._write_report(report)
        self._write_total(reports)
        failed = [report.name for report in reports if report.error]
        if failed:
            raise CommandError(f"{len(failed)} file(s) imported nothing: {', '.join(failed)}")

    def _write_report(self, report):
        if report.error:
            self.stderr.write(self.style.ERROR(f"{report.name}: {report.error}"))
            return
        self.stdout.write(
            f"{report.name}: created {report.created}, updated {report.updated}, "
            f"skipped {len(report.skipped)}"
        )
        for reason, count in sorted(report.skip_reasons().items()):
            self.stdout.write(f"  skipped {count}: {reason}")
        for news_item_id, note in report.notes:
            self.stdout.write(f"  note: NewsItemId {news_item_id}: {note}")

    def _write_total(self, reports):
        self.stdout.write(
            self.style.SUCCESS(
                f"Total: created {sum(r.created for r in reports)}, "
                f"updated {sum(r.updated for r in reports)}, "
                f"skipped {sum(len(r.skipped) for r in reports)}, "
                f"failed files {sum(1 for r in reports if r.error)}"
            )
        )
