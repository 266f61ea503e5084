"""Log-in, lockout after repeated failures, password reset by e-mail, log-out."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from freezegun import freeze_time

from skillshub.accounts.tests.factories import UserFactory

LOGIN = reverse("accounts:login")
PASSWORD = "demo-password-123"


@pytest.fixture
def person(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="osoba", email="osoba@example.invalid")


def attempt(client, password):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": "osoba", "password": password})


def test_correct_password_logs_in(client, person):
    assert attempt(client, PASSWORD).status_code == 302
    assert client.session.get("_auth_user_id") == str(person.pk)


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, person, settings):
    with freeze_time("2026-11-24 10:00"):
        for _ in range(settings.LOGIN_LOCKOUT_ATTEMPTS):
            assert attempt(client, "wrong").status_code == 200
        response = attempt(client, PASSWORD)
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
        assert (
            response.context["form"]
            .errors["__all__"][0]
            .startswith(("Too many failed", "Zbyt wiele"))
        )
    with freeze_time("2026-11-24 10:16"):
        assert attempt(client, PASSWORD).status_code == 302


def test_a_successful_log_in_clears_earlier_failures(client, person, settings):
    for _ in range(settings.LOGIN_LOCKOUT_ATTEMPTS - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(settings.LOGIN_LOCKOUT_ATTEMPTS - 1):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302


def test_password_reset_by_e_mail(client, person):
    client.post(reverse("accounts:password_reset"), {"email": "osoba@example.invalid"})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nowe-Haslo-2026!", "new_password2": "Nowe-Haslo-2026!"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Nowe-Haslo-2026!")


def test_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nikt@example.invalid"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_log_out_is_a_post(client, person):
    client.force_login(person)
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session
