from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from skillshub.labour_market.choices import ImportKind, ImportStatus
from skillshub.labour_market.models import ImportRun, MzdinCount
from skillshub.labour_market.tests.factories import ImportRunFactory, occupation_with_ancestors

pytestmark = pytest.mark.django_db

STAFF_URLS = [
    ("labour_market:import_list", []),
    ("labour_market:mzdin_import", []),
    ("labour_market:forecast_import", []),
    ("labour_market:supply_import", []),
    ("labour_market:import_template", ["mzdin"]),
]


@pytest.mark.parametrize(("name", "args"), STAFF_URLS)
def test_outsider_and_anonymous_cannot_reach_imports(outsider_client, anonymous_client, name, args):  # type: ignore[no-untyped-def]
    url = reverse(name, args=args)
    assert outsider_client.get(url).status_code == 404
    assert anonymous_client.get(url).status_code == 302  # to the login page


@pytest.mark.parametrize(("name", "args"), STAFF_URLS)
def test_staff_reach_imports(coordinator_client, name, args):  # type: ignore[no-untyped-def]
    assert coordinator_client.get(reverse(name, args=args)).status_code == 200


def test_a_team_member_cannot_see_an_import_report(client, team_member):  # type: ignore[no-untyped-def]
    run = ImportRunFactory()
    client.force_login(team_member)
    assert client.get(run.get_absolute_url()).status_code == 404


def test_an_unknown_template_is_404(coordinator_client):  # type: ignore[no-untyped-def]
    url = reverse("labour_market:import_template", args=["secrets"])
    assert coordinator_client.get(url).status_code == 404


def test_the_template_downloads_as_csv(coordinator_client):  # type: ignore[no-untyped-def]
    response = coordinator_client.get(reverse("labour_market:import_template", args=["men"]))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").startswith("rok;kod_zawodu;zapotrzebowanie")


def test_uploading_a_file_redirects_to_its_report(region, coordinator_client):  # type: ignore[no-untyped-def]
    occupation_with_ancestors("722204", "Spawacz")
    upload = SimpleUploadedFile(
        "mzdin.csv", b"kod_zawodu;teryt;O;B;Bn;Bo;Bd\n722204;0811;1;2;3;4;5\n"
    )
    response = coordinator_client.post(
        reverse("labour_market:mzdin_import"), {"file": upload, "period": "2024-h2"}
    )
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response.url == run.get_absolute_url()
    assert (run.status, run.period) == (ImportStatus.SUCCEEDED, "2024-H2")
    assert MzdinCount.objects.get().period == "2024-H2"
    page = coordinator_client.get(response.url)
    assert page.status_code == 200
    assert b"mzdin.csv" in page.content


def test_a_rejected_file_shows_its_errors(region, coordinator_client):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile(
        "bad.csv", b"kod_zawodu;teryt;okres;O;B;Bn;Bo;Bd\n123;0811;2024;1;1;1;1;1\n"
    )
    response = coordinator_client.post(
        reverse("labour_market:mzdin_import"), {"file": upload}, follow=True
    )
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.FAILED
    assert response.status_code == 200
    assert "<code>kod_zawodu</code>" in response.content.decode()
    assert not MzdinCount.objects.exists()


def test_a_bad_period_on_the_form_is_refused(coordinator_client):  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("m.csv", b"x\n1\n")
    response = coordinator_client.post(
        reverse("labour_market:mzdin_import"), {"file": upload, "period": "2024-Q1"}
    )
    assert response.status_code == 400
    assert not ImportRun.objects.exists()


def test_the_import_list_filters_and_its_queries_do_not_grow(
    coordinator_client, coordinator, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    for _n in range(30):
        ImportRunFactory(created_by=coordinator)
    ImportRunFactory(kind=ImportKind.MEN_FORECAST, period="2025", source_name="men.csv")
    with django_assert_max_num_queries(8):
        response = coordinator_client.get(reverse("labour_market:import_list"))
    assert response.status_code == 200
    response = coordinator_client.get(
        reverse("labour_market:import_list"), {"kind": "men_forecast"}
    )
    assert b"men.csv" in response.content
    assert response.context["page_obj"].paginator.count == 1


def test_the_report_pages_its_errors_and_shows_the_replacement(
    coordinator_client, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    errors = [{"row": n, "column": "O", "reason": f"bad {n}"} for n in range(2, 302)]
    new = ImportRunFactory(source_name="new.csv")
    old = ImportRunFactory(
        status=ImportStatus.REPLACED, replaced_by=new, errors=errors, source_name="old.csv"
    )
    with django_assert_max_num_queries(8):
        response = coordinator_client.get(old.get_absolute_url())
    content = response.content.decode()
    assert "new.csv" in content
    assert "bad 2<" in content and "bad 102<" not in content
    response = coordinator_client.get(old.get_absolute_url(), {"page": 2})
    assert "bad 102<" in response.content.decode()
    assert "old.csv" in coordinator_client.get(new.get_absolute_url()).content.decode()
