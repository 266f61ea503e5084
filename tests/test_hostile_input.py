"""Hostile input: script in every name and text field, rendered back; files that lie about
their type, at every upload.

**XSS probes.** Each row of ``PROBES`` writes one object through its real form (a POST as the
person who would write it; the few with no plain form go through their service), with a probe
value in every user-editable name and text field of it, then GETs every page that shows them:
public and staff, lists and details, and the edit form (where the value sits in an ``<input>``
or a ``<textarea>``). Each page must show the probe's marker (so the value really came back)
and contain nothing executable: no ``<script>`` but our own files, no ``on*`` attribute at all
(the CSP allows none anywhere), no ``javascript:`` address, no ``<img src=x>`` nor a frame. The
rich-text fields (news, pages, campaigns) go through nh3: their dangerous parts are stripped,
the rest is kept. Adding a field is one line in a row's ``data``.

**Upload spoofing.** Every upload endpoint gets files whose name lies about their content (HTML,
JavaScript or an executable named .pdf/.png/.xlsx/.csv; a PNG header glued to HTML; a ZIP that
is not an office document; an XLSX whose sheet would inflate past the limit). Each is refused
with a message on the form, and nothing is stored: no row, no file under MEDIA_ROOT.
"""

from __future__ import annotations

import datetime
import functools
import io
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import County, TargetGroup
from skillshub.guidance import services as guidance_services
from skillshub.guidance.models import GuidanceEvent, GuidanceService, Registration
from skillshub.guidance.tests.factories import GuidanceEventFactory
from skillshub.labour_market.choices import ImportStatus
from skillshub.labour_market.models import ImportRun
from skillshub.matters import services as matter_services
from skillshub.matters.models import Matter
from skillshub.portal import services as offer_services
from skillshub.portal.models import Campaign, LearningOffer, NewsItem, Page
from skillshub.stakeholders.models import ContactPerson, Institution, Interaction, JoinApplication
from skillshub.stakeholders.tests.factories import InstitutionFactory
from skillshub.team.models import Meeting
from skillshub.team.tests.factories import MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db

MARK = "ZzProbe"  # a word that is in no template, so its presence shows the value came back
PAYLOADS = {
    "script": "<script>alert('xss')</script>",
    "img-onerror": '"><img src=x onerror=alert(1)>',
    "svg-onload": "<svg/onload=alert(1)>",
    "javascript-link": '<a href="javascript:alert(1)">klik</a>',
    "textarea-breakout": "</textarea></title><script>alert(2)</script>",
    "attribute-breakout": "' onmouseover='alert(3)' x='",
}


# --- what "nothing executable" means -----------------------------------------------------------


