"""CSV, XLSX and the PDF register of matters: who may have them, and what they hold."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from skillshub.core.models import County, StrategyArea
from skillshub.matters import exports
from skillshub.matters.choices import Decision, Urgency
from skillshub.matters.choices import MatterState as S
from skillshub.stakeholders.tests.factories import InstitutionFactory

from .factories import MatterFactory, ProposalFactory

pytestmark = pytest.mark.django_db

CSV = reverse("matters:matter_export_csv")
XLSX = reverse("matters:matter_export_xlsx")
PDF = reverse("matters:matter_register_pdf")


@pytest.fixture
def matters(region, member, other_member):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    on_agenda = MatterFactory(
        title="Doradztwo zawodowe w szkołach",
        raised_by=member,
        on_behalf_of=InstitutionFactory(name="Centrum Kształcenia Ustawicznego"),
        state=S.ON_AGENDA,
        urgency=Urgency.HIGH,
        proposal_due=today - datetime.timedelta(days=3),
        sitting_key="meeting:4",
        sitting_label="IV posiedzenie WZK",
    )
    on_agenda.areas.add(*StrategyArea.objects.filter(part="detailed").order_by("number")[:2])
    on_agenda.counties.add(County.objects.in_region().order_by("teryt").first())
    ProposalFactory(matter=on_agenda, number=1, text="Pierwsza wersja propozycji.")
    ProposalFactory(
        matter=on_agenda,
        number=2,
        text="Druga wersja: szkolenia dla doradców.",
        options=[{"title": "Wariant A", "text": "Szkolenia"}, {"title": "Wariant Ż", "text": ""}],
        recommended=1,
    )
    decided = MatterFactory(
        title="Kwalifikacje rynkowe",
        raised_by=other_member,
        state=S.DECIDED,
        decision=Decision.AMENDED,
        decision_label="Stanowisko nr 2/2025",
        decided_on=today,
        sitting_key="meeting:4",
        sitting_label="IV posiedzenie WZK",
    )
    return {
        "on_agenda": on_agenda,
        "decided": decided,
        "other_sitting": MatterFactory(
            title="Inne posiedzenie", state=S.ON_AGENDA, sitting_key="meeting:5"
        ),
        "open": MatterFactory(title="Przyjęta do prac", state=S.ACCEPTED),
        "draft": MatterFactory(title="Szkic", raised_by=member),
        "closed": MatterFactory(title="Zamknięta", state=S.CLOSED),
        "confidential": MatterFactory(
            title="Poufna", raised_by=other_member, state=S.SUBMITTED, confidential=True
        ),
    }


def _csv_rows(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


@pytest.fixture
def register_html(monkeypatch):  # type: ignore[no-untyped-def]
    """What the view put in the PDF: the HTML WeasyPrint was given (no PDF text extractor here)."""
    rendered: list[str] = []
    original = exports.register_html

    def spy(**kwargs):  # type: ignore[no-untyped-def]
        rendered.append(original(**kwargs))
        return rendered[-1]

    monkeypatch.setattr(exports, "register_html", spy)
    return rendered


# Who may export


@pytest.mark.parametrize("url", [CSV, XLSX, PDF])
def test_members_outsiders_and_anonymous_get_404(
    url, member_client, outsider_client, anonymous_client, matters
):  # type: ignore[no-untyped-def]
    assert member_client.get(url).status_code == 404
    assert outsider_client.get(url).status_code == 404
    assert anonymous_client.get(url).status_code == 404


# CSV


def test_csv_lists_every_matter_with_its_columns(coordinator_client, matters):  # type: ignore[no-untyped-def]
    response = coordinator_client.get(CSV)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv_rows(response)
    header, body = rows[0], rows[1:]
    assert len(header) == 19 and header[0] == "ID"
    assert {int(r[0]) for r in body} == {m.pk for m in matters.values()}
    row = next(r for r in body if int(r[0]) == matters["on_agenda"].pk)
    assert row[1] == "Doradztwo zawodowe w szkołach"
    assert row[3] == str(matters["on_agenda"].raised_by)
    assert row[4] == "Centrum Kształcenia Ustawicznego"
    numbers = StrategyArea.objects.filter(part="detailed").order_by("number")[:2]
    assert row[5] == ",".join(str(a.number) for a in numbers)
    assert row[6] == County.objects.in_region().order_by("teryt").first().name
    assert row[8] == matters["on_agenda"].proposal_due.isoformat()
    assert row[10] == "IV posiedzenie WZK"
    decided = next(r for r in body if int(r[0]) == matters["decided"].pk)
    assert decided[12] == "Stanowisko nr 2/2025"


def test_csv_follows_the_list_filters(coordinator_client, matters):  # type: ignore[no-untyped-def]
    rows = _csv_rows(coordinator_client.get(CSV, {"state": S.ON_AGENDA, "q": "DORADZTWO"}))
    assert [int(r[0]) for r in rows[1:]] == [matters["on_agenda"].pk]


def test_csv_query_count_does_not_grow_with_matters(
    coordinator_client, matters, django_assert_max_num_queries
):  # type: ignore[no-untyped-def]
    for _ in range(30):
        m = MatterFactory(state=S.SUBMITTED, on_behalf_of=matters["on_agenda"].on_behalf_of)
        m.areas.add(*matters["on_agenda"].areas.all())
    with django_assert_max_num_queries(8):
        rows = _csv_rows(coordinator_client.get(CSV))
    assert len(rows) == 1 + 30 + len(matters)


# XLSX


def test_xlsx_reopens_with_the_filtered_matters(coordinator_client, matters):  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    response = coordinator_client.get(XLSX, {"urgency": Urgency.HIGH})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert len(rows[0]) == 19
    assert [r[0] for r in rows[1:]] == [matters["on_agenda"].pk]
    assert rows[1][1] == "Doradztwo zawodowe w szkołach"
    assert rows[1][4] == "Centrum Kształcenia Ustawicznego"


# The PDF register


def test_register_for_a_sitting_lists_its_matters_only(coordinator_client, matters, register_html):  # type: ignore[no-untyped-def]
    response = coordinator_client.get(PDF, {"sitting": "meeting:4"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    [text] = register_html
    assert "Rejestr kwestii" in text and "Strona" in text
    assert "Doradztwo zawodowe w szkołach" in text
    assert "Kwalifikacje rynkowe" in text
    assert "Inne posiedzenie" not in text
    assert "Przyjęta do prac" not in text
    # The current proposal and its recommended option; Polish letters survive.
    assert "Druga wersja: szkolenia dla doradców." in text
    assert "Pierwsza wersja" not in text
    assert "Wariant Ż" in text
    assert "Centrum Kształcenia Ustawicznego" in text


def test_register_without_a_sitting_lists_open_matters(coordinator_client, matters, register_html):  # type: ignore[no-untyped-def]
    response = coordinator_client.get(PDF)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    [text] = register_html
    assert "Przyjęta do prac" in text and "Inne posiedzenie" in text
    assert "Kwalifikacje rynkowe" in text  # decided, not yet closed
    assert "Szkic" not in text and "Zamknięta" not in text


@pytest.mark.parametrize("key", ["meeting", "meeting:abc", "<script>", "x" * 60 + ":1"])
def test_register_refuses_a_malformed_sitting_key(coordinator_client, matters, key):  # type: ignore[no-untyped-def]
    response = coordinator_client.get(PDF, {"sitting": key})
    assert response.status_code == 400
    assert not response.content.startswith(b"%PDF")
