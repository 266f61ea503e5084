"""Train the job-ad occupation coder on the shipped material plus the reviewed ads.

    python manage.py train_occupation_coder              # the full model (make run does this)
    python manage.py train_occupation_coder --sample 1500 # a small one (CI, tests)
    python manage.py train_occupation_coder --if-missing  # only when no model exists yet

Reproducible: the seed is fixed and the data hash is recorded in the model's JSON sidecar.
"""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from skillshub.labour_market.coding.runtime import active_model_info
from skillshub.labour_market.coding.services import coder_train


class Command(BaseCommand):
    help = "Train the job-ad occupation coder (KZiS 2023) and make it the active model."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sample", type=int, default=None, help="train on N hand-coded ads")
        parser.add_argument("--seed", type=int, default=2030)
        parser.add_argument(
            "--if-missing", action="store_true", help="do nothing when a model already exists"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_missing"] and (info := active_model_info()) is not None:
            self.stdout.write(f"Model {info.version} exists ({info.path}); nothing to do.")
            return
        started = time.perf_counter()
        path = coder_train(sample=options["sample"], seed=options["seed"])
        metadata = json.loads(path.with_suffix(".json").read_text("utf-8"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Trained {metadata.get('version')} in {time.perf_counter() - started:.1f} s: "
                f"{metadata.get('n_examples')} examples, {metadata.get('n_codes')} codes, "
                f"data hash {str(metadata.get('data_hash', ''))[:16]}…, {path} "
                f"({path.stat().st_size / 1e6:.1f} MB)"
            )
        )