class _Scanner(HTMLParser):
    """Collects whatever in a page could run: scripts, handlers, javascript: addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            squeezed = "".join((value or "").split()).lower()
            if squeezed.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script" and not (values.get("src") or "").startswith(settings.STATIC_URL):
            self.found.append(f"<script src={values.get('src')!r}>")
        if tag in ("iframe", "object", "embed", "base", "meta") and tag != "meta":
            self.found.append(f"<{tag}>")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "img" and not (values.get("src") or "").startswith(("/", "http")):
            self.found.append(f"<img src={values.get('src')!r}>")

    handle_startendtag = handle_starttag


def executable_parts(html: str) -> list[str]:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.found


def test_the_scanner_finds_each_payload_when_it_is_not_escaped() -> None:
    """The check itself: each payload, pasted raw into a page, is caught."""
    for name, payload in PAYLOADS.items():
        page = f"<html><body><p title='{payload}'>{payload}</p></body></html>"
        assert executable_parts(page), name
    assert executable_parts("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == []


# --- the probes --------------------------------------------------------------------------------


@dataclass
class World:
    staff: Client
    member: Client
    contact: Client
    anonymous: Client
    staff_user: Any
    member_user: Any
    institution: Institution
    county: County
    team: Any
    event: GuidanceEvent


@pytest.fixture
def world(region) -> World:  # type: ignore[no-untyped-def]
    county = County.objects.get(teryt="0811")
    institution = InstitutionFactory(name="Centrum (demo)", county=county)
    staff_user = UserFactory(role=Role.OFFICE_STAFF)
    member_user = UserFactory(role=Role.TEAM_MEMBER)
    contact_user = UserFactory(role=Role.INSTITUTION_CONTACT)
    clients = []
    for user in (staff_user, member_user, contact_user):
        client = Client()
        client.force_login(user)
        clients.append(client)
    team = TeamFactory(name="Zespół (demo)")
    MembershipFactory(team=team)
    event = GuidanceEventFactory(provider=institution, county=county, capacity=10)
    return World(
        staff=clients[0],
        member=clients[1],
        contact=clients[2],
        anonymous=Client(),
        staff_user=staff_user,
        member_user=member_user,
        institution=institution,
        county=county,
        team=team,
        event=event,
    )


def _post(client: Client, url: str, data: dict[str, Any]) -> None:
    response = client.post(url, data)
    form = response.context.get("form") if response.context else None
    assert response.status_code == 302, f"{url} refused the probe: {form and form.errors}"


def _in(days: int, hour: int = 10) -> str:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


Pages = list[tuple[str, str]]  # (who: "staff" | "member" | "anonymous", url)


@dataclass
class Probe:
    name: str
    fields: tuple[str, ...]  # the fields the probe value goes into
    write: Callable[[World, dict[str, str]], Any]  # writes them; returns the object
    pages: Callable[[World, Any], Pages]  # what shows them
    rich: tuple[str, ...] = field(default=())  # sanitised HTML (nh3): stripped, not escaped


def write_join(w: World, v: dict[str, str]) -> Any:
    _post(
        w.anonymous,
        reverse("stakeholders:join"),
        {
            "submission_key": str(uuid.uuid4()),
            "kind": "school",
            "county": w.county.pk,
            "contact_email": "probe@example.invalid",
            "privacy": "on",
            "homepage": "",
            **v,
        },
    )
    return JoinApplication.objects.get()


def write_institution(w: World, v: dict[str, str]) -> Any:
    _post(
        w.staff,
        reverse("stakeholders:institution_create"),
        {"kind": "school", "county": w.county.pk, "listed_publicly": "on", **v},
    )
    return Institution.objects.get(name=v["name"])


def write_contact(w: World, v: dict[str, str]) -> Any:
    _post(
        w.staff,
        reverse("stakeholders:contact_create", args=[w.institution.pk]),
        {"email": "kontakt.probe@example.invalid", **v},
    )
    return ContactPerson.objects.get(first_name=v["first_name"])


def write_interaction(w: World, v: dict[str, str]) -> Any:
    _post(
        w.staff,
        reverse("stakeholders:interaction_create", args=[w.institution.pk]),
        {
            "kind": "meeting",
            "date": timezone.localdate().isoformat(),
            "follow_up_due": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            **v,
        },
    )
    return Interaction.objects.get()


def write_news(w: World, v: dict[str, str]) -> Any:
    _post(
        w.staff,
        reverse("portal:news_create"),
        {"slug": "probe-news", "status": "published", **v},
    )
    return NewsItem.objects.get(slug="probe-news")


def write_page(w: World, v: dict[str, str]) -> Any:
    _post(
        w.staff,
        reverse("portal:page_create"),
        {"slug": "probe-page", "status": "published", "order": "0", **v},
    )
    return Page.objects.get(slug="probe-page")


def write_campaign(w: World, v: dict[str, str]) -> Any:
    today = timezone.localdate()
    _post(
        w.staff,
        reverse("portal:campaign_create"),
        {
            "slug": "probe-campaign",
            "status": "published",
            "starts_on": (today - datetime.timedelta(days=1)).isoformat(),
            "ends_on": (today + datetime.timedelta(days=30)).isoformat(),
            **v,
        },
    )
    return Campaign.objects.get(slug="probe-campaign")


def write_offer(w: World, v: dict[str, str]) -> Any:
    _post(
        w.staff,
        reverse("portal:offer_create"),
        {
            "kind": "course",
            "provider": w.institution.pk,
            "county": w.county.pk,
            "is_free": "on",
            "submit": "on",
            **v,
        },
    )
    offer = LearningOffer.objects.get(title=v["title"])
    return offer_services.offer_move(offer=offer, actor=w.staff_user, target="published")


def write_service(w: World, v: dict[str, str]) -> Any:
    _post(
        w.staff,
        reverse("guidance:service_create"),
        {
            "provider": w.institution.pk,
            "kind": "group_workshop",
            "mode": "in_person",
            "contact_email": "usluga.probe@example.invalid",
            "target_groups": [TargetGroup.objects.order_by("pk").first().pk],
            "counties": [w.county.pk],
            **v,
        },
    )
    service = GuidanceService.objects.get(title=v["title"])
    return guidance_services.service_set_status(
        service=service, actor=w.staff_user, status="published"
    )


def write_event(w: World, v: dict[str, str]) -> Any:
    _post(
        w.staff,
        reverse("guidance:event_create"),
        {
            "provider": w.institution.pk,
            "kind": "group_workshop",
            "county": w.county.pk,
            "starts_at": _in(20, 9),
            "ends_at": _in(20, 12),
            "capacity": "10",
            **v,
        },
    )
    event = GuidanceEvent.objects.get(title=v["title"])
    return guidance_services.event_publish(event=event, actor=w.staff_user)


def write_registration(w: World, v: dict[str, str]) -> Any:
    _post(
        w.anonymous,
        reverse("guidance:event_register", args=[w.event.pk]),
        {"email": "zapis.probe@example.invalid", "privacy_accepted": "on", **v},
    )
    return Registration.objects.get()


def write_matter(w: World, v: dict[str, str]) -> Any:
    _post(
        w.member,
        reverse("matters:matter_create"),
        {"submission_key": str(uuid.uuid4()), "urgency": "normal", "submit": "1", **v},
    )
    return Matter.objects.get()


def write_matter_comment(w: World, v: dict[str, str]) -> Any:
    matter = matter_services.matter_create(
        actor=w.member_user, data={"title": "Kwestia (demo)", "description": "Opis."}, submit=True
    )
    _post(w.staff, reverse("matters:comment_create", args=[matter.pk]), v)
    return matter


def write_meeting(w: World, v: dict[str, str]) -> Any:
    _post(
        w.staff,
        reverse("team:meeting_create", args=[w.team.pk]),
        {"number": "1", "starts_at": _in(14), **v},
    )
    return Meeting.objects.get()


def write_agenda_item(w: World, v: dict[str, str]) -> Any:
    meeting = write_meeting(w, {"title": "Posiedzenie (demo)", "place": "Sala"})
    _post(
        w.staff, reverse("team:agenda_item_create", args=[meeting.pk]), {"kind": "discussion", **v}
    )
    return meeting


def _staff(url: str) -> tuple[str, str]:
    return ("staff", url)


def _public(url: str) -> tuple[str, str]:
    return ("anonymous", url)


PROBES: list[Probe] = [
    Probe(
        "join application",
        ("institution_name", "city", "contact_first_name", "contact_last_name", "message"),
        write_join,
        lambda w, o: [
            _staff(reverse("stakeholders:application_list")),
            _staff(reverse("stakeholders:application_detail", args=[o.pk])),
        ],
    ),
    Probe(
        "institution",
        ("name", "short_name", "street", "city", "description"),
        write_institution,
        lambda w, o: [
            _public(o.get_absolute_url()),
            _public(reverse("stakeholders:institution_list") + f"?q={MARK}"),
            _public(reverse("portal:search") + f"?q={MARK}"),
            _staff(o.get_absolute_url()),
            _staff(reverse("stakeholders:institution_edit", args=[o.pk])),
        ],
    ),
    Probe(
        "contact person",
        ("first_name", "last_name", "position"),
        write_contact,
        lambda w, o: [
            _staff(reverse("stakeholders:contact_detail", args=[o.pk])),
            _staff(reverse("stakeholders:contact_edit", args=[o.pk])),
            _staff(w.institution.get_absolute_url()),
        ],
    ),
    Probe(
        "interaction",
        ("subject", "note", "follow_up"),
        write_interaction,
        lambda w, o: [
            _staff(w.institution.get_absolute_url()),
            _staff(reverse("stakeholders:follow_up_list")),
        ],
    ),
    Probe(
        "news item",
        ("title", "lead", "body", "image_alt"),
        write_news,
        lambda w, o: [
            _public(o.get_absolute_url()),
            _public(reverse("portal:news_list")),
            _public(reverse("portal:home")),
            _public(reverse("portal:search") + f"?q={MARK}"),
            _staff(reverse("portal:news_update", args=[o.pk])),
        ],
        rich=("body",),
    ),
    Probe(
        "page",
        ("title", "body"),
        write_page,
        lambda w, o: [
            _public(o.get_absolute_url()),
            _staff(reverse("portal:page_update", args=[o.pk])),
        ],
        rich=("body",),
    ),
    Probe(
        "campaign",
        ("title", "lead", "body", "image_alt"),
        write_campaign,
        lambda w, o: [
            _public(o.get_absolute_url()),
            _public(reverse("portal:home")),
            _staff(reverse("portal:campaign_update", args=[o.pk])),
        ],
        rich=("body",),
    ),
    Probe(
        "learning offer",
        ("title", "place", "description"),
        write_offer,
        lambda w, o: [
            _public(o.get_absolute_url()),
            _public(reverse("portal:offer_list") + f"?q={MARK}"),
            _public(reverse("portal:search") + f"?q={MARK}"),
            _staff(reverse("portal:offer_update", args=[o.pk])),
            _staff(reverse("portal:offer_manage")),
        ],
    ),
    Probe(
        "guidance service",
        ("title", "description", "address"),
        write_service,
        lambda w, o: [
            _public(o.get_absolute_url()),
            _public(reverse("guidance:service_list")),
            _staff(reverse("guidance:service_update", args=[o.pk])),
        ],
    ),
    Probe(
        "guidance event",
        ("title", "description", "place"),
        write_event,
        lambda w, o: [
            _public(o.get_absolute_url()),
            _public(reverse("guidance:event_list")),
            _public(reverse("portal:search") + f"?q={MARK}"),
            _staff(reverse("guidance:event_update", args=[o.pk])),
        ],
    ),
    Probe(
        "event registration",
        ("full_name",),
        write_registration,
        lambda w, o: [_staff(reverse("guidance:event_registrations", args=[w.event.pk]))],
    ),
    Probe(
        "matter",
        ("title", "description"),
        write_matter,
        lambda w, o: [
            ("member", o.get_absolute_url()),
            ("member", reverse("matters:matter_list")),
            _staff(o.get_absolute_url()),
            _staff(reverse("matters:matter_board")),
            _staff(reverse("matters:matter_edit", args=[o.pk])),
        ],
    ),
    Probe(
        "matter comment",
        ("text",),
        write_matter_comment,
        lambda w, o: [("member", o.get_absolute_url()), _staff(o.get_absolute_url())],
    ),
    Probe(
        "meeting",
        ("title", "place"),
        write_meeting,
        lambda w, o: [
            _staff(o.get_absolute_url()),
            _staff(reverse("team:meeting_list", args=[w.team.pk])),
            _staff(reverse("team:meeting_edit", args=[o.pk])),
            _staff(reverse("team:calendar")),
        ],
    ),
    Probe(
        "agenda item",
        ("title",),
        write_agenda_item,
        lambda w, o: [_staff(o.get_absolute_url())],
    ),
]


def _client(w: World, who: str) -> Client:
    return {"staff": w.staff, "member": w.member, "anonymous": w.anonymous}[who]


@pytest.mark.parametrize("payload", list(PAYLOADS), ids=list(PAYLOADS))
@pytest.mark.parametrize("probe", PROBES, ids=[p.name for p in PROBES])
def test_script_in_a_field_comes_back_inert(world, probe, payload):  # type: ignore[no-untyped-def]
    values = {name: f"{MARK}{n} {PAYLOADS[payload]}" for n, name in enumerate(probe.fields)}
    obj = probe.write(world, values)
    for who, url in probe.pages(world, obj):
        response = _client(world, who).get(url)
        assert response.status_code == 200, (who, url)
        html = response.content.decode()
        assert MARK in html, f"the probe did not come back on {url}"
        assert executable_parts(html) == [], f"{probe.name} [{payload}] on {url} ({who})"
    # What was stored: plain fields verbatim (escaping is the template's job), rich text
    # sanitised (nh3 keeps the words, drops the dangerous parts).
    obj = type(obj).objects.get(pk=obj.pk)
    for name in probe.rich:
        stored = getattr(obj, name)
        assert MARK in stored
        assert executable_parts(stored) == [], (name, stored)


# --- upload type spoofing ----------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 50 + b"PE\x00\x00L\x01"
# Each: the name it claims, and bytes that are something else.
SPOOFS: dict[str, tuple[str, bytes]] = {
    "html-as-pdf": ("uchwala.pdf", HTML),
    "exe-as-pdf": ("protokol.pdf", EXE),
    "javascript-as-png": ("logo.png", b"alert(document.domain);//" + b" " * 40),
    "png-header-glued-to-html": ("zdjecie.png", b"\x89PNG\r\n\x1a\n" + HTML),
    "html-as-xlsx": ("dane.xlsx", HTML),
    "exe-as-xlsx": ("dane.xlsx", EXE),
    "zip-of-html-as-docx": ("pismo.docx", _zip({"index.html": HTML})),
    "zip-of-html-as-xlsx": ("dane.xlsx", _zip({"index.html": HTML})),
    "html-as-csv": ("dane.csv", HTML),
    "exe-as-csv": ("dane.csv", EXE),
}


@functools.cache
def xlsx_bomb() -> bytes:
    """A real workbook whose sheet holds 2,000,000 identical rows: about 100 MB of XML packed
    into about 100 kB. A reader without a row cap would hold every row in memory."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["kod_zawodu", "teryt", "O", "B", "Bn", "Bo", "Bd"])
    plain = io.BytesIO()
    book.save(plain)
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>"
        + b'<row><c t="inlineStr"><is><t>1</t></is></c></row>' * 2_000_000
        + b"</sheetData></worksheet>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            is_sheet = info.filename == "xl/worksheets/sheet1.xml"
            dst.writestr(info.filename, sheet if is_sheet else src.read(info.filename))
    return out.getvalue()


