"""Rebuild the search index from the registered providers. Safe to re-run at any time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillshub.core import search


class Command(BaseCommand):
    help = "Rebuild the search index (all kinds, or those given with --kind)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            help="Rebuild only this kind (repeatable), e.g. --kind offer.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        known = search.registered_kinds()
        kinds: list[str] | None = options["kinds"]
        unknown = sorted(set(kinds or ()) - set(known))
        if unknown:
            raise CommandError(
                f"No search provider for {', '.join(unknown)}; known: {', '.join(known) or 'none'}."
            )
        counts = search.rebuild(kinds)
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS(f"Indexed {sum(counts.values())} entries."))
