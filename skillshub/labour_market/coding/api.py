"""``POST /api/v1/occupation-coder``: code one job ad or a batch to KZiS 2023 occupations.

Open to anonymous callers at a low rate and to token holders at a higher one (settings
``OCCUPATION_CODER_API_RATE_ANON`` / ``_TOKEN``, counted in the shared cache so that every app
process sees the same budget). Nothing is stored.

No ``from __future__ import annotations`` here: django-ninja reads the real annotations."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.throttling import SimpleRateThrottle

from skillshub.accounts.api_auth import TokenOrAnonymous

from ..models import Occupation
from .runtime import CoderUnavailable, active_coder
from .services import REVIEW_FLAGS, review_threshold

MAX_BATCH = 1000


class _CoderThrottle(SimpleRateThrottle):
    """Anonymous callers by address, token holders by user: request.auth is never None here
    (TokenOrAnonymous answers AnonymousUser), so ninja's own throttles would not tell them
    apart. The rate is read from the settings at each request."""

    authenticated = False
    setting = ""

    def __init__(self) -> None:
        super().__init__(getattr(settings, self.setting))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        is_authenticated = bool(getattr(user, "is_authenticated", False))
        if is_authenticated != self.authenticated:
            return None
        ident = str(user.pk) if is_authenticated and user is not None else self.get_ident(request)
        return f"throttle_coder_{self.authenticated}_{ident}"


class AnonymousCoderThrottle(_CoderThrottle):
    setting = "OCCUPATION_CODER_API_RATE_ANON"


class TokenCoderThrottle(_CoderThrottle):
    authenticated = True
    setting = "OCCUPATION_CODER_API_RATE_TOKEN"


router = Router(tags=["occupation-coder"], auth=TokenOrAnonymous())


class AdIn(Schema):
    title: str = Field("", description="the job title")
    description: str = Field(
        "", description="the ad's text; markup is stripped and very long text truncated"
    )


class CoderIn(Schema):
    title: str | None = Field(None, description="one ad: its title")
    description: str | None = Field(None, description="one ad: its text")
    ads: list[AdIn] | None = Field(
        None, description=f"a batch of ads instead (at most {MAX_BATCH})", max_length=MAX_BATCH
    )


class SuggestionOut(Schema):
    code: str = Field(description="6-digit KZiS 2023 occupation code")
    name: str
    probability: float = Field(description="calibrated probability, 0 to 1")


class CodedOut(Schema):
    code: str = Field(description="the best 6-digit code")
    name: str
    confidence: float = Field(description="the best code's calibrated probability")
    needs_review: bool = Field(
        description="true when a person should check it (low confidence, empty or not Polish)"
    )
    group_code: str = Field(description="the 4-digit unit group, surer than the 6-digit code")
    group_probability: float
    suggestions: list[SuggestionOut] = Field(description="the top 5, best first")
    explanation: list[str] = Field(description="words of the ad that drove the best code")
    flags: list[str] = Field(
        description="empty, truncated, markup_stripped, not_polish, low_confidence"
    )


class CoderOut(Schema):
    model_version: str
    results: list[CodedOut]


@router.post(
    "",
    response={200: CoderOut, 400: dict, 503: dict},
    summary="Code job ads to KZiS 2023 occupations",
    throttle=[AnonymousCoderThrottle(), TokenCoderThrottle()],
)
def code_ads(request: HttpRequest, payload: CoderIn) -> Any:
    """Give `title` and `description` for one ad, or `ads` for up to 1,000. Each result has
    the top 5 codes with calibrated probabilities, the words that drove the best one, and
    `needs_review` when the model is unsure."""
    if payload.ads is not None:
        items = [(ad.title, ad.description) for ad in payload.ads]
    elif payload.title is not None or payload.description is not None:
        items = [(payload.title or "", payload.description or "")]
    else:
        raise HttpError(400, "Give `title` and `description`, or `ads`.")
    if len(items) > MAX_BATCH:
        raise HttpError(400, f"At most {MAX_BATCH} ads per request.")
    try:
        coder = active_coder()
    except CoderUnavailable as exc:
        return Status(503, {"detail": str(exc)})
    predictions = coder.predict(items) if items else []
    codes = {s.code for p in predictions for s in p.suggestions}
    names = dict(Occupation.objects.filter(code__in=codes).values_list("code", "name"))
    threshold = review_threshold()
    results = []
    for p in predictions:
        results.append(
            {
                "code": p.code,
                "name": names.get(p.code, ""),
                "confidence": round(p.confidence, 4),
                "needs_review": p.confidence < threshold or bool(REVIEW_FLAGS & set(p.flags)),
                "group_code": p.group_code,
                "group_probability": round(p.group_probability, 4),
                "suggestions": [
                    {
                        "code": s.code,
                        "name": names.get(s.code, ""),
                        "probability": round(s.probability, 4),
                    }
                    for s in p.suggestions
                ],
                "explanation": list(p.explanation),
                "flags": list(p.flags),
            }
        )
    return {"model_version": coder.version, "results": results}
