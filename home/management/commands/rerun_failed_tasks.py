"""Queue failed background tasks again, as the admin's Failed tasks report does."""

from django.core.management.base import BaseCommand, CommandError

from home.background.recovery import failed_results, recover_lost_tasks, rerun, summary


class Command(BaseCommand):
    help = "List failed background tasks (--list) or queue them again: all of them, or the ids given."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", help="ids of failed tasks (default: every failed task)")
        parser.add_argument("--list", action="store_true", dest="list_only", help="only list the failed tasks")

    def handle(self, *args, ids, list_only, **options):
        # A task whose worker died shows as failed (or queued) here too, not as running for ever.
        recover_lost_tasks()
        failed = failed_results()
        if ids:
            unknown = set(ids) - {str(pk) for pk in failed.filter(pk__in=ids).values_list("pk", flat=True)}
            if unknown:
                raise CommandError(f"Not failed tasks: {', '.join(sorted(unknown))}")
            failed = failed.filter(pk__in=ids)
        rows = list(failed)
        if list_only:
            for row in rows:
                shown = summary(row)
                self.stdout.write(f"{shown['id']}  {shown['task']}({shown['arguments']})  {shown['error']}")
            self.stdout.write(f"{len(rows)} failed task(s)")
            return
        new_ids = rerun([row.pk for row in rows])
        self.stdout.write(f"Queued {len(new_ids)} task(s) again")
