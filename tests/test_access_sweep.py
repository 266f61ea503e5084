"""The access-control sweep: every URL pattern, requested as every persona, against a table.

Every named URL of ``config.urls`` is built with sample arguments that point at real objects of
the demo data (``seed_demo``) and requested with GET as anonymous, an outsider (signed in, no
business here), a WZK member (``czlonek``), an institution contact (``kontakt``) and office
staff (``biuro``). What each persona gets is compared with the explicit table in
``tests/access_table.py``. A URL name that the table does not know fails the sweep: a new view
cannot ship without someone deciding, in writing, who may open it.

The second half checks CSRF: every view that accepts a POST refuses one without a token.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from skillshub.accounts.choices import Role
from skillshub.accounts.models import User
from skillshub.accounts.tests.factories import UserFactory

from .access_table import (
    ACCESS,
    ADMIN,
    API,
    DENY,
    LOGIN,
    NOT_SWEPT,
    OK,
    PERSONAS,
    POST_ONLY,
    REDIRECT,
)

# --- The URL patterns -----------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # the pattern's text, e.g. "wzk/meetings/<int:pk>/"
    callback: Callable[..., HttpResponse]
    kwarg_names: tuple[str, ...]


def all_routes() -> list[Route]:
    """Every pattern of config.urls, walked recursively, with its full namespaced name."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[Route]:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or f"<unnamed {prefix}{pattern.pattern}>"
                full = f"{namespace}:{name}" if namespace else name
                kwargs = tuple(pattern.pattern.regex.groupindex)
                yield Route(full, prefix + str(pattern.pattern), pattern.callback, kwargs)

    return list(walk(get_resolver(), "", ""))


def rule_for(name: str) -> tuple[str, ...] | str:
    if name.startswith("admin:"):
        return ADMIN
    if name.startswith("api-v1:"):
        return API
    return ACCESS.get(name, ("not in the access table",))


# --- The seeded world -----------------------------------------------------------------------


@dataclass
class World:
    users: dict[str, User | None]
    kwargs: dict[str, dict[str, Any]]


def _pk_or_1(queryset: Any) -> int:
    """The first object's pk, or 1 where the demo data has none (every persona gets 404: the
    table says so for those URLs)."""
    obj = queryset.order_by("pk").first()
    return int(obj.pk) if obj is not None else 1


def _first_pk(queryset: Any) -> int:
    obj = queryset.order_by("pk").first()
    assert obj is not None, f"the demo data has no {queryset.model.__name__}"
    return int(obj.pk)


