from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from .api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("accounts/", include("skillshub.accounts.urls")),
    path("institutions/", include("skillshub.stakeholders.urls")),
    path("wzk/", include("skillshub.team.urls")),
    path("matters/", include("skillshub.matters.urls")),
    path("programme/", include("skillshub.programme.urls")),
    path("", include("skillshub.core.urls")),
]
# Uploaded files are never served from MEDIA_URL, not even with DEBUG: members-only documents
# must pass a permission check (skillshub/team/views/documents.py).
