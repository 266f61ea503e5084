from django.urls import path

from .views import calendar, documents, meetings, minutes, my, pillars, resolutions, teams

app_name = "team"

urlpatterns = [
    # "My WZK" (views/my.py)
    path("", my.my_team, name="my_team"),
    # The teams, their terms and working groups (views/teams.py)
    path("teams/", teams.team_list, name="team_list"),
    path("teams/new/", teams.team_create, name="team_create"),
    path("pillars/", pillars.pillar_list, name="pillar_list"),
    path("teams/<int:pk>/", teams.team_detail, name="team_detail"),
    path("teams/<int:pk>/edit/", teams.team_edit, name="team_edit"),
    path("teams/<int:pk>/groups/new/", teams.working_group_create, name="working_group_create"),
    path("teams/<int:pk>/members/new/", teams.membership_create, name="membership_create"),
    path("memberships/<int:pk>/edit/", teams.membership_edit, name="membership_edit"),
    # Sittings, agenda, attendance, votes (views/meetings.py)
    path("teams/<int:pk>/meetings/", meetings.meeting_list, name="meeting_list"),
    path("teams/<int:pk>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/status/", meetings.meeting_status, name="meeting_status"),
    path("meetings/<int:pk>/agenda/new/", meetings.agenda_item_create, name="agenda_item_create"),
    path("agenda/<int:pk>/edit/", meetings.agenda_item_edit, name="agenda_item_edit"),
    path("agenda/<int:pk>/delete/", meetings.agenda_item_delete, name="agenda_item_delete"),
    path("agenda/<int:pk>/move/", meetings.agenda_item_move, name="agenda_item_move"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("attendance/<int:pk>/delete/", meetings.attendance_delete, name="attendance_delete"),
    path(
        "meetings/<int:pk>/resolutions/new/", meetings.resolution_create, name="resolution_create"
    ),
    path("resolutions/<int:pk>/vote/", meetings.resolution_vote, name="resolution_vote"),
    # Resolutions register and their addressees (views/resolutions.py)
    path("resolutions/", resolutions.resolution_list, name="resolution_list"),
    path("resolutions/<int:pk>/", resolutions.resolution_detail, name="resolution_detail"),
    path("resolutions/<int:pk>/sent/", resolutions.resolution_sent, name="resolution_sent"),
    path("resolutions/<int:pk>/answer/", resolutions.resolution_answer, name="resolution_answer"),
    path(
        "resolutions/<int:pk>/answer/file/",
        resolutions.resolution_answer_file,
        name="resolution_answer_file",
    ),
    # Documents (views/documents.py)
    path("teams/<int:pk>/documents/", documents.document_list, name="document_list"),
    path("teams/<int:pk>/documents/new/", documents.document_create, name="document_create"),
    path("documents/<int:pk>/", documents.document_detail, name="document_detail"),
    path(
        "documents/<int:pk>/versions/new/",
        documents.document_version_create,
        name="document_version_create",
    ),
    path("documents/<int:pk>/download/", documents.document_download, name="document_download"),
    path(
        "documents/<int:pk>/versions/<int:number>/download/",
        documents.document_version_download,
        name="document_version_download",
    ),
    path(
        "agenda/<int:pk>/documents/new/",
        documents.agenda_document_create,
        name="agenda_document_create",
    ),
    # Minutes (views/minutes.py)
    path("meetings/<int:pk>/minutes/", minutes.minutes_detail, name="minutes_detail"),
    path("meetings/<int:pk>/minutes/edit/", minutes.minutes_edit, name="minutes_edit"),
    path(
        "meetings/<int:pk>/minutes/consultation/",
        minutes.minutes_consultation,
        name="minutes_consultation",
    ),
    path("meetings/<int:pk>/minutes/comments/", minutes.minutes_comment, name="minutes_comment"),
    path("meetings/<int:pk>/minutes/approve/", minutes.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/minutes.pdf", minutes.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:pk>/minutes.docx", minutes.minutes_docx, name="minutes_docx"),
    # Calendar (views/calendar.py)
    path("calendar/", calendar.calendar, name="calendar"),
    path("calendar/feed/reset/", calendar.calendar_feed_reset, name="calendar_feed_reset"),
    path("calendar/<str:key>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("meetings/<int:pk>/calendar.ics", calendar.meeting_ics, name="meeting_ics"),
]
