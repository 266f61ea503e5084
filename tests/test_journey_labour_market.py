"""Issue 7's 'done when', walked through the real views on the demo data. Office staff:

1. import an MZDiN file (and a broken one, which is rejected with its report);
2. run a Barometr round with two panels entering their ratings;
3. import the MEN list;
4. open the gap analysis for powiat żarski and see its flags with their evidence;
5. export the WZK brief as PDF.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from skillshub.accounts.models import User
from skillshub.labour_market.choices import ImportKind, ImportStatus, RoundStatus
from skillshub.labour_market.models import (
    BarometrPanel,
    BarometrRating,
    BarometrRound,
    ForecastEntry,
    ImportRun,
    MzdinCount,
    MzdinResult,
)


def _csv(text: str, name: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


@pytest.mark.django_db
def test_office_builds_the_evidence_and_briefs_the_wzk(region):
    call_command("seed_demo", stdout=io.StringIO())
    office = Client()
    office.force_login(User.objects.get(username="biuro"))

    # 1. A broken file (an unknown county, a negative count, a duplicated row) is rejected with
    #    row, column and reason, and writes nothing; a good one (in cp1250, as offices send
    #    them) is imported and computed.
    before = MzdinCount.objects.count()
    broken = (
        "kod_zawodu;teryt;O;B;Bn;Bo;Bd\n"
        "832201;0811;5;2;1;1;0\n"
        "832201;9999;5;2;1;1;0\n"
        "741103;0811;-3;2;1;1;0\n"
        "832201;0811;5;2;1;1;0\n"
    )
    response = office.post(
        reverse("labour_market:mzdin_import"),
        {"file": _csv(broken, "zly.csv"), "period": "2026-H1"},
    )
    run = ImportRun.objects.filter(kind=ImportKind.MZDIN).latest("pk")
    assert response.status_code == 302 and response.url == run.get_absolute_url()
    assert run.status == ImportStatus.FAILED
    assert {(e["row"], e["column"]) for e in run.errors} >= {(3, "teryt"), (4, "O")}
    assert any(e["row"] == 5 for e in run.errors)  # the duplicate
    assert MzdinCount.objects.count() == before
    report = office.get(run.get_absolute_url())
    assert report.status_code == 200 and "9999" in report.content.decode()

    good = "kod_zawodu;teryt;O;B;Bn;Bo;Bd\n832201;0811;40;8;6;9;1\n741103;0811;12;30;10;4;14\n"
    office.post(
        reverse("labour_market:mzdin_import"),
        {"file": _csv(good, "mzdin-2026-H1.csv", "cp1250"), "period": "2026-H1"},
    )
    run = ImportRun.objects.filter(kind=ImportKind.MZDIN).latest("pk")
    assert run.status == ImportStatus.SUCCEEDED and run.rows_written == 2
    office.post(
        reverse("labour_market:mzdin_compute"),
        {"period": "2026-H1", "threshold_set": _active_set_pk()},
    )
    assert MzdinResult.objects.filter(period="2026-H1", code="832201").exists()

    # 2. This year's open round: two panels rate through their own log-ins.
    open_round = BarometrRound.objects.get(status=RoundStatus.OPEN)
    groups = list(open_round.groups.order_by("pk")[:3])
    for username in ("panel1", "panel2"):
        member = Client()
        member.force_login(User.objects.get(username=username))
        panel = BarometrPanel.objects.get(members__username=username)
        ratings = {f"g{g.pk}": str(level) for g, level in zip(groups, (1, 3, 5), strict=True)}
        response = member.post(
            reverse("labour_market:round_rate", args=[open_round.year]),
            {"panel": panel.pk, **ratings},
        )
        assert response.status_code == 302
        assert BarometrRating.objects.filter(round=open_round, panel=panel).count() >= 3
    rated = {r.panel.name for r in BarometrRating.objects.filter(round=open_round)}
    assert len(rated) >= 2

    # 3. The MEN list for next year.
    men = "rok;kod_zawodu;zapotrzebowanie\n2027;311513;szczególne\n2027;741203;znaczące\n"
    office.post(
        reverse("labour_market:forecast_import"),
        {"file": _csv(men, "prognoza-men-2027.csv"), "year": "2027"},
    )
    assert ForecastEntry.objects.filter(year=2027).count() == 2

    # 4. The gap analysis for powiat żarski: flags, each with the numbers behind it.
    page = office.get(reverse("labour_market:gap_analysis"), {"county": "0811"})
    assert page.status_code == 200
    rows = [row for row, _evidence in page.context["rows"]]
    assert rows and all(row.county_teryt == "0811" for row in rows)
    flags = {row.flag for row in rows}
    assert {"unmet_need", "oversupply"} <= flags
    flagged = next(row for row, _e in page.context["rows"] if row.flag == "unmet_need")
    html = page.content.decode()
    assert reverse("labour_market:occupation_detail", args=[flagged.code]) in html
    assert flagged.schools == 0 and flagged.neighbour_schools == 0

    # 5. The brief for the WZK, as PDF (and the same rows as XLSX).
    pdf = office.get(reverse("labour_market:gap_pdf"), {"county": "0811"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = office.get(reverse("labour_market:gap_xlsx"), {"county": "0811"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def _active_set_pk() -> int:
    from skillshub.labour_market.models import ThresholdSet

    return ThresholdSet.objects.filter(name="MZDiN-2015", is_active=True).latest("version").pk
