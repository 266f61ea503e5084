"""The guidance pages: who sees what, the registration form, ICS downloads and query budgets."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from skillshub.core.models import County, TargetGroup
from skillshub.guidance.choices import EventStatus, PublicationStatus, RegistrationStatus
from skillshub.guidance.models import GuidanceEvent, GuidanceService, Registration

from .factories import GuidanceEventFactory, GuidanceServiceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


# --- Services -------------------------------------------------------------------------------


def test_anonymous_finds_published_services_by_county_and_group(region, anonymous_client):
    counties = list(County.objects.in_region()[:2])
    adults = TargetGroup.objects.get(code="adults")
    wanted = GuidanceServiceFactory(
        title="Doradztwo Żary", counties=[counties[0]], target_groups=[adults]
    )
    GuidanceServiceFactory(title="Doradztwo gdzie indziej", counties=[counties[1]])
    GuidanceServiceFactory(title="Szkic", status=PublicationStatus.DRAFT, counties=[counties[0]])

    response = anonymous_client.get(
        reverse("guidance:service_list"), {"county": counties[0].pk, "target_group": "adults"}
    )

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [wanted]


def test_service_list_query_count_does_not_grow(
    region, anonymous_client, django_assert_max_num_queries
):
    groups = list(TargetGroup.objects.all()[:2])
    GuidanceServiceFactory.create_batch(12, target_groups=groups)
    with django_assert_max_num_queries(8):
        response = anonymous_client.get(reverse("guidance:service_list"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 12


def test_draft_service_is_hidden_from_the_public_and_other_providers(
    provider, provider_client, anonymous_client, other_provider_client
):
    service = GuidanceServiceFactory(provider=provider, status=PublicationStatus.DRAFT)
    url = reverse("guidance:service_detail", args=[service.pk])
    assert anonymous_client.get(url).status_code == 404
    assert other_provider_client.get(url).status_code == 404
    assert provider_client.get(url).status_code == 200


def test_service_detail_query_ceiling(region, anonymous_client, django_assert_max_num_queries):
    service = GuidanceServiceFactory(target_groups=list(TargetGroup.objects.all()[:3]))
    GuidanceEventFactory.create_batch(4, service=service, provider=service.provider)
    with django_assert_max_num_queries(8):
        response = anonymous_client.get(reverse("guidance:service_detail", args=[service.pk]))
    assert response.status_code == 200
    assert len(response.context["events"]) == 4


def test_service_manage_shows_only_the_providers_services(
    provider, provider_client, coordinator_client
):
    mine = GuidanceServiceFactory(provider=provider, status=PublicationStatus.DRAFT)
    GuidanceServiceFactory()
    response = provider_client.get(reverse("guidance:service_manage"))
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [mine]
    assert (
        coordinator_client.get(reverse("guidance:service_manage"))
        .context["page_obj"]
        .paginator.count
        == 2
    )


def test_service_manage_refuses_people_with_no_institution(
    region, outsider_client, anonymous_client
):
    assert outsider_client.get(reverse("guidance:service_manage")).status_code == 404
    assert anonymous_client.get(reverse("guidance:service_manage")).status_code == 302


def test_provider_adds_a_service_through_the_form(provider, provider_client):
    county = County.objects.in_region().first()
    response = provider_client.post(
        reverse("guidance:service_create"),
        {
            "provider": provider.pk,
            "title": "Testy predyspozycji",
            "kind": "interest_tests",
            "mode": "online",
            "counties": [county.pk],
            "target_groups": [TargetGroup.objects.get(code="pupils").pk],
            "is_free": "on",
            "contact_email": "testy@example.invalid",
        },
    )
    service = GuidanceService.objects.get(title="Testy predyspozycji")
    assert response.status_code == 302
    assert response.url == service.get_absolute_url()
    assert service.status == PublicationStatus.DRAFT


def test_bad_service_form_comes_back_filled_in(provider, provider_client):
    response = provider_client.post(
        reverse("guidance:service_create"), {"provider": provider.pk, "title": "Bez rodzaju"}
    )
    assert response.status_code == 400
    assert response.context["form"]["title"].value() == "Bez rodzaju"
    assert not GuidanceService.objects.exists()


def test_other_provider_cannot_edit_or_publish(provider, other_provider_client):
    service = GuidanceServiceFactory(provider=provider)
    assert (
        other_provider_client.get(reverse("guidance:service_update", args=[service.pk])).status_code
        == 404
    )
    response = other_provider_client.post(
        reverse("guidance:service_status", args=[service.pk]), {"status": "archived"}
    )
    assert response.status_code == 404
    service.refresh_from_db()
    assert service.status == PublicationStatus.PUBLISHED


def test_stale_service_edit_answers_409_and_keeps_the_other_save(
    provider, provider_client, coordinator
):
    from skillshub.guidance import services

    service = GuidanceServiceFactory(provider=provider, title="Stary")
    services.service_update(service=service, actor=coordinator, data={"title": "Biuro"})
    response = provider_client.post(
        reverse("guidance:service_update", args=[service.pk]),
        {
            "provider": provider.pk,
            "title": "Dostawca",
            "kind": service.kind,
            "mode": service.mode,
            "counties": [c.pk for c in service.counties.all()],
            "target_groups": [TargetGroup.objects.get(code="adults").pk],
            "contact_email": service.contact_email,
            "version": 1,
        },
    )
    assert response.status_code == 409
    service.refresh_from_db()
    assert service.title == "Biuro"


def test_provider_publishes_their_service(provider, provider_client):
    service = GuidanceServiceFactory(provider=provider, status=PublicationStatus.DRAFT)
    response = provider_client.post(
        reverse("guidance:service_status", args=[service.pk]), {"status": "published"}
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.status == PublicationStatus.PUBLISHED


# --- Events ---------------------------------------------------------------------------------


def test_event_list_shows_upcoming_published_events_and_past_on_request(region, anonymous_client):
    upcoming = GuidanceEventFactory(title="Przyszłe")
    past_start = timezone.now() - datetime.timedelta(days=3)
    past = GuidanceEventFactory(
        title="Minione", starts_at=past_start, ends_at=past_start + datetime.timedelta(hours=1)
    )
    GuidanceEventFactory(status=EventStatus.DRAFT)
    response = anonymous_client.get(reverse("guidance:event_list"))
    assert list(response.context["page_obj"]) == [upcoming]
    response = anonymous_client.get(reverse("guidance:event_list"), {"past": "on"})
    assert list(response.context["page_obj"]) == [past]


def test_event_list_filters_by_online_and_dates(region, anonymous_client):
    soon = GuidanceEventFactory(
        is_online=True, starts_at=timezone.now() + datetime.timedelta(days=2)
    )
    GuidanceEventFactory(is_online=False, starts_at=timezone.now() + datetime.timedelta(days=2))
    GuidanceEventFactory(is_online=True, starts_at=timezone.now() + datetime.timedelta(days=40))
    day = timezone.localdate() + datetime.timedelta(days=10)
    response = anonymous_client.get(
        reverse("guidance:event_list"), {"online": "true", "date_to": day.isoformat()}
    )
    assert list(response.context["page_obj"]) == [soon]


def test_event_list_query_ceiling(region, anonymous_client, django_assert_max_num_queries):
    for event in GuidanceEventFactory.create_batch(10):
        RegistrationFactory(event=event)
    with django_assert_max_num_queries(8):
        response = anonymous_client.get(reverse("guidance:event_list"))
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 10


def test_event_detail_shows_places_left(region, anonymous_client, django_assert_max_num_queries):
    event = GuidanceEventFactory(capacity=5, target_groups=list(TargetGroup.objects.all()[:3]))
    RegistrationFactory.create_batch(2, event=event)
    RegistrationFactory(event=event, status=RegistrationStatus.CANCELLED)
    with django_assert_max_num_queries(8):
        response = anonymous_client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert response.context["places_left"] == 3
    assert response.context["registration_open"] is True


def test_draft_event_is_hidden_from_the_public(provider, anonymous_client, provider_client):
    event = GuidanceEventFactory(provider=provider, status=EventStatus.DRAFT)
    assert anonymous_client.get(event.get_absolute_url()).status_code == 404
    assert anonymous_client.get(reverse("guidance:event_ics", args=[event.pk])).status_code == 404
    assert provider_client.get(event.get_absolute_url()).status_code == 200


def _register(client, event, **extra):
    data = {
        "full_name": "Anna Testowa",
        "email": "anna@example.invalid",
        "phone": "",
        "privacy_accepted": "on",
        **extra,
    }
    return client.post(reverse("guidance:event_register", args=[event.pk]), data)


def test_citizen_registers_and_is_sent_back_to_the_event_with_the_confirmation(region):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    event = GuidanceEventFactory(capacity=2)
    assert _register(client, event).status_code == 403  # no token: refused
    client.get(event.get_absolute_url())  # the page sets the visitor's CSRF cookie
    response = _register(client, event, csrfmiddlewaretoken=client.cookies["csrftoken"].value)
    assert response.status_code == 302
    assert response.url == event.get_absolute_url()
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert mail.outbox[0].to == ["anna@example.invalid"]
    page = client.get(response.url)
    assert [m.level_tag for m in page.context["messages"]] == ["success"]


def test_registration_on_a_full_event_says_waiting_list(region, anonymous_client):
    event = GuidanceEventFactory(capacity=1)
    RegistrationFactory(event=event)
    response = _register(anonymous_client, event, email="late@example.invalid")
    assert response.status_code == 302
    assert (
        Registration.objects.get(email="late@example.invalid").status == RegistrationStatus.WAITING
    )
    page = anonymous_client.get(response.url)
    assert [m.level_tag for m in page.context["messages"]] == ["info"]


def test_bad_registration_returns_the_form_filled_in(region, anonymous_client):
    event = GuidanceEventFactory()
    response = _register(anonymous_client, event, email="not-an-email", privacy_accepted="")
    assert response.status_code == 400
    form = response.context["form"]
    assert form["full_name"].value() == "Anna Testowa"
    assert {"email", "privacy_accepted"} <= set(form.errors)
    assert not Registration.objects.exists()


def test_double_registration_is_refused_politely(region, anonymous_client):
    event = GuidanceEventFactory()
    _register(anonymous_client, event)
    response = _register(anonymous_client, event, email="ANNA@example.invalid")
    assert response.status_code == 400
    assert "email" in response.context["form"].errors
    assert Registration.objects.count() == 1


def test_registration_for_a_closed_event_is_refused(region, anonymous_client):
    event = GuidanceEventFactory(
        registration_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = _register(anonymous_client, event)
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_get_on_register_goes_back_to_the_event(region, anonymous_client):
    event = GuidanceEventFactory()
    response = anonymous_client.get(reverse("guidance:event_register", args=[event.pk]))
    assert response.status_code == 302


def test_event_ics_and_feed_are_calendars(region, anonymous_client):
    event = GuidanceEventFactory(title="Dzień otwarty")
    GuidanceEventFactory(status=EventStatus.DRAFT, title="Tajny szkic")
    one = anonymous_client.get(reverse("guidance:event_ics", args=[event.pk]))
    assert one.status_code == 200
    assert one["Content-Type"].startswith("text/calendar")
    assert f"UID:{event.uid}@skillshub-guidance" in one.content.decode()
    feed = anonymous_client.get(reverse("guidance:event_feed_ics"))
    assert feed["Content-Type"].startswith("text/calendar")
    body = feed.content.decode()
    assert "Dzień otwarty" in body and "Tajny szkic" not in body


def test_registration_cancel_link_confirms_then_cancels(region, anonymous_client):
    event = GuidanceEventFactory(capacity=1)
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    url = reverse("guidance:registration_cancel", args=[holder.token])
    assert anonymous_client.get(url).status_code == 200
    holder.refresh_from_db()
    assert holder.status == RegistrationStatus.CONFIRMED  # GET changes nothing
    assert anonymous_client.post(url).status_code == 302
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_unknown_cancel_token_is_404(region, anonymous_client):
    url = reverse("guidance:registration_cancel", args=[uuid.uuid4()])
    assert anonymous_client.get(url).status_code == 404
    assert anonymous_client.post(url).status_code == 404


def test_registrations_list_is_for_the_organiser_and_staff(
    provider, provider_client, coordinator_client, other_provider_client, anonymous_client
):
    event = GuidanceEventFactory(provider=provider)
    url = reverse("guidance:event_registrations", args=[event.pk])
    assert provider_client.get(url).status_code == 200
    assert coordinator_client.get(url).status_code == 200
    assert other_provider_client.get(url).status_code == 404
    assert anonymous_client.get(url).status_code == 302


def test_registrations_list_groups_people_and_exports_csv(
    provider, provider_client, django_assert_max_num_queries
):
    event = GuidanceEventFactory(provider=provider, capacity=3)
    RegistrationFactory.create_batch(3, event=event)
    RegistrationFactory.create_batch(2, event=event, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=event, full_name="Odwołany", status=RegistrationStatus.CANCELLED)
    url = reverse("guidance:event_registrations", args=[event.pk])
    # Fixed costs (session, user, the menus of base.html) and the rows: never one per row.
    with django_assert_max_num_queries(12):
        response = provider_client.get(url)
    assert [len(response.context[k]) for k in ("confirmed", "waiting", "cancelled")] == [3, 2, 1]
    csv_response = provider_client.get(url, {"format": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    content = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert len(content.strip().splitlines()) == 7
    assert "Odwołany" in content


def test_organiser_cancels_a_registration_from_the_list(provider, provider_client):
    event = GuidanceEventFactory(provider=provider)
    registration = RegistrationFactory(event=event)
    response = provider_client.post(
        reverse("guidance:registration_cancel", args=[registration.token]),
        {"next": "registrations"},
    )
    assert response.url == reverse("guidance:event_registrations", args=[event.pk])
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_provider_creates_and_publishes_an_event(provider, provider_client):
    starts = timezone.localtime() + datetime.timedelta(days=5)
    response = provider_client.post(
        reverse("guidance:event_create"),
        {
            "provider": provider.pk,
            "title": "Warsztaty CV",
            "kind": "group_workshop",
            "county": County.objects.in_region().first().pk,
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "is_free": "on",
            "capacity": 10,
        },
    )
    event = GuidanceEvent.objects.get(title="Warsztaty CV")
    assert response.status_code == 302
    assert event.status == EventStatus.DRAFT
    provider_client.post(reverse("guidance:event_status", args=[event.pk]), {"status": "published"})
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_event_form_errors_come_back(provider, provider_client):
    response = provider_client.post(
        reverse("guidance:event_create"),
        {"provider": provider.pk, "title": "Bez daty", "kind": "job_fair"},
    )
    assert response.status_code == 400
    assert not GuidanceEvent.objects.exists()


def test_other_provider_cannot_edit_or_cancel_an_event(
    provider, other_provider_client, outsider_client
):
    event = GuidanceEventFactory(provider=provider)
    assert (
        other_provider_client.get(reverse("guidance:event_update", args=[event.pk])).status_code
        == 404
    )
    for client in (other_provider_client, outsider_client):
        response = client.post(
            reverse("guidance:event_status", args=[event.pk]), {"status": "cancelled"}
        )
        assert response.status_code == 404
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_event_manage_lists_the_providers_events(
    provider, provider_client, outsider_client, django_assert_max_num_queries
):
    GuidanceEventFactory.create_batch(5, provider=provider)
    GuidanceEventFactory()
    with django_assert_max_num_queries(10):
        response = provider_client.get(reverse("guidance:event_manage"))
    assert response.context["page_obj"].paginator.count == 5
    assert outsider_client.get(reverse("guidance:event_manage")).status_code == 404
