"""One matter: raising it, its timeline, the proposal, comments, moves, forwarding."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def matter_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def matter_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def matter_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def matter_submit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def matter_move(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def proposal_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def consultation_open(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def comment_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def matter_forward(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def matter_answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def attachment_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def attachment_download(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def letter_download(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def answer_file_download(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
