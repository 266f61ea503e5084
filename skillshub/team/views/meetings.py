"""Sittings: planning, the agenda, convening, attendance and quorum, resolutions and votes. (Being written.)"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def meeting_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def meeting_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def meeting_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def meeting_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def meeting_status(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def agenda_item_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def agenda_item_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def agenda_item_delete(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def agenda_item_move(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def attendance(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def attendance_delete(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def resolution_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def resolution_vote(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
