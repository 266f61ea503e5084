import pytest
from django.urls import reverse

from skillshub.accounts.models import ApiToken, hash_token
from skillshub.accounts.services import api_token_user
from skillshub.core.models import AuditEntry


def test_coordinator_creates_a_token_shown_once_and_stored_hashed(coordinator_client, coordinator):
    response = coordinator_client.post(reverse("accounts:token_list"), {"name": "skrypt"})
    key = response.context["new_key"]
    token = ApiToken.objects.get()
    assert token.key_hash == hash_token(key) and key not in token.key_hash
    assert api_token_user(key=key) == coordinator
    assert AuditEntry.objects.filter(verb="api_token_create").exists()
    again = coordinator_client.get(reverse("accounts:token_list"))
    assert key.encode() not in again.content


def test_revoked_token_no_longer_authenticates(coordinator_client):
    response = coordinator_client.post(reverse("accounts:token_list"), {"name": "skrypt"})
    key = response.context["new_key"]
    token = ApiToken.objects.get()
    coordinator_client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert api_token_user(key=key) is None


@pytest.mark.django_db
def test_non_staff_have_no_token_page(outsider_client):
    assert outsider_client.get(reverse("accounts:token_list")).status_code == 404
