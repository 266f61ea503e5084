"""The issue's 'done when' path, as a new user would walk it, through the real views."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from skillshub.core.models import AuditEntry, County
from skillshub.stakeholders.models import Institution, JoinApplication


@pytest.mark.django_db
def test_apply_accept_find_export_log_and_audit(region, coordinator):
    # 1. An institution applies to join, anonymously.
    public = Client()
    form = public.get(reverse("stakeholders:join"))
    key = form.context["form"]["submission_key"].value()
    assert uuid.UUID(str(key))
    response = public.post(
        reverse("stakeholders:join"),
        {
            "submission_key": key,
            "institution_name": "Fikcyjne Centrum Kształcenia Ustawicznego w Żarach",
            "kind": "ckz_cku",
            "county": County.objects.get(teryt="0811").pk,
            "city": "Żary",
            "contact_first_name": "Demo",
            "contact_last_name": "Wnioskodawca",
            "contact_email": "wnioskodawca@example.invalid",
            "consent_contact": "on",
            "consent_listing": "on",
            "privacy": "on",
        },
        follow=True,
    )
    assert "Dziękujemy" in response.content.decode()
    application = JoinApplication.objects.get()

    # 2. The office accepts it.
    office = Client()
    office.force_login(coordinator)
    listing = office.get(reverse("stakeholders:application_list"))
    assert application in listing.context["page_obj"]
    office.post(application.get_absolute_url(), {"decision": "accept"})
    institution = Institution.objects.get()
    assert [m.to for m in mail.outbox][-1] == ["wnioskodawca@example.invalid"]

    # 3. Anyone finds it in the directory.
    found = public.get(reverse("stakeholders:institution_list"), {"q": "centrum kształcenia"})
    assert institution in found.context["page_obj"]

    # 4. The list exports with the same filter.
    export = public.get(reverse("stakeholders:export_csv"), {"q": "centrum kształcenia"})
    assert institution.name in b"".join(export.streaming_content).decode()

    # 5. The office logs an interaction.
    office.post(
        reverse("stakeholders:interaction_create", args=[institution.pk]),
        {"kind": "call", "date": "2026-11-24", "subject": "Powitanie w sieci"},
    )
    page = office.get(institution.get_absolute_url())
    assert "Powitanie w sieci" in page.content.decode()

    # 6. All of it is in the audit trail.
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {
        "application_submit",
        "application_accept",
        "contact_create",
        "consent_record",
        "interaction_log",
    } <= verbs
    trail = office.get(AuditEntry.objects.for_object(institution).first().get_absolute_url())
    assert "Powitanie w sieci" in trail.content.decode()
