from django.urls import path

from .views import meetings, teams

app_name = "team"

urlpatterns = [
    # The team, its terms, "my WZK"
    path("", teams.my_team, name="my_team"),
    path("teams/<int:pk>/", teams.team_detail, name="team_detail"),
    # Sittings
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    # Resolutions
    path("resolutions/<int:pk>/", meetings.resolution_detail, name="resolution_detail"),
    # Documents (documents.py)
    # Minutes (minutes.py)
    # Calendar (calendar.py)
]
