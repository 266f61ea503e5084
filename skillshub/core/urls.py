from django.urls import path

from . import views, views_outbox

app_name = "core"

urlpatterns = [
    path("about/", views.about, name="about"),
    path("lang/<str:code>/", views.switch_language, name="switch_language"),
    path("healthz/", views.healthz, name="healthz"),
    path("ping/", views.ping, name="ping"),
    path("audit/", views.audit_list, name="audit_list"),
    path("audit/<int:content_type_id>/<str:object_id>/", views.audit_object, name="audit_object"),
    path("outbox/", views_outbox.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", views_outbox.outbox_retry, name="outbox_retry"),
]
