"""The team's page (composition on any date), working groups and "my WZK"."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..access import get_team_for_user, require_perm


@login_required
def my_team(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "team.view_my_team")
    return render(request, "team/my_team.html", {})


@login_required
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team = get_team_for_user(request.user, pk)
    return render(request, "team/team_detail.html", {"team": team})
