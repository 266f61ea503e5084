import pytest
from django.db import transaction
from django.urls import reverse

from skillshub.core.models import AuditEntry, County
from skillshub.core.services import audit_record, diff, snapshot

pytestmark = pytest.mark.usefixtures("region")


def test_home_page_is_polish_by_default_with_skip_link_and_landmarks(anonymous_client):
    response = anonymous_client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pl">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "<header" in html and "<nav" in html and "<footer" in html
    assert "Przejdź do treści" in html


def test_language_switch_to_english(anonymous_client):
    response = anonymous_client.get(
        reverse("core:switch_language", args=["en"]), {"next": "/"}, follow=True
    )
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


def test_missing_page_answers_404_with_the_site_layout(anonymous_client):
    response = anonymous_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Nie znaleziono strony" in response.content.decode()


def test_healthz_checks_the_database(anonymous_client):
    assert anonymous_client.get(reverse("core:healthz")).json()["status"] == "ok"


def test_audit_trail_list_is_for_staff_only(coordinator_client, outsider_client, anonymous_client):
    assert coordinator_client.get(reverse("core:audit_list")).status_code == 200
    assert outsider_client.get(reverse("core:audit_list")).status_code == 404
    assert anonymous_client.get(reverse("core:audit_list")).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction(coordinator):
    with pytest.raises(RuntimeError):
        audit_record(actor=coordinator, action="update", obj=coordinator)
    assert not AuditEntry.objects.exists()


def test_audit_record_keeps_before_and_after_of_changed_fields(coordinator):
    county = County.objects.get(teryt="0811")
    before = snapshot(county, ["name", "seat"])
    county.seat = "Żary (test)"
    with transaction.atomic():
        entry = audit_record(
            actor=coordinator,
            action="update",
            obj=county,
            changes=diff(before, snapshot(county, ["name", "seat"])),
        )
    assert entry.changes == {"seat": ["Żary", "Żary (test)"]}
    assert AuditEntry.objects.for_object(county).get() == entry
    assert entry.actor_repr == str(coordinator)


def test_an_english_browser_still_gets_polish_until_it_switches(anonymous_client):
    response = anonymous_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="pl">' in response.content.decode()
    assert response["Content-Language"] == "pl"


def test_language_switch_refuses_an_outside_redirect(anonymous_client):
    response = anonymous_client.get(
        reverse("core:switch_language", args=["en"]), {"next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_an_expired_form_explains_itself_in_polish(region):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("stakeholders:join"), {})
    assert response.status_code == 403
    assert "Formularz wygasł" in response.content.decode()
