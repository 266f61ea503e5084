"""A hypothesis fuzz of every public form, as an anonymous visitor.

Hostile text goes into every field: unicode from every category, control characters, null
bytes, right-to-left marks, emoji, 10,000-character strings, HTML and script tags, SQL-ish
strings. Whatever arrives, the answer is a 200, 302 or 400 (never a 5xx); a row is written only
with a 302 success and never half; and nothing typed comes back as live markup.
"""

from __future__ import annotations

import uuid

import pytest
from django.core.cache import caches
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from skillshub.core.models import County, StrategyArea, TargetGroup
from skillshub.guidance.models import Registration
from skillshub.guidance.tests.factories import GuidanceEventFactory, GuidanceServiceFactory
from skillshub.portal.tests.factories import LearningOfferFactory
from skillshub.stakeholders.models import JoinApplication

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Anything typed that would run if echoed raw. The marker is unique to this file, so finding it
# in a page means the input was echoed unescaped (the templates' own <script> tags never match).
SCRIPT = "<script>fuzzProbe()</script>"
IMG = '<img src=x onerror="fuzzProbe()">'
NASTY = [
    SCRIPT,
    IMG,
    '"><svg onload=fuzzProbe()>',
    "'; DROP TABLE stakeholders_joinapplication; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(0) --",
    "%00",
    "\u202eevil\u202c",  # right-to-left override
    "\u200f\u200e\u200b",  # RTL mark, LTR mark, zero-width space
    "👩‍🏫🇵🇱💥",
    "Zażółć gęślą jaźń",
    "\x00",
    "\r\n\t\x0b\x0c",
    "{{ 7*7 }}{% debug %}",
    "../../../../etc/passwd",
    "a" * 10_000,
]

# Every code point category, surrogates excepted (they cannot be encoded into a request).
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)
hostile = st.one_of(
    any_text,
    st.sampled_from(NASTY),
    st.tuples(any_text, st.sampled_from(NASTY), any_text).map("".join),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=10_000, max_size=10_000),
)
# Query strings: the same, null bytes included (a browser or a bot can send %00).
hostile_param = st.one_of(hostile, st.integers().map(str), st.just(""))

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FUZZ_GET = settings(FUZZ, max_examples=60)


def _assert_escaped(response, *values: str) -> None:  # type: ignore[no-untyped-def]
    body = response.content.decode("utf-8", errors="replace")
    assert "fuzzProbe()</script>" not in body
    assert 'onerror="fuzzProbe()"' not in body
    assert "<svg onload=fuzzProbe()>" not in body
    for value in values:
        if "<" in value and len(value) > 3:
            assert value not in body, "input echoed unescaped"


def _assert_answered(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code in (200, 302, 400), response.status_code


@pytest.fixture
def catalogue(region):  # type: ignore[no-untyped-def]
    zary = County.objects.get(teryt="0811")
    LearningOfferFactory(title="Kurs spawania (demo)", county=zary)
    GuidanceServiceFactory(title="Doradztwo zawodowe (demo)", counties=[zary])
    return GuidanceEventFactory(title="Warsztaty CV (demo)", county=zary, capacity=3)


@FUZZ_GET
@given(q=hostile_param, kind=hostile_param, county=hostile_param, page=hostile_param)
def test_search_page_answers_any_query(catalogue, q, kind, county, page):
    response = Client().get("/search/", {"q": q, "kind": kind, "county": county, "page": page})
    _assert_answered(response)
    _assert_escaped(response, q, kind, county)


@FUZZ_GET
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "q",
                "kind",
                "county",
                "target_group",
                "cost",
                "online",
                "date_from",
                "date_to",
                "area",
                "page",
                "sort",
            ]
        ),
        hostile_param,
        max_size=6,
    )
)
def test_offer_catalogue_filters_answer_any_value(catalogue, params):
    response = Client().get("/offers/", params)
    _assert_answered(response)
    _assert_escaped(response, *params.values())


