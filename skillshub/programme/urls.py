from django.urls import path

from .views import dashboard, indicators, monitoring, programmes, strategy

app_name = "programme"

urlpatterns = [
    # The public dashboard (views/dashboard.py)
    path("", dashboard.dashboard, name="dashboard"),
    path("<int:pk>/dashboard/", dashboard.programme_dashboard, name="programme_dashboard"),
    path("indicators/<int:pk>/map.json", dashboard.indicator_map_data, name="indicator_map_data"),
    # Programmes, versions, the tree (views/programmes.py)
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/new/", programmes.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", programmes.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", programmes.programme_edit, name="programme_edit"),
    path("versions/<int:pk>/", programmes.version_detail, name="version_detail"),
    path("versions/<int:pk>/revise/", programmes.version_revise, name="version_revise"),
    path("versions/<int:pk>/status/", programmes.version_status, name="version_status"),
    path("versions/<int:pk>/diff/", programmes.version_diff, name="version_diff"),
    path("versions/<int:pk>/nodes/new/", programmes.node_create, name="node_create"),
    path("nodes/<int:pk>/", programmes.node_detail, name="node_detail"),
    path("nodes/<int:pk>/edit/", programmes.node_edit, name="node_edit"),
    path("nodes/<int:pk>/delete/", programmes.node_delete, name="node_delete"),
    # Indicators (views/indicators.py)
    path("programmes/<int:pk>/indicators/", indicators.indicator_list, name="indicator_list"),
    path(
        "programmes/<int:pk>/indicators/new/", indicators.indicator_create, name="indicator_create"
    ),
    path("indicators/<int:pk>/", indicators.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", indicators.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/targets/", indicators.target_set, name="target_set"),
    path("indicators/<int:pk>/measurements/", indicators.measurement_add, name="measurement_add"),
    path("indicators/<int:pk>/links/", indicators.indicator_link, name="indicator_link"),
    path(
        "programmes/<int:pk>/measurements.csv",
        indicators.measurements_csv,
        name="measurements_csv",
    ),
    # Monitoring rounds and reports (views/monitoring.py)
    path("versions/<int:pk>/rounds/new/", monitoring.round_create, name="round_create"),
    path("rounds/<int:pk>/", monitoring.round_detail, name="round_detail"),
    path("rounds/<int:pk>/close/", monitoring.round_close, name="round_close"),
    path("rounds/<int:pk>/report.pdf", monitoring.round_report_pdf, name="round_report_pdf"),
    path("rounds/<int:pk>/report.docx", monitoring.round_report_docx, name="round_report_docx"),
    path("rounds/<int:pk>/data.xlsx", monitoring.round_data_xlsx, name="round_data_xlsx"),
    path("reports/", monitoring.my_reports, name="my_reports"),
    path("reports/<int:pk>/", monitoring.report_detail, name="report_detail"),
    path("reports/<int:pk>/review/", monitoring.report_review, name="report_review"),
    # The reference strategy below the national areas (views/strategy.py)
    path("strategy/", strategy.strategy_detail, name="strategy_detail"),
    path("strategy/themes/new/", strategy.theme_create, name="theme_create"),
    path("strategy/themes/<int:pk>/edit/", strategy.theme_edit, name="theme_edit"),
    path(
        "strategy/themes/<int:pk>/directions/new/",
        strategy.direction_create,
        name="direction_create",
    ),
    path("strategy/directions/<int:pk>/edit/", strategy.direction_edit, name="direction_edit"),
]