def sample_kwargs(users: dict[str, User | None]) -> dict[str, dict[str, Any]]:
    """Arguments for each URL name that takes any, pointing at real demo objects.

    Where a persona has a natural object (the member's own team and sittings, the contact's own
    institution), that object is used: the sweep then proves both that they reach it and that
    everyone else does not.
    """
    from skillshub.accounts.models import ApiToken
    from skillshub.core.models import OutgoingEmail
    from skillshub.guidance.models import GuidanceEvent, GuidanceService, Registration
    from skillshub.labour_market.models import (
        BarometrGroup,
        BarometrRound,
        JobAd,
        JobAdBatch,
        Occupation,
        ThresholdSet,
    )
    from skillshub.labour_market.models import ImportRun as LmImportRun
    from skillshub.matters.models import Matter, MatterAttachment
    from skillshub.portal.models import Campaign, LearningOffer, NewsItem, Page
    from skillshub.programme.models import (
        Indicator,
        InstitutionReport,
        MonitoringRound,
        Node,
        Programme,
        ProgrammeVersion,
        StrategyDirection,
        StrategyTheme,
    )
    from skillshub.stakeholders.models import (
        ConsentRecord,
        ContactPerson,
        Institution,
        Interaction,
        JoinApplication,
    )
    from skillshub.team.models import (
        AgendaItem,
        Attendance,
        CalendarFeed,
        Document,
        Meeting,
        Membership,
        Resolution,
        Team,
    )

    member, contact = users["member"], users["contact"]
    institution = _first_pk(Institution.objects.filter(contacts__user=contact))
    person = _first_pk(ContactPerson.objects.filter(institution_id=institution))
    team = _first_pk(Team.objects.visible_to(member).filter(parent__isnull=True))
    meeting = _first_pk(Meeting.objects.visible_to(member).filter(team_id=team))
    document = _first_pk(Document.objects.filter(team_id=team))
    resolution = _first_pk(Resolution.objects.visible_to(member))
    matter = _first_pk(Matter.objects.visible_to(member))
    programme = _first_pk(Programme.objects.all())
    barometr = BarometrRound.objects.order_by("-year").first()
    assert barometr is not None
    feed = CalendarFeed.objects.order_by("pk").first()
    token = ApiToken.objects.order_by("pk").first()
    mail = OutgoingEmail.objects.order_by("pk").first()
    registration = Registration.objects.order_by("pk").first()
    attachment = MatterAttachment.objects.order_by("pk").first()
    import_run = LmImportRun.objects.order_by("pk").first()

    by_prefix: list[tuple[str, dict[str, Any]]] = [
        ("accounts/tokens/<int:pk>", {"pk": token.pk if token else 1}),
        ("accounts/reset/", {"uidb64": "x", "token": "x"}),
        (
            "audit/",
            {
                "content_type_id": ContentType.objects.get_for_model(Institution).pk,
                "object_id": str(institution),
            },
        ),
        ("outbox/<int:pk>", {"pk": mail.pk if mail else 1}),
        ("lang/", {"code": "en"}),
        ("institutions/<int:pk>", {"pk": institution}),
        ("institutions/contacts/<int:pk>", {"pk": person}),
        ("institutions/consents/<int:pk>", {"pk": _first_pk(ConsentRecord.objects.all())}),
        ("institutions/interactions/<int:pk>", {"pk": _first_pk(Interaction.objects.all())}),
        ("institutions/applications/<int:pk>", {"pk": _first_pk(JoinApplication.objects.all())}),
        ("institutions/import/<str:token>", {"token": "x"}),
        ("wzk/teams/<int:pk>", {"pk": team}),
        ("wzk/memberships/<int:pk>", {"pk": _first_pk(Membership.objects.filter(team_id=team))}),
        ("wzk/meetings/<int:pk>", {"pk": meeting}),
        ("wzk/agenda/<int:pk>", {"pk": _first_pk(AgendaItem.objects.filter(meeting_id=meeting))}),
        ("wzk/attendance/<int:pk>", {"pk": _first_pk(Attendance.objects.all())}),
        ("wzk/resolutions/<int:pk>", {"pk": resolution}),
        ("wzk/documents/<int:pk>/versions/<int:number>", {"pk": document, "number": 1}),
        ("wzk/documents/<int:pk>", {"pk": document}),
        ("wzk/calendar/<str:key>", {"key": feed.key if feed else "x"}),
        ("matters/<int:pk>", {"pk": matter}),
        ("matters/attachments/<int:pk>", {"pk": attachment.pk if attachment else 1}),
        ("programme/<int:pk>", {"pk": programme}),
        ("programme/programmes/<int:pk>", {"pk": programme}),
        ("programme/versions/<int:pk>", {"pk": _first_pk(ProgrammeVersion.objects.all())}),
        ("programme/nodes/<int:pk>", {"pk": _first_pk(Node.objects.all())}),
        ("programme/indicators/<int:pk>", {"pk": _first_pk(Indicator.objects.all())}),
        ("programme/rounds/<int:pk>", {"pk": _pk_or_1(MonitoringRound.objects.all())}),
        ("programme/reports/<int:pk>", {"pk": _pk_or_1(InstitutionReport.objects.all())}),
        ("programme/strategy/themes/<int:pk>", {"pk": _first_pk(StrategyTheme.objects.all())}),
        (
            "programme/strategy/directions/<int:pk>",
            {"pk": _first_pk(StrategyDirection.objects.all())},
        ),
        ("guidance/services/<int:pk>", {"pk": _first_pk(GuidanceService.objects.published())}),
        ("guidance/events/<int:pk>", {"pk": _first_pk(GuidanceEvent.objects.published())}),
        (
            "guidance/registrations/<uuid:token>",
            {"token": registration.token if registration else uuid.uuid4()},
        ),
        ("labour-market/occupations/<str:code>", {"code": _occupation_code(Occupation)}),
        ("labour-market/thresholds/<int:pk>", {"pk": _first_pk(ThresholdSet.objects.all())}),
        ("labour-market/imports/template/<str:kind>", {"kind": "mzdin"}),
        ("labour-market/imports/<int:pk>", {"pk": import_run.pk if import_run else 1}),
        (
            "labour-market/barometr/<int:year>/groups/<int:pk>",
            {
                "year": barometr.year,
                "pk": _first_pk(BarometrGroup.objects.filter(round=barometr)),
            },
        ),
        ("labour-market/barometr/<int:year>", {"year": barometr.year}),
        ("labour-market/job-ads/batches/<int:pk>", {"pk": _first_pk(JobAdBatch.objects.all())}),
        ("labour-market/job-ads/<int:pk>", {"pk": _first_pk(JobAd.objects.all())}),
        ("offers/<int:pk>", {"pk": _first_pk(LearningOffer.objects.published())}),
        ("news/<slug:slug>", {"slug": NewsItem.objects.published().order_by("pk")[0].slug}),
        ("pages/<slug:slug>", {"slug": Page.objects.order_by("pk")[0].slug}),
        ("campaigns/<slug:slug>", {"slug": Campaign.objects.order_by("pk")[0].slug}),
        ("manage/news/<int:pk>", {"pk": _first_pk(NewsItem.objects.all())}),
        ("manage/pages/<int:pk>", {"pk": _first_pk(Page.objects.all())}),
        ("manage/campaigns/<int:pk>", {"pk": _first_pk(Campaign.objects.all())}),
    ]
    kwargs: dict[str, dict[str, Any]] = {}
    for route in all_routes():
        if not route.kwarg_names or route.name.startswith(("admin:", "api-v1:")):
            continue
        # The longest matching prefix wins ("wzk/documents/<pk>/versions/<number>" first).
        matches = [(p, kw) for p, kw in by_prefix if route.route.startswith(p)]
        assert matches, f"{route.name} ({route.route}): add its sample arguments to the sweep"
        _prefix, kw = max(matches, key=lambda m: len(m[0]))
        assert set(kw) == set(route.kwarg_names), f"{route.name}: arguments {route.kwarg_names}"
        kwargs[route.name] = kw
    return kwargs