@FUZZ_GET
@given(
    params=st.dictionaries(
        st.sampled_from(["county", "target_group", "kind", "mode", "online", "free", "page"]),
        hostile_param,
        max_size=5,
    )
)
def test_guidance_service_filters_answer_any_value(catalogue, params):
    for path in ("/guidance/", "/guidance/events/"):
        response = Client().get(path, params)
        _assert_answered(response)
        _assert_escaped(response, *params.values())


@FUZZ
@given(username=hostile, password=hostile)
def test_login_form_refuses_garbage_without_an_error(db, username, password):
    caches["default"].clear()
    response = Client().post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code in (200, 400), "garbage never signs anyone in"
    _assert_escaped(response, username)


@FUZZ
@given(
    full_name=st.one_of(hostile, st.text(min_size=1, max_size=150)),
    email=st.one_of(hostile, st.emails().map(str), st.emails().map(str)),
    phone=hostile,
    privacy=st.sampled_from(["on", "on", "on", "", "\x00", SCRIPT]),
)
def test_event_registration_writes_only_on_success(catalogue, full_name, email, phone, privacy):
    before = Registration.objects.count()
    response = Client().post(
        f"/guidance/events/{catalogue.pk}/register/",
        {"full_name": full_name, "email": email, "phone": phone, "privacy_accepted": privacy},
    )
    _assert_answered(response)
    event(f"registration answered {response.status_code}")
    after = Registration.objects.count()
    if response.status_code == 302:
        assert after == before + 1
        registration = Registration.objects.latest("pk")
        assert registration.event_id == catalogue.pk
    else:
        assert after == before, "a refused registration wrote nothing"
        _assert_escaped(response, full_name, email, phone)


def _join_data(region_ids: dict[str, int], text: dict[str, str]) -> dict[str, object]:
    return {
        "submission_key": str(uuid.uuid4()),
        "institution_name": "Fikcyjne Centrum Szkoleń Demo",
        "kind": "training_provider",
        "nip": "",
        "regon": "",
        "krs": "",
        "county": region_ids["county"],
        "city": "Żary",
        "street": "ul. Przykładowa 1",
        "postal_code": "68-200",
        "website": "",
        "areas": [region_ids["area"]],
        "contact_first_name": "Testowa",
        "contact_last_name": "Osoba",
        "contact_position": "dyrektorka",
        "contact_email": "testowa.osoba@example.invalid",
        "contact_phone": "",
        "message": "Chcemy współpracować.",
        "consent_contact": "on",
        "consent_listing": "on",
        "privacy": "on",
        "homepage": "",
        **text,
    }


JOIN_TEXT_FIELDS = [
    "institution_name", "kind", "nip", "regon", "krs", "county", "city", "street",
    "postal_code", "website", "contact_first_name", "contact_last_name", "contact_position",
    "contact_email", "contact_phone", "message", "submission_key",
]  # fmt: skip


@pytest.fixture
def region_ids(region):  # type: ignore[no-untyped-def]
    return {
        "county": County.objects.get(teryt="0811").pk,
        "area": StrategyArea.objects.get(part="detailed", number=4).pk,
        "target_group": TargetGroup.objects.first().pk,
    }


@FUZZ
@given(text=st.dictionaries(st.sampled_from(JOIN_TEXT_FIELDS), hostile, min_size=1, max_size=6))
def test_join_application_writes_only_on_success(region_ids, text):
    # The rate limit counts per address in the cache: each example is a fresh visitor.
    caches["default"].clear()
    before = JoinApplication.objects.count()
    response = Client().post("/institutions/join/", _join_data(region_ids, text))
    _assert_answered(response)
    event(f"application answered {response.status_code}")
    after = JoinApplication.objects.count()
    if response.status_code == 302:
        assert after == before + 1
        stored = JoinApplication.objects.latest("pk")
        assert stored.institution_name and stored.contact_email
    else:
        assert after == before, "a refused application wrote nothing"
        _assert_escaped(response, *text.values())
