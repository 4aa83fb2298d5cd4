"""manage.py code_escalation: code every quote again with the current lexicon (default + editors' terms)."""

from django.core.management.base import BaseCommand, CommandError

from archive import services

from ._index_errors import reindex_changed


class Command(BaseCommand):
    help = (
        "Code every quote's escalation act, weapons, targets, condition and confidence again with the default "
        "lexicon and the editors' EscalationTerm rows, each quote among its article's quotes, then reindex the "
        "articles whose quotes changed. Codes an editor set are kept. Run it after editing the lexicon."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-index", action="store_true", help="Do not reindex (then `manage.py rebuild_index`).")

    def handle(self, *args, **options):
        try:
            lexicon = services.escalation_lexicon()
        except ValueError as error:  # an editor's pattern that no longer compiles
            raise CommandError(f"The lexicon does not compile: {error}") from error
        changed = services.recode_escalation(lexicon=lexicon)
        self.stdout.write(f"Recoded: quotes changed in {len(changed)} article(s).")
        reindex_changed(self, changed, options)