def _occupation_code(model: Any) -> str:
    from skillshub.labour_market.models import MzdinResult

    result = MzdinResult.objects.order_by("pk").first()
    if result is not None:
        return str(result.code)
    return str(model.objects.order_by("code")[0].code)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory, _small_coder_dir):  # type: ignore[no-untyped-def]
    """The demo data, built once for the module inside a transaction rolled back at the end."""
    quick = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "pages": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "sweep-pages",
            },
        },
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        # The demo imports its job ads only when a coder has been trained.
        OCCUPATION_CODER_DIR=str(_small_coder_dir),
    )
    with django_db_blocker.unblock(), quick:
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_region", "08", stdout=io.StringIO())
            call_command("load_reference", stdout=io.StringIO())
            call_command("seed_demo", stdout=io.StringIO())
            users: dict[str, User | None] = {
                "anonymous": None,
                "outsider": UserFactory(username="sweep-outsider", role=Role.INSTITUTION_CONTACT),
                "member": User.objects.get(username="czlonek"),
                "contact": User.objects.get(username="kontakt"),
                "staff": User.objects.get(username="biuro"),
            }
            yield World(users=users, kwargs=sample_kwargs(users))
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def client_for(user: User | None, **options: Any) -> Client:
    client = Client(**options)
    if user is not None:
        client.force_login(user)
    return client


