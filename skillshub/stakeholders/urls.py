from django.urls import path

from .views import applications, institutions, io, people

app_name = "stakeholders"

urlpatterns = [
    # Directory and institutions
    path("", institutions.institution_list, name="institution_list"),
    path("new/", institutions.institution_create, name="institution_create"),
    path("<int:pk>/", institutions.institution_detail, name="institution_detail"),
    path("<int:pk>/edit/", institutions.institution_edit, name="institution_edit"),
    path("<int:pk>/status/", institutions.institution_status, name="institution_status"),
    path("<int:pk>/interactions/new/", institutions.interaction_create, name="interaction_create"),
    path("follow-ups/", institutions.follow_up_list, name="follow_up_list"),
    path("communes/", institutions.commune_options, name="commune_options"),
    path(
        "interactions/<int:pk>/done/",
        institutions.interaction_follow_up_done,
        name="interaction_follow_up_done",
    ),
    # Export and import
    path("export.csv", io.export_csv, name="export_csv"),
    path("export.xlsx", io.export_xlsx, name="export_xlsx"),
    path("import/", io.import_upload, name="import"),
    path("import/template.csv", io.import_template, name="import_template"),
    path("import/<str:token>/", io.import_preview, name="import_preview"),
    # Contact people and RODO
    path("<int:pk>/contacts/new/", people.contact_create, name="contact_create"),
    path("contacts/<int:pk>/", people.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", people.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/consents/new/", people.consent_create, name="consent_create"),
    path("consents/<int:pk>/withdraw/", people.consent_withdraw, name="consent_withdraw"),
    path("contacts/<int:pk>/export.json", people.person_export_json, name="person_export_json"),
    path("contacts/<int:pk>/export.pdf", people.person_export_pdf, name="person_export_pdf"),
    path("contacts/<int:pk>/anonymise/", people.contact_anonymise, name="contact_anonymise"),
    # Applications to join
    path("join/", applications.join, name="join"),
    path("join/thanks/", applications.join_thanks, name="join_thanks"),
    path("applications/", applications.application_list, name="application_list"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
]
