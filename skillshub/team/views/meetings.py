"""Sittings: planning, the agenda, convening, attendance and quorum, resolutions and votes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..access import get_meeting_for_user, get_resolution_for_user


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    return render(request, "team/meeting_detail.html", {"meeting": meeting})


def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = get_resolution_for_user(request.user, pk)
    return render(request, "team/resolution_detail.html", {"resolution": resolution})
