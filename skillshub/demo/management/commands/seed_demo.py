"""Build the demo data of województwo lubuskie from the factories."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from skillshub.accounts.models import User
from skillshub.core.models import County, StrategyArea
from skillshub.stakeholders.demo import DEMO_PASSWORD, build_demo
from skillshub.stakeholders.models import Institution
from skillshub.team.demo import build_team_demo


class Command(BaseCommand):
    help = "Load realistic demo data for województwo lubuskie (marked as demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any institution exists."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Institution.objects.exists():
            self.stdout.write("Institutions exist already; demo data not loaded.")
            return
        if County.objects.in_region().count() == 0 or not StrategyArea.objects.exists():
            raise CommandError("Load the region first: manage.py load_region 08; load_reference")
        summary = build_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {summary.institutions} institutions, {summary.contacts} contact "
                f"people, {summary.interactions} interactions, {summary.applications} "
                "applications to review."
            )
        )
        team = build_team_demo(office_user=User.objects.get(username="biuro"))
        if team is None:
            self.stdout.write("The demo WZK exists already; team demo not loaded.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Team demo: {team.team} with {team.members} members and {team.deputies} "
                    f"deputies, {team.meetings} sittings, {team.resolutions} resolutions, "
                    f"{team.documents} documents, {team.working_groups} working group."
                )
            )
        self.stdout.write(
            "Log in as " + ", ".join(summary.users) + f" (password: {DEMO_PASSWORD!r})."
        )
