"""Build the demo data of województwo lubuskie from the factories."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from skillshub.accounts.models import User
from skillshub.core import search
from skillshub.core.models import County, StrategyArea
from skillshub.guidance.demo import build_guidance_demo
from skillshub.labour_market.coding.demo import build_job_ads_demo
from skillshub.labour_market.demo import build_labour_market_demo
from skillshub.labour_market.models import Occupation
from skillshub.labour_market.reference import load_all
from skillshub.matters.demo import SittingRef, build_matters_demo
from skillshub.portal.demo import build_portal_demo
from skillshub.portal.models import LearningOffer
from skillshub.portal.services import SUPPLY_PROVISION, offer_supply_sync
from skillshub.programme.demo import build_programme_demo
from skillshub.stakeholders.demo import DEMO_PASSWORD, build_demo
from skillshub.stakeholders.models import Institution
from skillshub.team.demo import TEAM_NAME, build_team_demo
from skillshub.team.models import Meeting, Resolution
from skillshub.team.selectors import meeting_day


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
        matters = build_matters_demo(
            office_user=User.objects.get(username="biuro"), sittings=_held_sittings()
        )
        if matters is None:
            self.stdout.write("The demo matters exist already; matters demo not loaded.")
        else:
            states = ", ".join(f"{n} {state}" for state, n in sorted(matters.by_state.items()))
            self.stdout.write(
                self.style.SUCCESS(
                    f"Matters demo: {matters.matters} matters ({states}), "
                    f"{matters.raised_by_member} raised by czlonek."
                )
            )
        programme = build_programme_demo(office_user=User.objects.get(username="biuro"))
        if programme is None:
            self.stdout.write("The demo programme exists already; programme demo not loaded.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Programme demo: {programme.objectives} objectives, {programme.actions} "
                    f"actions, {programme.tasks} tasks, {programme.indicators} indicators "
                    f"({programme.context} context), {programme.measurements} measurements, "
                    f"{programme.themes} strategy themes; version 1 adopted."
                )
            )
        portal = build_portal_demo(office_user=User.objects.get(username="biuro"))
        if portal is None:
            self.stdout.write("The demo learning offers exist already; portal demo not loaded.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Portal demo: {portal.offers} learning offers ({portal.submitted} awaiting "
                    f"approval), {portal.news} news items, {portal.pages} pages, "
                    f"{portal.campaigns} campaign."
                )
            )
        guidance = build_guidance_demo(office_user=User.objects.get(username="biuro"))
        if guidance is None:
            self.stdout.write("The demo guidance services exist already; not loaded again.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Guidance demo: {guidance.services} services, {guidance.events} events, "
                    f"{guidance.registrations} registrations."
                )
            )
        if not Occupation.objects.exists():
            load_all()  # load_occupations: the school offer needs the KZSB codes
        handed_down = _hand_down_school_offers(office_user=User.objects.get(username="biuro"))
        labour = build_labour_market_demo(office_user=User.objects.get(username="biuro"))
        if labour is None:
            self.stdout.write("The demo labour-market evidence exists already; not loaded again.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Labour-market demo (dane demonstracyjne, syntetyczne): {labour.counts} "
                    f"MZDiN counts ({labour.occupations} occupations × 14 counties × "
                    f"{labour.periods} half-years), {labour.results} indicators, "
                    f"{labour.forecast} MEN forecast entries, {labour.supply} school offers "
                    f"(+{handed_down} from the portal), {labour.groups} Barometr groups; "
                    f"panel members: {', '.join(labour.users)}."
                )
            )
        job_ads = build_job_ads_demo(office_user=User.objects.get(username="biuro"))
        if job_ads is None:
            self.stdout.write(
                "Demo job ads: not imported (no trained coder yet, or imported already). "
                "`make run` trains it first; then import "
                "skillshub/labour_market/coding/demo/oferty-pracy-demo-2.csv by hand."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo job ads (dane demonstracyjne): {job_ads.total} ads queued for coding "
                    "(the task worker codes them); try importing "
                    "skillshub/labour_market/coding/demo/oferty-pracy-demo-2.csv yourself."
                )
            )
        counts = search.rebuild()
        self.stdout.write(
            "Search index: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
        )
        self.stdout.write(
            "Log in as " + ", ".join(summary.users) + f" (password: {DEMO_PASSWORD!r})."
        )


def _hand_down_school_offers(*, office_user: Any) -> int:
    """The portal demo's published school occupations and KKZ, handed down to the labour
    market's school offer as the portal's services do for offers published in the app."""
    from django.db import transaction

    offers = LearningOffer.objects.published().filter(kind__in=list(SUPPLY_PROVISION))
    with transaction.atomic():
        return sum(
            offer_supply_sync(offer=offer, actor=office_user)
            for offer in offers.select_related("provider")
        )


def _held_sittings() -> list[SittingRef]:
    """The demo WZK's past sittings (I–III) with their adopted resolutions, as matters see a
    sitting (a key, a label, an address): matters never import team."""
    meetings = (
        Meeting.objects.filter(team__name=TEAM_NAME, starts_at__lt=timezone.now())
        .select_related("team")
        .order_by("number")
    )
    refs = []
    for meeting in meetings:
        resolutions = Resolution.objects.filter(meeting=meeting).adopted().select_related("team")
        refs.append(
            SittingRef(
                key=f"meeting:{meeting.pk}",
                label=str(meeting),
                url=meeting.get_absolute_url(),
                date=meeting_day(meeting),
                resolutions=[
                    (r.label, r.get_absolute_url()) for r in resolutions.order_by("number")
                ],
            )
        )
    return refs
