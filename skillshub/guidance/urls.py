from django.urls import path

from .views import coverage, events, services

app_name = "guidance"

urlpatterns = [
    path("", services.service_list, name="service_list"),
    path("services/<int:pk>/", services.service_detail, name="service_detail"),
    path("services/mine/", services.service_manage, name="service_manage"),
    path("services/new/", services.service_create, name="service_create"),
    path("services/<int:pk>/edit/", services.service_update, name="service_update"),
    path("services/<int:pk>/status/", services.service_status, name="service_status"),
    path("events/", events.event_list, name="event_list"),
    path("events/calendar.ics", events.event_feed_ics, name="event_feed_ics"),
    path("events/mine/", events.event_manage, name="event_manage"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/<int:pk>/", events.event_detail, name="event_detail"),
    path("events/<int:pk>/event.ics", events.event_ics, name="event_ics"),
    path("events/<int:pk>/register/", events.event_register, name="event_register"),
    path("events/<int:pk>/edit/", events.event_update, name="event_update"),
    path("events/<int:pk>/status/", events.event_status, name="event_status"),
    path("events/<int:pk>/registrations/", events.event_registrations, name="event_registrations"),
    path(
        "registrations/<uuid:token>/cancel/",
        events.registration_cancel,
        name="registration_cancel",
    ),
    path("coverage/", coverage.coverage, name="coverage"),
    path("coverage.xlsx", coverage.coverage_xlsx, name="coverage_xlsx"),
]