def spoof(name: str) -> tuple[str, bytes]:
    if name == "xlsx-bomb":
        return "dane.xlsx", xlsx_bomb()
    return SPOOFS[name]


DOCUMENT_SPOOFS = [
    "html-as-pdf",
    "exe-as-pdf",
    "javascript-as-png",
    "png-header-glued-to-html",
    "exe-as-xlsx",
    "zip-of-html-as-docx",
    "zip-of-html-as-xlsx",
]
IMAGE_SPOOFS = ["html-as-pdf", "exe-as-pdf", "javascript-as-png", "png-header-glued-to-html"]
TABLE_SPOOFS = [
    "html-as-xlsx",
    "exe-as-xlsx",
    "zip-of-html-as-xlsx",
    "html-as-csv",
    "exe-as-csv",
]


@dataclass
class Upload:
    name: str
    who: str
    url: Callable[[World], str]
    file_field: str
    data: Callable[[World], dict[str, Any]]
    models: tuple[type, ...]  # none of these may gain a row
    spoofs: list[str]
    # How it says no: "form" (the form shows the error), "message" (an error message after the
    # redirect), "import run" (a rejected run's report), "import run page" (the run on the form).
    refusal: str = "form"


def _meeting(w: World) -> Any:
    from skillshub.team.tests.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(team=w.team, number=7)
    return AgendaItemFactory(meeting=meeting)