def url_for(route: Route, world: World) -> str:
    return reverse(route.name, kwargs=world.kwargs.get(route.name, {}))


def outcome(response: HttpResponse) -> str:
    """The class of a response: what the access table speaks in."""
    status = response.status_code
    if 200 <= status < 300:
        return OK
    if status in (301, 302, 303, 307, 308):
        location = response["Location"]
        if location.startswith((reverse("accounts:login"), reverse("admin:login"))):
            return LOGIN
        return REDIRECT
    if status in (403, 404):
        return DENY
    if status == 405:
        return POST_ONLY
    return str(status)


# --- The sweep ------------------------------------------------------------------------------


def test_every_url_name_has_a_rule_in_the_access_table() -> None:
    names = {route.name for route in all_routes()}
    swept = {n for n in names if not n.startswith(("admin:", "api-v1:"))}
    missing = sorted(swept - set(ACCESS))
    assert not missing, f"add it to the access table (tests/access_table.py): {missing}"
    stale = sorted(set(ACCESS) - swept)
    assert not stale, f"the access table names URLs that no longer exist: {stale}"


@pytest.mark.django_db
def test_every_url_answers_each_persona_as_the_table_says(world: World) -> None:
    clients = {persona: client_for(world.users[persona]) for persona in PERSONAS}
    observed: dict[str, tuple[str, ...]] = {}
    mismatches = []
    for route in all_routes():
        rule = rule_for(route.name)
        if rule in (API, NOT_SWEPT) or route.name in observed:
            continue
        if rule == ADMIN and route.name not in ("admin:index", "admin:accounts_user_changelist"):
            continue  # the admin is one rule; two of its pages stand for the rest
        url = url_for(route, world)
        got = tuple(outcome(clients[persona].get(url)) for persona in PERSONAS)
        observed[route.name] = got
        expected = ADMIN_EXPECTED if rule == ADMIN else rule
        if got != expected:
            mismatches.append(f"{route.name} {url}: expected {expected}, got {got}")
    if os.environ.get("ACCESS_SWEEP_PRINT"):
        for name, got in sorted(observed.items()):
            print(f'    "{name}": {got!r},')
    assert not mismatches, "\n".join(mismatches)


# The admin: only the office administrator (is_staff) gets in; everyone else is sent to the
# admin's own log-in page. None of the five personas is an administrator.
ADMIN_EXPECTED = (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)


@pytest.mark.django_db
def test_the_api_schema_and_its_docs_are_public(world: World) -> None:
    """The API's endpoints answer by token (their permissions are tested in each app's API
    tests); its schema and docs are open, and the docs are served from our own static files."""
    anonymous = Client()
    assert anonymous.get("/api/v1/openapi.json").status_code == 200
    docs = anonymous.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn.jsdelivr.net" not in docs.content


# --- CSRF -----------------------------------------------------------------------------------


def test_no_view_is_csrf_exempt_outside_the_token_api() -> None:
    exempt = sorted(
        route.name
        for route in all_routes()
        if getattr(route.callback, "csrf_exempt", False) and not route.name.startswith("api-v1:")
    )
    assert exempt == [], f"views exempt from CSRF: {exempt}"


@pytest.mark.django_db
def test_every_view_refuses_a_post_without_a_csrf_token(world: World) -> None:
    staff = client_for(world.users["staff"], enforce_csrf_checks=True)
    accepted = []
    checked = 0
    for route in all_routes():
        if route.name.startswith(("admin:", "api-v1:")) and route.name not in (
            "admin:login",
            "admin:accounts_user_add",
        ):
            continue
        response = staff.post(url_for(route, world), {"anything": "x"})
        checked += 1
        refused_for_csrf = "403_csrf.html" in [t.name for t in response.templates]
        if response.status_code != 403 or not refused_for_csrf:
            accepted.append(f"{route.name}: {response.status_code}")
    assert checked > 200
    assert not accepted, "answered a POST without a CSRF token:\n" + "\n".join(accepted)
