from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path

from skillshub.portal.sitemaps import robots_txt, sitemaps

from .api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("accounts/", include("skillshub.accounts.urls")),
    path("institutions/", include("skillshub.stakeholders.urls")),
    path("wzk/", include("skillshub.team.urls")),
    path("matters/", include("skillshub.matters.urls")),
    path("programme/", include("skillshub.programme.urls")),
    path("guidance/", include("skillshub.guidance.urls")),
    path("labour-market/", include("skillshub.labour_market.urls")),
    path("", include("skillshub.portal.urls")),
    path("", include("skillshub.core.urls")),
]
# A database error raised outside a view (a session saved on the way out) still answers the
# friendly 503 page; other errors get templates/500.html.
handler500 = "skillshub.core.views.server_error"
# Uploaded files are never served from MEDIA_URL, not even with DEBUG: members-only documents
# must pass a permission check (skillshub/team/views/documents.py).
