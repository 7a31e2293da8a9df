"""python manage.py import_press_releases FILE… : files in the portal API's XML shape."""

from django.core.management.base import BaseCommand, CommandError

from briefing.opendata.importer import (
    FileReport,
    ImportOptions,
    ItemSkipped,
    checked_source,
    import_file,
    load_fetcher,
)
from briefing.opendata.sources import PORTAL_SOURCE

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
        "(정책브리핑 보도자료 API XML): create or update releases by (source, NewsItemId), "
        "never destroying what was made or edited here."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--source",
            default=PORTAL_SOURCE,
            metavar="NAME",
            help="Who gave the NewsItemIds of items without a NewsItemSource element "
            f"(default {PORTAL_SOURCE}, the portal).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything and roll it back: print what would change, save nothing.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace releases made or edited here that an item matches (a revision keeps "
            "their state, so a restore undoes it; photos and attachments are still kept).",
        )
        parser.add_argument(
            "--fetch-attachments",
            action="store_true",
            help="Download each imported FileUrl and check it like an upload (off by default).",
        )
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show a progress bar on stderr even when it is not a terminal.",
        )

    def handle(self, *args, files, progress=False, **options):
        try:
            source = checked_source(options["source"])
        except ItemSkipped as reason:
            raise CommandError(f"--source: {reason}") from None
        fetcher = None
        if options["fetch_attachments"]:
            try:
                fetcher = load_fetcher()
            except (ImportError, AttributeError) as error:
                raise CommandError(f"--fetch-attachments is not available: {error}") from None
        import_options = ImportOptions(
            source=source,
            overwrite=options["overwrite"],
            dry_run=options["dry_run"],
            fetcher=fetcher,
        )
        self.every_item = import_options.dry_run or options["verbosity"] >= 2
        show_bar = progress or self.stderr.isatty()
        reports = []
        for path in files:
            bar = ProgressBar(self.stderr, path) if show_bar else None
            report = import_file(path, import_options, progress=bar)
            # Written at once, so what was imported is on record whatever later files do.
            self._write_report(report)
            reports.append(report)
        self._write_total(reports, dry_run=import_options.dry_run)
        failed = [report.name for report in reports if report.error]
        if failed:
            raise CommandError(f"{len(failed)} file(s) imported nothing: {', '.join(failed)}")

    def _write_report(self, report: FileReport):
        if report.error:
            self.stderr.write(self.style.ERROR(f"{report.name}: failed, {report.error}"))
            return
        counts = ", ".join(f"{kind} {report.count(kind)}" for kind in FileReport.KINDS)
        prefix = "dry run, nothing saved: " if report.dry_run else ""
        self.stdout.write(f"{report.name}: {prefix}{counts}")
        for outcome in report.outcomes:
            if self.every_item or outcome.kind in ("updated", "skipped"):
                detail = f": {outcome.detail}" if outcome.detail else ""
                self.stdout.write(f"  {outcome.item}: {outcome.kind}{detail}")
        if not self.every_item:
            for reason, count in sorted(report.reasons("unchanged").items()):
                self.stdout.write(f"  unchanged {count}: {reason}")
        for item, note in report.notes:
            self.stdout.write(f"  note: {item}: {note}")

    def _write_total(self, reports, *, dry_run):
        counts = ", ".join(
            f"{kind} {sum(report.count(kind) for report in reports)}" for kind in FileReport.KINDS
        )
        failed = sum(1 for report in reports if report.error)
        prefix = "Dry run, nothing saved. " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}Total: {counts}, failed files {failed}"))