def _matter(w: World) -> Matter:
    """A draft: its author may still add files to it."""
    return matter_services.matter_create(
        actor=w.member_user, data={"title": "Kwestia (demo)", "description": "Opis."}, submit=False
    )


def _open_round(w: World) -> Any:
    from skillshub.labour_market.tests.factories import (
        BarometrGroupFactory,
        BarometrRoundFactory,
        barometr_panels,
    )

    barometr_panels()
    barometr_round = BarometrRoundFactory(year=2026)
    BarometrGroupFactory(round=barometr_round, name="Spawacze")
    return barometr_round


def _models(*labels: str) -> tuple[type, ...]:
    from django.apps import apps

    return tuple(apps.get_model(label) for label in labels)


UPLOADS: list[Upload] = [
    Upload(
        "team document",
        "staff",
        lambda w: reverse("team:document_create", args=[w.team.pk]),
        "file",
        lambda w: {"title": "Dokument (demo)", "visibility": "members"},
        _models("team.Document", "team.DocumentVersion"),
        DOCUMENT_SPOOFS,
    ),
    Upload(
        "agenda item document",
        "staff",
        lambda w: reverse("team:agenda_document_create", args=[_meeting(w).pk]),
        "file",
        lambda w: {"title": "Materiał (demo)", "visibility": "members"},
        _models("team.Document", "team.DocumentVersion"),
        DOCUMENT_SPOOFS,
    ),
    Upload(
        "matter attachment (new matter)",
        "member",
        lambda w: reverse("matters:matter_create"),
        "attachments",
        lambda w: {
            "submission_key": str(uuid.uuid4()),
            "title": "Kwestia (demo)",
            "description": "Opis.",
            "urgency": "normal",
            "submit": "1",
        },
        _models("matters.Matter", "matters.MatterAttachment"),
        DOCUMENT_SPOOFS,
    ),
    Upload(
        "matter attachment (added later)",
        "member",
        lambda w: reverse("matters:attachment_create", args=[_matter(w).pk]),
        "file",
        lambda w: {},
        _models("matters.MatterAttachment"),
        DOCUMENT_SPOOFS,
        "message",
    ),
    Upload(
        "news image",
        "staff",
        lambda w: reverse("portal:news_create"),
        "image",
        lambda w: {
            "title": "Aktualność (demo)",
            "slug": "obraz",
            "lead": "Lead.",
            "body": "<p>Treść.</p>",
            "image_alt": "Opis obrazu",
            "status": "draft",
        },
        _models("portal.NewsItem"),
        IMAGE_SPOOFS,
    ),
    Upload(
        "campaign image",
        "staff",
        lambda w: reverse("portal:campaign_create"),
        "image",
        lambda w: {
            "title": "Kampania (demo)",
            "slug": "obraz",
            "lead": "Lead.",
            "image_alt": "Opis obrazu",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "status": "draft",
        },
        _models("portal.Campaign"),
        IMAGE_SPOOFS,
    ),
    Upload(
        "institutions import",
        "staff",
        lambda w: reverse("stakeholders:import"),
        "file",
        lambda w: {},
        _models("stakeholders.Institution", "stakeholders.ImportRun"),
        TABLE_SPOOFS,
    ),
    Upload(
        "offers import",
        "staff",
        lambda w: reverse("portal:offer_import"),
        "file",
        lambda w: {"provider": w.institution.pk},
        _models("portal.LearningOffer"),
        TABLE_SPOOFS,
    ),
    Upload(
        "MZDiN import",
        "staff",
        lambda w: reverse("labour_market:mzdin_import"),
        "file",
        lambda w: {"period": "2024-H2"},
        _models("labour_market.MzdinCount"),
        [*TABLE_SPOOFS, "xlsx-bomb"],
        "import run",
    ),
    Upload(
        "MEN forecast import",
        "staff",
        lambda w: reverse("labour_market:forecast_import"),
        "file",
        lambda w: {"year": "2025"},
        _models("labour_market.ForecastEntry"),
        [*TABLE_SPOOFS, "xlsx-bomb"],
        "import run",
    ),
    Upload(
        "school supply import",
        "staff",
        lambda w: reverse("labour_market:supply_import"),
        "file",
        lambda w: {"year": "2025"},
        _models("labour_market.SchoolSupply"),
        [*TABLE_SPOOFS, "xlsx-bomb"],
        "import run",
    ),
    Upload(
        "Barometr ratings import",
        "staff",
        lambda w: reverse("labour_market:round_import", args=[_open_round(w).year]),
        "file",
        lambda w: {},
        _models("labour_market.BarometrRating"),
        [*TABLE_SPOOFS, "xlsx-bomb"],
        "import run page",
    ),
    Upload(
        "Barometr groups file",
        "staff",
        lambda w: reverse("labour_market:round_create"),
        "groups_file",
        lambda w: {"year": "2027"},
        _models("labour_market.BarometrRound", "labour_market.BarometrGroup"),
        TABLE_SPOOFS,
    ),
]


