"""Issue 6's 'done when', walked through the real views on the demo data, as new users would:

1. a citizen searches in inflected Polish, filters by county and opens an offer;
2. they register for an event and get the confirmation (with the event in their calendar);
3. a provider submits an offer, the office approves it, and it appears in search;
4. the office opens the coverage map, sees an unserved county, and exports the matrix.
"""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from skillshub.accounts.models import User
from skillshub.core.models import County, TargetGroup
from skillshub.guidance.choices import RegistrationStatus
from skillshub.guidance.models import GuidanceEvent, Registration
from skillshub.portal.choices import OfferStatus
from skillshub.portal.models import LearningOffer


@pytest.mark.django_db
def test_citizen_provider_and_office_on_the_portal(region, django_capture_on_commit_callbacks):
    call_command("seed_demo", stdout=io.StringIO())
    citizen = Client()
    zary = County.objects.get(teryt="0811")

    # 1. Inflected Polish finds the guidance service, and a course filtered to powiat żarski.
    page = citizen.get(
        reverse("portal:search"), {"q": "doradztwa zawodowego dla dorosłych w Gorzowie"}
    )
    assert page.status_code == 200
    results = page.context["results"]
    assert results.hits and not results.relaxed
    assert results.hits[0].kind == "service"
    assert "<mark>Gorzowie</mark>" in results.hits[0].title_html

    page = citizen.get(
        reverse("portal:search"), {"q": "kursów zawodowych", "county": zary.pk, "kind": "offer"}
    )
    hits = page.context["results"].hits
    assert hits, "a course in powiat żarski (or region-wide) is found"
    offers = LearningOffer.objects.filter(pk__in=[h.object_id for h in hits])
    assert all(o.county_id in (zary.pk, None) for o in offers)
    assert "<mark>" in str(hits[0].title_html) + str(hits[0].summary_html)
    offer_page = citizen.get(hits[0].url)
    assert offer_page.status_code == 200
    assert offer_page.context["offer"].pk == hits[0].object_id

    # 2. Registration for an upcoming event: a confirmation with the calendar entry and the
    #    cancel link; the same address again is refused and nothing is written.
    event = GuidanceEvent.objects.get(title__startswith="Targi Pracy i Edukacji w Żarach")
    citizen.get(event.get_absolute_url())
    form = {
        "full_name": "Jan Demonstracyjny",
        "email": "jan.demo@example.invalid",
        "privacy_accepted": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = citizen.post(reverse("guidance:event_register", args=[event.pk]), form)
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, email="jan.demo@example.invalid")
    assert registration.status == RegistrationStatus.CONFIRMED
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["jan.demo@example.invalid"]
    assert any(name.endswith(".ics") for name, _c, _t in confirmation.attachments)
    assert str(registration.token) in confirmation.body
    again = citizen.post(reverse("guidance:event_register", args=[event.pk]), form)
    assert again.status_code == 400
    assert Registration.objects.filter(event=event, email="jan.demo@example.invalid").count() == 1

    # 3. The provider's contact (kontakt, at the CKZ in Żary) submits an offer; it is not
    #    public until the office approves it; then search finds it.
    provider = Client()
    provider.force_login(User.objects.get(username="kontakt"))
    groups = TargetGroup.objects.filter(code__in=["adults", "50plus"])
    with django_capture_on_commit_callbacks(execute=True):
        response = provider.post(
            reverse("portal:offer_create"),
            {
                "kind": "course",
                "title": "Kurs obsługi koparko-ładowarki z uprawnieniami",
                "county": zary.pk,
                "place": "Żary",
                "is_free": "on",
                "target_groups": [g.pk for g in groups],
                "description": "Kurs dla osób dorosłych zakończony egzaminem (demo).",
                "submit": "on",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    offer = LearningOffer.objects.get(title__startswith="Kurs obsługi koparko-ładowarki")
    assert offer.status == OfferStatus.SUBMITTED
    assert citizen.get(offer.get_absolute_url()).status_code == 404
    found = citizen.get(reverse("portal:search"), {"q": "koparko-ładowarki"})
    assert not found.context["results"].hits

    office = Client()
    office.force_login(User.objects.get(username="biuro"))
    queue = office.get(reverse("portal:offer_review_queue"))
    assert offer in list(queue.context["page_obj"])
    with django_capture_on_commit_callbacks(execute=True):
        office.post(
            reverse("portal:offer_move", args=[offer.pk]),
            {"target": OfferStatus.PUBLISHED, "note": "", "next": "review"},
        )
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED
    found = citizen.get(reverse("portal:search"), {"q": "koparek ładowarek w Żarach"})
    assert [h.object_id for h in found.context["results"].hits if h.kind == "offer"] == [offer.pk]
    assert citizen.get(offer.get_absolute_url()).status_code == 200

    # 4. The coverage map for pupils shows powiat sulęciński unserved; the matrix exports.
    pupils = TargetGroup.objects.get(code="pupils")
    coverage = office.get(reverse("guidance:coverage"), {"group": pupils.pk})
    assert coverage.status_code == 200
    unserved = [c.teryt for c in coverage.context["unserved"]]
    assert "0807" in unserved
    shapes = office.get(reverse("guidance:coverage"), {"group": pupils.pk, "format": "geojson"})
    features = shapes.json()["features"]
    assert len(features) == 14
    assert len(features[0]["geometry"]["coordinates"][0]) > 4  # a real outline, not a box
    export = office.get(reverse("guidance:coverage_xlsx"))
    assert export.status_code == 200
    book = load_workbook(io.BytesIO(export.content))
    cells = [[c for c in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    sulecin = next(row for row in cells if row and "0807" in [str(v) for v in row])
    header = next(row for row in cells if row and "uczniowie" in [str(v) for v in row])
    assert sulecin[list(header).index("uczniowie")] == 0
