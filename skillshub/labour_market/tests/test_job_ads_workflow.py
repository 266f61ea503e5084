"""The job-ad workflow: import → background coding → review queue → demand counts, and the
coder's faults (no model, a damaged model)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from skillshub.core.models import AuditEntry
from skillshub.labour_market.choices import JobAdBatchStatus, JobAdStatus
from skillshub.labour_market.coding import runtime, selectors, services
from skillshub.labour_market.coding.demo import demo_files
from skillshub.labour_market.models import CodingExample, JobAd, JobAdBatch

pytestmark = pytest.mark.django_db(transaction=True)


def demo_file(name: str = "oferty-pracy-demo-2.csv") -> ContentFile:
    return ContentFile(demo_files()[name], name=name)


def small_file(rows: list[str]) -> ContentFile:
    body = "\n".join(["tytul;opis;miejsce;data", *rows]) + "\n"
    return ContentFile(body.encode(), name="ads.csv")


def test_an_imported_file_is_coded_and_the_unsure_ads_wait_for_review(
    occupations, occupation_coder, coordinator
):
    batch = services.job_ads_import(actor=coordinator, file=demo_file())
    batch.refresh_from_db()
    assert batch.status == JobAdBatchStatus.DONE
    # 120 rows, one of them a repeat of another: skipped, and said so.
    assert batch.total == 119 and batch.coded == 119
    assert batch.errors[0]["reason"] == "Pominięto powtórzone ogłoszenia: 1."
    ads = JobAd.objects.filter(batch=batch)
    assert not ads.filter(status=JobAdStatus.PENDING).exists()
    coded = ads.exclude(status=JobAdStatus.REVIEW)
    assert coded.exists() and ads.filter(status=JobAdStatus.REVIEW).exists()
    for ad in ads:
        assert len(ad.suggestions) == 5
        assert ad.suggestions[0]["code"] == ad.occupation.code
        assert ad.confidence == pytest.approx(ad.suggestions[0]["probability"])
        if ad.status == JobAdStatus.CODED:
            assert ad.confidence >= services.review_threshold()
        assert ad.group_code == ad.occupation.code[:4]
    assert AuditEntry.objects.filter(object_id=str(batch.pk)).count() == 2  # import, coding


def test_a_review_records_a_correction_as_a_training_example_and_refuses_a_second_reviewer(
    occupations, occupation_coder, coordinator, office_admin
):
    services.job_ads_import(actor=coordinator, file=demo_file())
    ad = JobAd.objects.filter(status=JobAdStatus.REVIEW).first()
    other = next(s["code"] for s in ad.suggestions[1:])
    services.job_ad_review(ad=ad, actor=coordinator, code="722204", expected_status="review")
    ad.refresh_from_db()
    assert ad.status == JobAdStatus.CORRECTED and ad.occupation.code == "722204"
    example = CodingExample.objects.get(job_ad=ad)
    assert example.occupation.code == "722204" and example.was_correction
    with pytest.raises(services.ReviewConflict):
        services.job_ad_review(ad=ad, actor=office_admin, code=other, expected_status="review")
    ad.refresh_from_db()
    assert ad.occupation.code == "722204" and ad.reviewed_by == coordinator


def test_confirming_the_best_guess_is_a_confirmation(occupations, occupation_coder, coordinator):
    services.job_ads_import(actor=coordinator, file=demo_file())
    ad = JobAd.objects.filter(status=JobAdStatus.REVIEW).first()
    best = ad.suggestions[0]["code"]
    services.job_ad_review(ad=ad, actor=coordinator, code=best, expected_status="review")
    ad.refresh_from_db()
    assert ad.status == JobAdStatus.CONFIRMED
    assert not CodingExample.objects.get(job_ad=ad).was_correction


def test_a_rejected_file_writes_no_ad(occupations, occupation_coder, coordinator):
    batch = services.job_ads_import(
        actor=coordinator, file=small_file(["Spawacz;ok;Żary;2026-10-01", "Kucharz;;Żary;jutro"])
    )
    assert batch.status == JobAdBatchStatus.FAILED
    assert batch.errors[0]["row"] == 3 and batch.errors[0]["column"] == "data"
    assert not JobAd.objects.exists()


def test_without_a_trained_model_the_batch_fails_with_the_way_out(occupations, coordinator):
    batch = services.job_ads_import(actor=coordinator, file=small_file(["Spawacz;ok;Żary;"]))
    batch.refresh_from_db()
    assert batch.status == JobAdBatchStatus.FAILED
    assert "train_occupation_coder" in batch.errors[0]["reason"]
    assert JobAd.objects.get().status == JobAdStatus.PENDING  # kept: a later run codes it


def test_a_damaged_model_is_detected_by_its_checksum(occupations, occupation_coder, coordinator):
    path = next(occupation_coder.glob("*.joblib"))
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    runtime.forget_loaded()
    batch = services.job_ads_import(actor=coordinator, file=small_file(["Spawacz;ok;Żary;"]))
    batch.refresh_from_db()
    assert batch.status == JobAdBatchStatus.FAILED
    reason = batch.errors[0]["reason"]
    assert "train_occupation_coder" in reason


def test_a_batch_coded_again_after_a_crash_carries_on_with_the_waiting_ads(
    occupations, occupation_coder, coordinator
):
    batch = services.job_ads_import(actor=coordinator, file=demo_file())
    first = list(JobAd.objects.filter(batch=batch).order_by("pk")[:10])
    JobAd.objects.filter(pk__in=[a.pk for a in first]).update(status=JobAdStatus.PENDING)
    JobAdBatch.objects.filter(pk=batch.pk).update(status=JobAdBatchStatus.CODING, coded=109)
    services.job_ad_batch_code(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == JobAdBatchStatus.DONE and batch.coded == 119
    assert not JobAd.objects.filter(status=JobAdStatus.PENDING).exists()


def test_the_demand_counts_per_county_come_from_coded_and_reviewed_ads_only(
    occupations, occupation_coder, coordinator
):
    services.job_ads_import(
        actor=coordinator,
        file=small_file(
            [
                "Kierowca C+E;transport;Żary;2026-10-01",
                "Kierowca C+E;transport międzynarodowy;Żagań;2026-10-02",
                "Kierowca C+E;transport krajowy;Żary;2026-10-03",
            ]
        ),
    )
    for ad in JobAd.objects.all():
        if ad.status == JobAdStatus.REVIEW:
            services.job_ad_review(
                ad=ad, actor=coordinator, code="833203", expected_status="review"
            )
        else:
            JobAd.objects.filter(pk=ad.pk).update(occupation=ad.occupation)
    codes = dict(JobAd.objects.values_list("pk", "occupation__code"))
    rows = selectors.demand_by_county()
    assert sum(r.total for r in rows) == 3
    totals = selectors.county_totals()
    assert totals["0811"] == 2 and totals["0810"] == 1
    counted = selectors.counts_by_county_code(date_from=None, date_to=None)
    assert sum(counted.values()) == 3
    assert set(code for _teryt, code in counted) == set(codes.values())


def test_retraining_adds_the_reviewed_ads_and_becomes_the_active_model(
    occupations, occupation_coder, coordinator
):
    services.job_ads_import(actor=coordinator, file=demo_file())
    ad = JobAd.objects.filter(status=JobAdStatus.REVIEW).first()
    services.job_ad_review(ad=ad, actor=coordinator, code="722204", expected_status="review")
    before = runtime.active_model_info()
    services.coder_retrain(actor=coordinator, sample=300)  # immediate backend: runs now
    after = runtime.active_model_info()
    assert after is not None and before is not None
    assert after.version != before.version
    assert after.metadata["data_hash"] != before.metadata["data_hash"]
    coder = runtime.active_coder()
    assert coder.version == after.version


def test_the_pages_of_the_workflow_answer_in_a_fixed_number_of_queries(
    occupations, occupation_coder, coordinator_client, coordinator
):
    batch = services.job_ads_import(actor=coordinator, file=demo_file())
    ad = JobAd.objects.filter(status=JobAdStatus.REVIEW).first()
    pages = {
        reverse("labour_market:job_ads"): 16,
        reverse("labour_market:job_ad_batch", args=[batch.pk]): 14,
        reverse("labour_market:job_ad_queue"): 12,
        reverse("labour_market:job_ad_review", args=[ad.pk]): 12,
        reverse("labour_market:job_ad_codes") + "?q=kierowca": 8,
        reverse("labour_market:occupation_detail", args=[ad.occupation.code]): 40,
    }
    for url, ceiling in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = coordinator_client.get(url)
        assert response.status_code == 200, url
        assert len(queries) <= ceiling, (url, len(queries))


def test_the_gap_analysis_counts_coded_ads_as_demand_from_the_threshold_up(
    settings, occupations, coordinator
):
    from skillshub.core.models import County
    from skillshub.labour_market.models import Occupation
    from skillshub.labour_market.selectors_gaps import UNMET_NEED, gap_rows

    settings.GAP_JOB_ADS_DEMAND = 5
    zary = County.objects.get(teryt="0811")
    batch = JobAdBatch.objects.create(source_name="x.csv", status=JobAdBatchStatus.DONE)
    driver = Occupation.objects.get(code="832201")
    for n, status in enumerate([JobAdStatus.CODED] * 4 + [JobAdStatus.REVIEW]):
        JobAd.objects.create(
            batch=batch, row=n, title="Kierowca", county=zary, occupation=driver, status=status,
            published_on="2026-10-01",
        )  # fmt: skip
    [row] = [r for r in gap_rows(county=zary) if r.code == "832201"]
    assert row.job_ads == 4 and not row.flag  # the ad under review does not count yet
    JobAd.objects.filter(status=JobAdStatus.REVIEW).update(status=JobAdStatus.CONFIRMED)
    [row] = [r for r in gap_rows(county=zary) if r.code == "832201"]
    assert row.job_ads == 5 and row.flag == UNMET_NEED
