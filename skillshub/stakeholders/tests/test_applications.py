"""The public "join the network" path and the office's review of it."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.urls import reverse

from skillshub.core.models import AuditEntry, County, StrategyArea
from skillshub.stakeholders import services
from skillshub.stakeholders.choices import ApplicationStatus
from skillshub.stakeholders.exceptions import IllegalTransition
from skillshub.stakeholders.models import ContactPerson, Institution, JoinApplication

from .factories import InstitutionFactory, JoinApplicationFactory, nip_with_checksum

pytestmark = pytest.mark.usefixtures("region")

JOIN_URL = reverse("stakeholders:join")


def join_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "submission_key": str(uuid.uuid4()),
        "institution_name": "Fikcyjne Centrum Szkoleń Demo",
        "kind": "training_provider",
        "nip": "123-456-32-18",
        "regon": "",
        "krs": "",
        "county": County.objects.get(teryt="0811").pk,
        "city": "Żary",
        "street": "ul. Przykładowa 1",
        "postal_code": "68-200",
        "website": "",
        "areas": [StrategyArea.objects.get(part="detailed", number=4).pk],
        "contact_first_name": "Testowa",
        "contact_last_name": "Osoba",
        "contact_position": "dyrektorka",
        "contact_email": "testowa.osoba@example.invalid",
        "contact_phone": "",
        "message": "Chcemy współpracować.",
        "consent_contact": "on",
        "consent_listing": "on",
        "privacy": "on",
        "homepage": "",
    }
    data.update(overrides)
    return data


def test_anonymous_can_apply_and_gets_a_confirmation(anonymous_client):
    response = anonymous_client.post(JOIN_URL, join_data())
    assert response.status_code == 302
    application = JoinApplication.objects.get()
    assert application.nip == "1234563218"  # stored as digits
    assert application.status == ApplicationStatus.NEW
    assert [m.to for m in mail.outbox] == [["testowa.osoba@example.invalid"]]
    assert AuditEntry.objects.for_object(application).filter(verb="application_submit").exists()


def test_bad_nip_is_explained_and_the_form_comes_back_filled_in(anonymous_client):
    response = anonymous_client.post(JOIN_URL, join_data(nip="1234563219"))
    assert response.status_code == 400
    assert JoinApplication.objects.count() == 0
    form = response.context["form"]
    assert "nip" in form.errors
    assert any("check digit" in e or "cyfr" in e for e in form.errors["nip"])
    assert form["institution_name"].value() == "Fikcyjne Centrum Szkoleń Demo"


def test_missing_privacy_confirmation_is_refused(anonymous_client):
    data = join_data()
    del data["privacy"]
    response = anonymous_client.post(JOIN_URL, data)
    assert response.status_code == 400
    assert "privacy" in response.context["form"].errors
    assert JoinApplication.objects.count() == 0


def test_honeypot_submission_is_silently_dropped(anonymous_client):
    response = anonymous_client.post(JOIN_URL, join_data(homepage="http://spam.example"))
    assert response.status_code == 302
    assert JoinApplication.objects.count() == 0
    assert mail.outbox == []


def test_double_submit_of_the_same_form_stores_one_application(anonymous_client):
    data = join_data()
    anonymous_client.post(JOIN_URL, data)
    anonymous_client.post(JOIN_URL, data)
    assert JoinApplication.objects.count() == 1


def test_rate_limit_refuses_a_flood_and_keeps_the_form(anonymous_client, settings):
    settings.JOIN_RATE_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert anonymous_client.post(JOIN_URL, join_data()).status_code == 302
    response = anonymous_client.post(JOIN_URL, join_data(institution_name="Trzecia"))
    assert response.status_code == 429
    assert response.context["form"]["institution_name"].value() == "Trzecia"
    assert JoinApplication.objects.count() == 2


def test_coordinator_accepts_application_creating_institution_contact_and_consent(
    coordinator_client, coordinator
):
    application = JoinApplicationFactory(nip=nip_with_checksum(5))
    url = reverse("stakeholders:application_detail", args=[application.pk])
    response = coordinator_client.post(url, {"decision": "accept", "note": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    institution = application.institution
    assert institution is not None and institution.nip == application.nip
    contact = ContactPerson.objects.get(institution=institution)
    assert contact.consents.filter(withdrawn_at__isnull=True).count() == 1
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"application_accept", "contact_create", "consent_record"} <= verbs
    assert mail.outbox[-1].to == [application.contact_email]


def test_accepting_can_link_to_a_known_institution_instead_of_duplicating(coordinator_client):
    known = InstitutionFactory(nip=nip_with_checksum(7))
    application = JoinApplicationFactory(nip=known.nip)
    url = reverse("stakeholders:application_detail", args=[application.pk])
    page = coordinator_client.get(url)
    assert known in [inst for inst, _why in page.context["duplicates"]]
    coordinator_client.post(url, {"decision": "accept", "link_to": known.pk})
    assert Institution.objects.count() == 1
    assert ContactPerson.objects.get().institution == known


def test_near_identical_name_is_flagged_as_possible_duplicate(coordinator_client):
    known = InstitutionFactory(name="Zespół Szkół Technicznych w Żarach")
    application = JoinApplicationFactory(institution_name="Zespół Szkół Technicznych, Żary")
    page = coordinator_client.get(reverse("stakeholders:application_detail", args=[application.pk]))
    assert (known, "name") in page.context["duplicates"]


def test_reject_requires_a_reason_and_writes_nothing_without_one(coordinator_client):
    application = JoinApplicationFactory()
    url = reverse("stakeholders:application_detail", args=[application.pk])
    response = coordinator_client.post(url, {"decision": "reject", "note": ""})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NEW
    coordinator_client.post(url, {"decision": "reject", "note": "Poza zakresem sieci."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert mail.outbox[-1].body == "Poza zakresem sieci."


def test_request_info_then_accept(coordinator, coordinator_client):
    application = JoinApplicationFactory()
    services.application_request_info(application=application, actor=coordinator, note="Podaj NIP.")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INFO_REQUESTED
    services.application_accept(application=application, actor=coordinator)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


def test_a_decided_application_cannot_be_decided_again(coordinator):
    application = JoinApplicationFactory()
    services.application_reject(application=application, actor=coordinator, note="Nie.")
    with pytest.raises(IllegalTransition):
        services.application_accept(application=application, actor=coordinator)
    assert Institution.objects.count() == 0


def test_outsider_cannot_see_applications(outsider_client):
    application = JoinApplicationFactory()
    assert outsider_client.get(reverse("stakeholders:application_list")).status_code == 404
    url = reverse("stakeholders:application_detail", args=[application.pk])
    assert outsider_client.get(url).status_code == 404


def test_application_list_has_a_query_ceiling(coordinator_client, django_assert_max_num_queries):
    JoinApplicationFactory.create_batch(30)
    with django_assert_max_num_queries(10):
        response = coordinator_client.get(reverse("stakeholders:application_list"))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 25


@pytest.mark.django_db(transaction=True)
def test_two_racing_submissions_of_one_form_end_as_one_application(region):
    """Threads on separate connections: the second insert hits the unique key, not a 500."""
    import threading

    from django.db import connection

    key = uuid.uuid4()
    county = County.objects.get(teryt="0811")
    data = {
        "institution_name": "Wyścig Demo",
        "kind": "ngo",
        "county": county,
        "city": "Żary",
        "contact_first_name": "Demo",
        "contact_last_name": "Wyścig",
        "contact_email": "wyscig@example.invalid",
    }
    results: list[object] = []
    barrier = threading.Barrier(2)

    def submit() -> None:
        barrier.wait()
        try:
            results.append(services.application_submit(data=data, submission_key=key))
        except Exception as exc:  # the test fails below with the error shown
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(isinstance(r, tuple) for r in results), results
    assert JoinApplication.objects.filter(submission_key=key).count() == 1
    assert sorted(created for _app, created in results) == [False, True]
