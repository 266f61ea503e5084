""""My WZK": what a member needs next. (Being written.)"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def my_team(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
