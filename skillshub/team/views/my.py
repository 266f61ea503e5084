""" "My WZK": what a member needs next: upcoming sittings, what to read, minutes to comment on."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import selectors
from ..access import require_perm
from ..models import Team


@login_required
def my_team(request: HttpRequest) -> HttpResponse:
    require_perm(request.user, "team.view_my_team")
    overview = selectors.my_team(user=request.user)
    teams = Team.objects.visible_to(request.user).select_related("parent")
    return render(
        request,
        "team/my_team.html",
        {"overview": overview, "teams": list(teams)},
    )