def _reason(error: dict[str, Any]) -> str:
    return str(error.get("reason") or error.get("message") or error)


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


CASES = [(u, spoof) for u in UPLOADS for spoof in u.spoofs]


@pytest.mark.parametrize(
    ("upload", "spoof_name"), CASES, ids=[f"{u.name}-{name}" for u, name in CASES]
)
def test_a_file_that_lies_about_its_type_is_refused_and_nothing_is_stored(
    world, upload, spoof_name
):  # type: ignore[no-untyped-def]
    client = _client(world, upload.who)
    url = upload.url(world)
    data = upload.data(world)
    counts = {model: model.objects.count() for model in upload.models}
    files = _media_files()
    name, content = spoof(spoof_name)
    data[upload.file_field] = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(url, data)
    if upload.refusal == "import run page":
        # The Barometr import records the rejected run and shows its errors on the form page.
        assert response.status_code == 400, f"{upload.name}: {response.status_code}"
        run = response.context["run"]
        assert run.status == ImportStatus.FAILED and run.errors, (upload.name, run.errors)
        assert escape(_reason(run.errors[0])) in response.content.decode()
    elif upload.refusal == "message":
        # Refused with an error message on the page it sends the person back to.
        assert response.status_code == 302, f"{upload.name}: {response.status_code}"
        page = client.get(response["Location"])
        said = [str(m) for m in page.context["messages"] if m.level_tag == "error"]
        assert said, f"{upload.name} refused {spoof_name} without saying why"
    elif upload.refusal == "import run":
        # The labour-market imports record every load, a refused one too: the report says why.
        assert response.status_code == 302, f"{upload.name}: {response.status_code}"
        run = ImportRun.objects.get()
        assert run.status == ImportStatus.FAILED and run.errors, (upload.name, run.errors)
        assert response["Location"] == run.get_absolute_url()
        report = client.get(response["Location"])
        assert report.status_code == 200
        assert escape(_reason(run.errors[0])) in report.content.decode()
    else:
        assert response.status_code in (200, 400), f"{upload.name}: {response.status_code}"
        context = response.context or {}
        form = context.get("form")
        said = form.errors.as_text() if form is not None else ""
        report = context.get("report")
        if report is not None and not report.ok:
            said += str(report.errors)
        assert said.strip(), f"{upload.name} refused {spoof_name} without saying why"
    for model, before in counts.items():
        assert model.objects.count() == before, f"{upload.name} stored a {model.__name__}"
    assert _media_files() == files, f"{upload.name} left a file behind"
