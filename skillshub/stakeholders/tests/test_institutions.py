"""Institution pages, edits with conflict detection, archiving and the interaction log."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from skillshub.core.models import AuditEntry, County, StrategyArea
from skillshub.stakeholders import services
from skillshub.stakeholders.choices import InstitutionStatus
from skillshub.stakeholders.exceptions import EditConflict
from skillshub.stakeholders.models import Institution, Interaction

from .factories import ContactPersonFactory, InstitutionFactory, InteractionFactory

pytestmark = pytest.mark.usefixtures("region")


def edit_data(institution: Institution, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": institution.name,
        "short_name": institution.short_name,
        "kind": institution.kind,
        "nip": institution.nip,
        "county": institution.county_id,
        "city": institution.city,
        "listed_publicly": "on" if institution.listed_publicly else "",
        "version": institution.version,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v not in ("", None)}


def test_anonymous_directory_lists_only_listed_active_institutions(anonymous_client):
    listed = InstitutionFactory(name="Widoczna Szkoła Demo")
    InstitutionFactory(name="Niewidoczna Szkoła Demo", listed_publicly=False)
    InstitutionFactory(name="Zarchiwizowana Szkoła Demo", status=InstitutionStatus.ARCHIVED)
    response = anonymous_client.get(reverse("stakeholders:institution_list"))
    assert list(response.context["page_obj"]) == [listed]


def test_coordinator_directory_lists_everything(coordinator_client):
    InstitutionFactory.create_batch(2)
    InstitutionFactory(listed_publicly=False)
    response = coordinator_client.get(reverse("stakeholders:institution_list"))
    assert response.context["page_obj"].paginator.count == 3


def test_directory_filters_by_county_kind_and_folded_name(anonymous_client):
    zary = County.objects.get(teryt="0811")
    target = InstitutionFactory(name="ŻARSKIE Centrum Demo", county=zary, kind="school")
    InstitutionFactory(name="Żarskie Biuro Demo", county=zary, kind="ngo")
    InstitutionFactory(name="Inne Centrum Demo", kind="school")
    url = reverse("stakeholders:institution_list")
    response = anonymous_client.get(
        url, {"q": "żarskie centrum", "county": zary.pk, "kind": "school"}
    )
    assert list(response.context["page_obj"]) == [target]


def test_directory_filters_by_area_of_interest(anonymous_client):
    area = StrategyArea.objects.get(part="detailed", number=6)
    target = InstitutionFactory(areas=[area])
    InstitutionFactory()
    response = anonymous_client.get(reverse("stakeholders:institution_list"), {"area": area.pk})
    assert list(response.context["page_obj"]) == [target]


def test_directory_htmx_request_renders_only_the_results(anonymous_client):
    InstitutionFactory()
    response = anonymous_client.get(
        reverse("stakeholders:institution_list"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    assert b"<html" not in response.content
    assert b"<table" in response.content


@pytest.mark.parametrize("rows", [5, 60])
def test_directory_query_count_does_not_grow_with_data(
    coordinator_client, django_assert_max_num_queries, rows
):
    area = StrategyArea.objects.filter(part="detailed").first()
    for _ in range(rows):
        InstitutionFactory(areas=[area])
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(
            reverse("stakeholders:institution_list"), {"kind": "training_provider", "page": 2}
        )
    assert response.status_code == 200


def test_institution_page_query_ceiling(coordinator_client, django_assert_max_num_queries):
    institution = InstitutionFactory()
    for _ in range(5):
        ContactPersonFactory(institution=institution)
        InteractionFactory(institution=institution)
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(institution.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["contacts"]) == 5


def test_anonymous_cannot_see_an_unlisted_institution(anonymous_client):
    hidden = InstitutionFactory(listed_publicly=False)
    assert anonymous_client.get(hidden.get_absolute_url()).status_code == 404


def test_public_page_hides_contacts_and_interactions(anonymous_client):
    institution = InstitutionFactory()
    ContactPersonFactory(institution=institution, last_name="Niewidoczna")
    response = anonymous_client.get(institution.get_absolute_url())
    assert response.status_code == 200
    assert b"Niewidoczna" not in response.content
    assert "timeline" not in response.context


def test_contact_of_the_institution_can_edit_it(client, stakeholder_contact):
    institution = InstitutionFactory(listed_publicly=False)
    ContactPersonFactory(institution=institution, user=stakeholder_contact)
    client.force_login(stakeholder_contact)
    url = reverse("stakeholders:institution_edit", args=[institution.pk])
    response = client.post(url, edit_data(institution, city="Nowa Sól"))
    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.city == "Nowa Sól"


def test_outsider_cannot_edit_an_institution(outsider_client):
    institution = InstitutionFactory()
    url = reverse("stakeholders:institution_edit", args=[institution.pk])
    assert outsider_client.post(url, edit_data(institution, city="X")).status_code == 404
    institution.refresh_from_db()
    assert institution.city != "X"


def test_coordinator_creates_an_institution_and_it_is_audited(coordinator_client):
    county = County.objects.get(teryt="0862")
    response = coordinator_client.post(
        reverse("stakeholders:institution_create"),
        {
            "name": "Demo Centrum Kształcenia Ustawicznego",
            "kind": "ckz_cku",
            "county": county.pk,
            "city": "Zielona Góra",
            "nip": "1234563218",
            "listed_publicly": "on",
        },
    )
    assert response.status_code == 302
    institution = Institution.objects.get()
    entry = AuditEntry.objects.for_object(institution).get()
    assert entry.changes["name"] == [None, "Demo Centrum Kształcenia Ustawicznego"]


def test_bad_identifiers_get_clear_messages_and_nothing_is_saved(coordinator_client):
    county = County.objects.get(teryt="0862")
    response = coordinator_client.post(
        reverse("stakeholders:institution_create"),
        {
            "name": "Demo",
            "kind": "ngo",
            "county": county.pk,
            "nip": "1234563219",
            "regon": "12345",
            "krs": "12ab",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"nip", "regon", "krs"}
    assert Institution.objects.count() == 0
    assert response.context["form"]["name"].value() == "Demo"


def test_duplicate_nip_is_refused_with_a_message(coordinator_client):
    existing = InstitutionFactory()
    response = coordinator_client.post(
        reverse("stakeholders:institution_create"),
        {"name": "Kopia", "kind": "ngo", "county": existing.county_id, "nip": existing.nip},
    )
    assert response.status_code == 200
    assert "nip" in response.context["form"].errors
    assert Institution.objects.count() == 1


def test_commune_must_lie_in_the_chosen_county(coordinator_client):
    institution = InstitutionFactory(county=County.objects.get(teryt="0811"))
    other = County.objects.get(teryt="0801").communes.first()
    url = reverse("stakeholders:institution_edit", args=[institution.pk])
    response = coordinator_client.post(url, edit_data(institution, commune=other.pk))
    assert "commune" in response.context["form"].errors


def test_second_save_of_a_stale_form_is_a_conflict_showing_both_values(
    coordinator_client, coordinator
):
    institution = InstitutionFactory(city="Żary")
    stale = edit_data(institution, city="Żagań")
    services.institution_update(
        institution=institution,
        actor=coordinator,
        data={"city": "Lubsko"},
        expected_version=institution.version,
    )
    url = reverse("stakeholders:institution_edit", args=[institution.pk])
    response = coordinator_client.post(url, stale)
    assert response.status_code == 409
    assert response.context["conflict"].changes["city"] == ("Lubsko", "Żagań")
    assert b"Lubsko" in response.content and "Żagań".encode() in response.content
    institution.refresh_from_db()
    assert institution.city == "Lubsko"
    # The form now carries the new version: saving again is a deliberate overwrite.
    again = coordinator_client.post(url, edit_data(institution, city="Żagań"))
    assert again.status_code == 302
    institution.refresh_from_db()
    assert institution.city == "Żagań"


def test_service_refuses_stale_version(coordinator):
    institution = InstitutionFactory()
    services.institution_update(institution=institution, actor=coordinator, data={"city": "A"})
    with pytest.raises(EditConflict):
        services.institution_update(
            institution=institution, actor=coordinator, data={"city": "B"}, expected_version=1
        )


def test_saving_without_changes_writes_no_audit_entry(coordinator):
    institution = InstitutionFactory()
    services.institution_update(
        institution=institution, actor=coordinator, data={"city": institution.city}
    )
    assert not AuditEntry.objects.for_object(institution).exists()


def test_archiving_keeps_history_and_hides_from_public(coordinator_client, anonymous_client):
    institution = InstitutionFactory()
    InteractionFactory(institution=institution)
    url = reverse("stakeholders:institution_status", args=[institution.pk])
    coordinator_client.post(url, {"status": "archived"})
    institution.refresh_from_db()
    assert institution.is_archived
    assert institution.interactions.count() == 1
    assert anonymous_client.get(institution.get_absolute_url()).status_code == 404
    coordinator_client.post(url, {"status": "active"})
    institution.refresh_from_db()
    assert not institution.is_archived
    verbs = list(AuditEntry.objects.for_object(institution).values_list("verb", flat=True))
    assert verbs == ["institution_restore", "institution_archive"]


def test_coordinator_logs_an_interaction_with_a_follow_up(coordinator_client, coordinator):
    institution = InstitutionFactory()
    person = ContactPersonFactory(institution=institution)
    url = reverse("stakeholders:interaction_create", args=[institution.pk])
    response = coordinator_client.post(
        url,
        {
            "kind": "meeting",
            "date": "2026-11-20",
            "subject": "Rozmowa o kursach KKZ",
            "contacts": [person.pk],
            "follow_up": "Wysłać ofertę",
            "follow_up_due": "2026-11-30",
        },
    )
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    assert interaction.staff == coordinator
    assert list(interaction.contacts.all()) == [person]
    page = coordinator_client.get(institution.get_absolute_url())
    assert "Rozmowa o kursach KKZ" in page.content.decode()
    done = reverse("stakeholders:interaction_follow_up_done", args=[interaction.pk])
    coordinator_client.post(done)
    interaction.refresh_from_db()
    assert interaction.follow_up_done


def test_follow_up_due_before_the_interaction_is_refused(coordinator_client):
    institution = InstitutionFactory()
    url = reverse("stakeholders:interaction_create", args=[institution.pk])
    response = coordinator_client.post(
        url,
        {
            "kind": "call",
            "date": "2026-11-20",
            "subject": "Telefon",
            "follow_up": "Oddzwonić",
            "follow_up_due": str(datetime.date(2026, 11, 1)),
        },
    )
    assert response.status_code == 400
    assert "follow_up_due" in response.context["form"].errors
    assert Interaction.objects.count() == 0


def test_outsider_cannot_log_interactions(outsider_client):
    institution = InstitutionFactory()
    url = reverse("stakeholders:interaction_create", args=[institution.pk])
    response = outsider_client.post(url, {"kind": "call", "date": "2026-11-20", "subject": "x"})
    assert response.status_code == 404
    assert Interaction.objects.count() == 0


def test_audit_trail_of_an_institution_is_browsable_by_staff_only(
    coordinator_client, outsider_client, coordinator
):
    institution = InstitutionFactory()
    services.institution_update(
        institution=institution, actor=coordinator, data={"city": "Sulęcin"}
    )
    entry = AuditEntry.objects.for_object(institution).get()
    response = coordinator_client.get(entry.get_absolute_url())
    assert "Sulęcin" in response.content.decode()
    assert outsider_client.get(entry.get_absolute_url()).status_code == 404


def test_contact_sees_a_link_to_their_own_institution(client, stakeholder_contact):
    institution = InstitutionFactory(listed_publicly=False)
    ContactPersonFactory(institution=institution, user=stakeholder_contact)
    client.force_login(stakeholder_contact)
    page = client.get("/")
    assert institution.get_absolute_url() in page.content.decode()
    assert client.get(institution.get_absolute_url()).status_code == 200


def test_htmx_results_carry_export_links_with_the_current_filters(anonymous_client):
    InstitutionFactory()
    response = anonymous_client.get(
        reverse("stakeholders:institution_list"),
        {"kind": "school"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="results",
    )
    assert reverse("stakeholders:export_csv") + "?kind=school" in response.content.decode()


def test_follow_ups_list_shows_open_ones_most_urgent_first_and_flags_overdue(
    coordinator_client, coordinator, django_assert_max_num_queries
):
    today = datetime.date.today()
    later = InteractionFactory(
        follow_up="Później", follow_up_due=today + datetime.timedelta(days=9)
    )
    overdue = InteractionFactory(
        follow_up="Zaległe", follow_up_due=today - datetime.timedelta(days=2)
    )
    InteractionFactory(follow_up="Zrobione", follow_up_done=True)
    InteractionFactory(follow_up="")
    for _ in range(10):
        InteractionFactory(follow_up="Inne", follow_up_due=today + datetime.timedelta(days=30))
    with django_assert_max_num_queries(10):
        response = coordinator_client.get(reverse("stakeholders:follow_up_list"))
    items = list(response.context["page_obj"])
    assert items[:2] == [overdue, later]
    assert len(items) == 12
    assert response.content.decode().count('class="badge rejected overdue"') == 1


def test_outsider_cannot_see_follow_ups(outsider_client):
    assert outsider_client.get(reverse("stakeholders:follow_up_list")).status_code == 404


def test_commune_choices_follow_the_chosen_county(coordinator_client, client):
    zary = County.objects.get(teryt="0811")
    institution = InstitutionFactory(county=zary)
    form = coordinator_client.get(reverse("stakeholders:institution_edit", args=[institution.pk]))
    communes = form.context["form"].fields["commune"].queryset
    assert communes.exists() and not communes.exclude(county=zary).exists()
    options = client.get(
        reverse("stakeholders:commune_options"), {"county": zary.pk}
    ).content.decode()
    assert options.count("<option") == zary.communes.count() + 1
    assert "Lubsko" in options  # a commune of powiat żarski
