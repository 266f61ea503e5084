"""The gap analysis as XLSX and as the PDF brief for the WZK."""

from __future__ import annotations

import io
import re
import zlib

import pytest
from django.urls import reverse

from skillshub.labour_market import exports
from skillshub.labour_market.selectors_gaps import gap_report
from skillshub.labour_market.tests.factories import ImportRunFactory, county, zary_gap_scenario


@pytest.fixture
def scenario(region):  # type: ignore[no-untyped-def]
    return zary_gap_scenario()


@pytest.mark.django_db
def test_the_xlsx_has_the_filtered_rows_with_their_flags_and_sources(coordinator_client, scenario):
    from openpyxl import load_workbook

    response = coordinator_client.get(reverse("labour_market:gap_xlsx"), {"county": "0811"})
    assert response.status_code == 200
    assert "analiza-luk-0811-" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Luki", "Źródła – Sources"]
    sheet = book["Luki"]
    header = [c.value for c in sheet[1]]
    assert header == exports.HEADER
    rows = {
        r[2]: dict(zip(header, r, strict=True))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    }
    assert len(rows) == 6
    unmet = rows[scenario["unmet_mzdin"].code]
    assert unmet["flaga"] == "NIEZASPOKOJONA POTRZEBA"
    assert (unmet["O (oferty)"], unmet["B (bezrobotni)"], unmet["W = O/B"]) == (30, 10, 3.0)
    assert unmet["dowody"].startswith("MZDiN 2025-H1 (MZDiN-2015 v1): O=30, B=10, W=3.00")
    over = rows[scenario["oversupply"].code]
    assert (over["flaga"], over["uczniowie w powiecie"], over["w tym KKZ"]) == ("NADPODAŻ", 60, 1)
    assert rows[scenario["unmet_barometr"].code]["Barometr: panel"] == "Panel PUP żarski"
    sources = [tuple(r) for r in book["Źródła – Sources"].iter_rows(values_only=True)]
    assert ("MZDiN: okres", "2025-H1") in sources
    assert ("MZDiN: zestaw progów", "MZDiN-2015 v1") in sources
    assert not any(r[0] == "UWAGA" for r in sources)


@pytest.mark.django_db
def test_the_xlsx_says_when_the_data_is_the_synthetic_demo(coordinator_client, scenario):
    from openpyxl import load_workbook

    ImportRunFactory(source_name="demo-mzdin-2025-H1.csv (dane demonstracyjne, syntetyczne)")
    response = coordinator_client.get(reverse("labour_market:gap_xlsx"), {"flag": "oversupply"})
    book = load_workbook(io.BytesIO(response.content))
    assert [r[5] for r in book["Luki"].iter_rows(min_row=2, values_only=True)] == ["NADPODAŻ"]
    sources = [tuple(r) for r in book["Źródła – Sources"].iter_rows(values_only=True)]
    assert ("UWAGA", exports.DEMO_NOTE) in sources


@pytest.mark.django_db
def test_the_brief_names_the_county_its_sources_and_both_flags(scenario):
    ImportRunFactory(source_name="demo-mzdin-2025-H1.csv (dane demonstracyjne, syntetyczne)")
    html = exports.brief_html(gap_report(county=county("0811")))
    assert "Analiza luk kształcenia zawodowego: powiat żarski" in html
    assert "MZDiN-2015 v1" in html and "2025-H1" in html
    assert "Mechanik pojazdów samochodowych" in html  # an unmet need
    assert "Sprzedawca" in html  # oversupply
    assert "doi.org/10.18150/SX0E7G" in html
    assert "Dane demonstracyjne (syntetyczne)" in html


@pytest.mark.django_db
def test_the_pdf_brief_downloads(coordinator_client, scenario):
    response = coordinator_client.get(reverse("labour_market:gap_pdf"), {"county": "0811"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # The document's title (its metadata) names the county.
    title = "Analiza luk kształcenia zawodowego: powiat żarski"
    assert title in _pdf_strings(response.content)


def _pdf_strings(pdf: bytes) -> str:
    """The PDF's strings in UTF-16 (its metadata), found in its streams, compressed or not."""
    chunks = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    found = []
    for chunk in chunks:
        for literal in re.findall(rb"<[Ff][Ee][Ff][Ff]([0-9A-Fa-f]+)>", chunk):
            found.append(bytes.fromhex(literal.decode()).decode("utf-16-be", "replace"))
        for literal in re.findall(rb"\(\xfe\xff(.*?)\)", chunk, re.S):
            found.append(literal.decode("utf-16-be", "replace"))
    return "\n".join(found)
