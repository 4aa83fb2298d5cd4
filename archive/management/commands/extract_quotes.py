"""manage.py extract_quotes IN.jsonl OUT.jsonl: quotes and speakers for evaluation records."""

import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from archive.ingest.pipeline import quotes_for_records


class Command(BaseCommand):
    help = (
        "Read records {id, text, doc_id?} (consecutive records with one doc_id are one article's "
        "paragraphs) and write {id, quotes: [{start, end, speaker, speaker_start, speaker_end, escalation: "
        "{act, weapons, targets, conditional, confidence}}]} per record, in order; the escalation codes are "
        "coded as ingest codes them (default lexicon; `python -m benchmarks.escalation OUT` scores them on "
        "escalation-dev). Streams: one article in memory at a time. '-' reads stdin or writes stdout."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="JSONL records to read ('-' for stdin).")
        parser.add_argument("output", help="JSONL predictions to write ('-' for stdout).")

    def handle(self, *args, **options):
        started, cpu_started = time.monotonic(), time.process_time()
        count = 0
        try:
            source = sys.stdin if options["input"] == "-" else open(options["input"], encoding="utf-8")
            sink = sys.stdout if options["output"] == "-" else open(options["output"], "w", encoding="utf-8")
        except OSError as error:
            raise CommandError(str(error)) from None
        with source, sink:
            for prediction in quotes_for_records(self._records(source)):
                sink.write(json.dumps(prediction, ensure_ascii=False) + "\n")
                count += 1
        seconds, cpu = time.monotonic() - started, time.process_time() - cpu_started
        # CPU time is the one-core figure, whatever else the machine is doing.
        self.stderr.write(
            f"{count} records in {seconds:.2f} s ({count / max(seconds, 1e-9):.0f} records/s); "
            f"{cpu:.2f} s of CPU ({count / max(cpu, 1e-9):.0f} records/s on one core)"
        )

    def _records(self, lines):
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as error:
                raise CommandError(f"line {number}: not a JSON record ({error})") from None
            if not isinstance(record, dict) or "id" not in record or not isinstance(record.get("text"), str):
                raise CommandError(f"line {number}: a record needs an id and a text")
            yield record
