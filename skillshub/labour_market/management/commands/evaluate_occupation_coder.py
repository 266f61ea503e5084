"""Evaluate the job-ad occupation coder on a held-out split, beside a plain baseline.

    python manage.py evaluate_occupation_coder             # the full data (a few minutes)
    python manage.py evaluate_occupation_coder --sample 2000

The split stratifies by code and keeps whole duplicates out of training; the baseline is TF-IDF
with a linear SVM trained on the same ads. See docs/benchmarks.md for the recorded figures.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from skillshub.labour_market.coding.evaluation import evaluate


class Command(BaseCommand):
    help = "Print the occupation coder's accuracy table with the TF-IDF + linear SVM baseline."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sample", type=int, default=None, help="use N hand-coded ads")
        parser.add_argument("--seed", type=int, default=2030)
        parser.add_argument(
            "--threshold", type=float, default=None, help="confidence threshold for coverage"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        threshold = options["threshold"]
        if threshold is None:
            threshold = settings.OCCUPATION_CODER_REVIEW_THRESHOLD
        report = evaluate(seed=options["seed"], sample=options["sample"], threshold=threshold)
        self.stdout.write(report.as_table())
