from django.urls import path

from .views import barometr, evidence, gaps, imports, job_ads, occupations

app_name = "labour_market"

urlpatterns = [
    path("", evidence.overview, name="overview"),
    # Occupations (KZiS 2023, KZSB, ESCO).
    path("occupations/", occupations.occupation_list, name="occupation_list"),
    path("occupations/<str:code>/", occupations.occupation_detail, name="occupation_detail"),
    # MZDiN: indicators, classification, threshold sets.
    path("mzdin/", evidence.mzdin, name="mzdin"),
    path("mzdin/heatmap/", evidence.mzdin_heatmap, name="mzdin_heatmap"),
    path("mzdin/compute/", evidence.mzdin_compute, name="mzdin_compute"),
    path("thresholds/", evidence.threshold_list, name="threshold_list"),
    path("thresholds/<int:pk>/edit/", evidence.threshold_update, name="threshold_update"),
    # Imports (every kind) and their reports.
    path("imports/", imports.import_list, name="import_list"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/mzdin/", imports.mzdin_import, name="mzdin_import"),
    path("imports/men/", imports.forecast_import, name="forecast_import"),
    path("imports/schools/", imports.supply_import, name="supply_import"),
    path("imports/template/<str:kind>.csv", imports.import_template, name="import_template"),
    # MEN forecast and the school offer.
    path("men/", evidence.forecast_list, name="forecast_list"),
    path("schools/", evidence.supply_list, name="supply_list"),
    # Barometr zawodów.
    path("barometr/", barometr.round_list, name="round_list"),
    path("barometr/new/", barometr.round_create, name="round_create"),
    path("barometr/<int:year>/", barometr.round_detail, name="round_detail"),
    path("barometr/<int:year>/rate/", barometr.round_rate, name="round_rate"),
    path("barometr/<int:year>/import/", barometr.round_import, name="round_import"),
    path("barometr/<int:year>/close/", barometr.round_close, name="round_close"),
    path("barometr/<int:year>/groups/<int:pk>/", barometr.group_detail, name="group_detail"),
    # The gap analysis.
    path("gaps/", gaps.gap_analysis, name="gap_analysis"),
    path("gaps/brief.pdf", gaps.gap_pdf, name="gap_pdf"),
    path("gaps/gaps.xlsx", gaps.gap_xlsx, name="gap_xlsx"),
    # Online job ads coded to occupations (labour_market.coding).
    path("job-ads/", job_ads.job_ads, name="job_ads"),
    path("job-ads/demand.csv", job_ads.job_ads_csv, name="job_ads_csv"),
    path("job-ads/import/", job_ads.job_ad_import, name="job_ad_import"),
    path("job-ads/template.csv", job_ads.job_ad_template, name="job_ad_template"),
    path("job-ads/batches/<int:pk>/", job_ads.job_ad_batch, name="job_ad_batch"),
    path("job-ads/review/", job_ads.job_ad_queue, name="job_ad_queue"),
    path("job-ads/<int:pk>/", job_ads.job_ad_review, name="job_ad_review"),
    path("job-ads/codes/", job_ads.job_ad_codes, name="job_ad_codes"),
    path("job-ads/retrain/", job_ads.coder_retrain, name="coder_retrain"),
]
