"""Issue 8's 'done when', walked through the real views on the demo data with a small model
trained on a subsample of the shipped material (the way CI trains it). Office staff:

1. import a file of job ads (the demo's second file) and watch it being coded;
2. correct three ads in the review queue (one picked with the searchable code picker, one
   typed, one a suggestion), and see a second reviewer refused rather than overwriting;
3. see the counts per county in the labour-market views: the job-ads page, its CSV, the
   occupation page and the gap analysis;
4. retrain with the corrections from the button: the new model is the active one.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from skillshub.accounts.models import User
from skillshub.labour_market.choices import JobAdBatchStatus, JobAdStatus
from skillshub.labour_market.coding import runtime
from skillshub.labour_market.coding.demo import DEMO_DIR
from skillshub.labour_market.models import CodingExample, JobAd, JobAdBatch


@pytest.mark.django_db(transaction=True)
def test_office_codes_a_file_of_job_ads_and_the_demand_appears_per_county(region, occupation_coder):
    call_command("seed_demo", stdout=io.StringIO())
    demo_batch = JobAdBatch.objects.get(source_name="oferty-pracy-demo-1.csv")
    assert demo_batch.status == JobAdBatchStatus.DONE  # seeded and coded
    office = Client()
    office.force_login(User.objects.get(username="biuro"))

    # 1. Import the file; the batch page shows its progress (the htmx fragment polls it).
    path = DEMO_DIR / "oferty-pracy-demo-2.csv"
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    response = office.post(reverse("labour_market:job_ad_import"), {"file": upload})
    batch = JobAdBatch.objects.latest("pk")
    assert response.status_code == 302 and response.url == batch.get_absolute_url()
    page = office.get(batch.get_absolute_url())
    assert "119" in page.content.decode()
    fragment = office.get(batch.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="batch-progress"' in fragment and "every 2s" not in fragment  # done: no polling
    batch.refresh_from_db()
    assert batch.status == JobAdBatchStatus.DONE and batch.coded == batch.total == 119

    # 2. The review queue holds this file's unsure ads; correct three of them.
    queue = office.get(reverse("labour_market:job_ad_queue") + f"?batch={batch.pk}")
    waiting = list(JobAd.objects.filter(batch=batch, status=JobAdStatus.REVIEW).order_by("row"))
    assert len(waiting) >= 3
    assert waiting[0].title in queue.content.decode()
    first, second, third = waiting[:3]

    picker = office.get(reverse("labour_market:job_ad_codes"), {"q": "kierowca samochodu"})
    assert "832202" in picker.content.decode() or "833203" in picker.content.decode()
    review = office.get(first.get_absolute_url())
    assert 'name="choice"' in review.content.decode()
    response = office.post(
        first.get_absolute_url(), {"choice": "832202", "code": "", "expected_status": "review"}
    )
    assert response.status_code == 302
    response = office.post(
        second.get_absolute_url(), {"choice": "", "code": "514101", "expected_status": "review"}
    )
    assert response.status_code == 302
    best = third.suggestions[0]["code"]
    office.post(third.get_absolute_url(), {"choice": best, "code": "", "expected_status": "review"})

    bad = office.post(
        JobAd.objects.filter(status=JobAdStatus.REVIEW).first().get_absolute_url(),
        {"choice": "", "code": "12345x", "expected_status": "review"},
    )
    assert bad.status_code == 400 and "12345x" in bad.content.decode()  # the form comes back
    late = Client()
    late.force_login(User.objects.get(username="admin"))
    refused = late.post(
        first.get_absolute_url(), {"choice": "722204", "code": "", "expected_status": "review"}
    )
    assert refused.status_code == 302
    first.refresh_from_db()
    assert first.occupation.code == "832202" and first.status == JobAdStatus.CORRECTED
    second.refresh_from_db()
    assert second.occupation.code == "514101"
    third.refresh_from_db()
    assert third.status == JobAdStatus.CONFIRMED
    assert CodingExample.objects.count() == 3

    # 3. The counts per county: the job-ads page, its CSV, the occupation page, the gaps.
    counted = JobAd.objects.exclude(status__in=[JobAdStatus.REVIEW, JobAdStatus.PENDING])
    zary = counted.filter(county__teryt="0811").count()
    assert zary > 0
    demand = office.get(reverse("labour_market:job_ads"), {"county": "0811"})
    assert demand.status_code == 200
    text = demand.content.decode()
    assert "powiat żarski" in text
    csv_text = b"".join(
        office.get(reverse("labour_market:job_ads_csv"), {"county": "0811"}).streaming_content
    ).decode("utf-8-sig")
    rows = [line.split(";") for line in csv_text.strip().splitlines()]
    assert rows[0][:2] == ["kod_kzis", "zawod"]
    assert sum(int(r[-1]) for r in rows[1:]) == zary

    occupation_page = office.get(reverse("labour_market:occupation_detail", args=["514101"]))
    assert 'id="job-ads-table"' in occupation_page.content.decode()
    assert (
        "job-ads-table"
        not in Client()
        .get(reverse("labour_market:occupation_detail", args=["514101"]))
        .content.decode()
    )  # the public see no job-ad counts

    gaps = office.get(reverse("labour_market:gap_analysis"), {"county": "0811"})
    assert gaps.status_code == 200
    # The sources name the job ads' window, and the column shows the counts.
    assert "zakodowane do KZiS" in gaps.content.decode()

    # 4. Retrain from the button (a small model here: OCCUPATION_CODER_RETRAIN_SAMPLE).
    before = runtime.active_model_info()
    response = office.post(reverse("labour_market:coder_retrain"))
    assert response.status_code == 302
    after = runtime.active_model_info()
    assert after is not None and before is not None and after.version != before.version
    assert after.metadata["data_hash"] != before.metadata["data_hash"]
