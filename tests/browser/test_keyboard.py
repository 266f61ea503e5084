"""Every public form and the main staff forms, filled and sent with the keyboard alone.

Focus moves only with Tab and Shift+Tab (never ``page.focus``): the point is that the tab order
reaches every field, in the order a person reads the form. Text is typed, checkboxes are ticked
with Space, a select's option is chosen with the arrow keys, a file input is opened with Space,
and the form is sent with Enter. The forms come from ``coverage.KEYBOARD_FORMS``, which the
accessibility statement lists; each has a ``fill_*`` function below.

Also here: focus is visible on every control of the main pages, tabbing through a whole page
(htmx parts included) comes back to its top, and a refused form says what is wrong to a screen
reader (aria-invalid, aria-describedby, a focused error summary).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory
from skillshub.core.models import County, TargetGroup
from skillshub.guidance.models import GuidanceEvent, Registration
from skillshub.guidance.tests.factories import (
    GuidanceEventFactory,
    GuidanceServiceFactory,
    RegistrationFactory,
)
from skillshub.labour_market.models import BarometrRating, ImportRun
from skillshub.labour_market.tests.factories import (
    BarometrGroupFactory,
    BarometrRoundFactory,
    barometr_panels,
    occupation_with_ancestors,
)
from skillshub.matters.models import Matter
from skillshub.portal.models import LearningOffer
from skillshub.portal.tests.factories import LearningOfferFactory
from skillshub.stakeholders.models import Institution, Interaction, JoinApplication
from skillshub.stakeholders.tests.factories import ContactPersonFactory, InstitutionFactory
from skillshub.team.choices import MeetingStatus
from skillshub.team.models import Meeting
from skillshub.team.tests.factories import MeetingFactory, MembershipFactory, TeamFactory

from . import coverage

pytestmark = pytest.mark.browser

# What the focused element is, for a failure message: "input#id_city", "a[Przejdź do treści]".
DESCRIBE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return 'body';
  const label = e.id ? '#' + e.id : (e.name ? '[name=' + e.name + ']'
    : '[' + (e.textContent || '').trim().slice(0, 30) + ']');
  return e.tagName.toLowerCase() + label;
}"""
MATCHES = "(selector) => !!document.activeElement && document.activeElement.matches(selector)"


# --- the keyboard ------------------------------------------------------------------------------


def tab_to(page: Any, selector: str, *, limit: int = 40, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches ``selector``.

    Fails with the sequence of elements visited when ``limit`` presses do not reach it, or when
    the focus wraps past the top of the page on the way: the field is then before the current
    one in the tab order, which is not the order the form is read in.
    """
    key = "Shift+Tab" if backwards else "Tab"
    from_top = page.evaluate(DESCRIBE) == "body"  # else the skip link means Tab wrapped round
    visited: list[str] = []
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(MATCHES, selector):
            return
        visited.append(page.evaluate(DESCRIBE))
        wrapped = not from_top or len(visited) > 1
        if not backwards and wrapped and page.evaluate(MATCHES, "a.skip-link"):
            pytest.fail(f"Tab wrapped to the top before reaching {selector}: {visited}")
    pytest.fail(f"{limit} presses of {key} did not reach {selector}: {visited}")


def type_into(page: Any, selector: str, text: str, **kwargs: Any) -> None:
    tab_to(page, selector, **kwargs)
    page.keyboard.type(text)


def tick(page: Any, selector: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked"), selector


def choose(page: Any, selector: str, wanted: str) -> None:
    """Move to a <select> and press ArrowDown until the option whose value is ``wanted``, or
    whose text starts with it, is selected (the select stays closed: Chromium changes its value
    on each arrow)."""
    tab_to(page, selector)
    current = (
        "() => { const s = document.activeElement;"
        " return [s.value, s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text]; }"
    )
    seen = []
    for _ in range(80):
        value, text = page.evaluate(current)
        if value == wanted or text.strip().lower().startswith(wanted.lower()):
            return
        seen.append(text.strip())
        page.keyboard.press("ArrowDown")
    pytest.fail(f"{selector} has no option {wanted!r}: {seen}")


def type_date(page: Any, selector: str, value: datetime.date | datetime.datetime) -> None:
    """Type a date (or date and time) into a date or datetime-local input, part by part.

    Chromium lays the parts out in its own UI language (en-US here: mm/dd/yyyy, hh:mm AM/PM),
    not the page's; a month or day moves on by itself after two digits, the year (up to six
    digits) needs ArrowRight.
    """
    tab_to(page, selector)
    page.keyboard.type(value.strftime("%m%d%Y"))
    expected = value.strftime("%Y-%m-%d")
    if isinstance(value, datetime.datetime):
        page.keyboard.press("ArrowRight")
        page.keyboard.type(value.strftime("%I%M"))
        page.keyboard.type("A" if value.hour < 12 else "P")
        expected = value.strftime("%Y-%m-%dT%H:%M")
    actual = page.evaluate("() => document.activeElement.value")
    assert actual == expected, f"{selector}: typed {expected}, the input holds {actual!r}"


def send(page: Any, button: str = "main form button[type=submit]") -> None:
    """Tab to the form's button and press Enter; wait for the navigation that causes."""
    tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def start(page: Any, live_server: Any, path: str, *, skip_to_content: bool = True) -> None:
    """Open the page as a keyboard user does: the focus at the top of the document, then (unless
    told not to) Tab to the skip link and Enter, so the next Tab is inside the content."""
    page.goto(live_server.url + path)
    if page.evaluate(DESCRIBE) != "body":
        return  # a field with autofocus (the log-in form) holds the focus already
    if skip_to_content:
        page.keyboard.press("Tab")
        assert page.evaluate(MATCHES, "a.skip-link"), page.evaluate(DESCRIBE)
        page.keyboard.press("Enter")
        assert page.evaluate(MATCHES, "main#main"), page.evaluate(DESCRIBE)


def log_in(page: Any, live_server: Any, user: Any) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def path_of(page: Any) -> str:
    """The page's path: a redirect keeps the #main the skip link added to the address."""
    return urlsplit(page.url).path


# --- the forms ---------------------------------------------------------------------------------


@pytest.fixture
def world(live_region):  # type: ignore[no-untyped-def]
    """A little of everything the forms need: an institution with a contact, an event, a team."""
    zary = County.objects.get(teryt="0811")
    institution = InstitutionFactory(name="Centrum Kształcenia Zawodowego (demo)", county=zary)
    contact = ContactPersonFactory(institution=institution)
    adults = TargetGroup.objects.get(code="adults")
    GuidanceServiceFactory(provider=institution, counties=[zary], target_groups=[adults])
    event = GuidanceEventFactory(
        title="Warsztaty pisania CV (demo)", provider=institution, county=zary, capacity=5
    )
    LearningOfferFactory(title="Kurs spawania (demo)", provider=institution, county=zary)
    team = TeamFactory(name="Wojewódzki Zespół Koordynacji (demo)")
    return {
        "institution": institution,
        "contact": contact,
        "event": event,
        "team": team,
        "staff": UserFactory(role=Role.OFFICE_STAFF),
    }


def fill_join(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    start(page, live_server, "/institutions/join/")
    type_into(page, "#id_institution_name", "Fikcyjna Szkoła Klawiaturowa")
    choose(page, "#id_kind", "school")
    choose(page, "#id_county", "powiat żarski")
    type_into(page, "#id_city", "Żary")
    tick(page, "#id_areas_0")
    type_into(page, "#id_contact_first_name", "Demo")
    type_into(page, "#id_contact_last_name", "Klawiatura")
    type_into(page, "#id_contact_email", "klawiatura@example.invalid")
    type_into(page, "#id_message", "Zgłoszenie wysłane samą klawiaturą.")
    tick(page, "#id_privacy")
    send(page)
    assert path_of(page).endswith("/join/thanks/")
    application = JoinApplication.objects.get(contact_email="klawiatura@example.invalid")
    assert application.institution_name == "Fikcyjna Szkoła Klawiaturowa"
    assert application.county.name == "żarski" and application.areas.count() == 1


def fill_event_registration(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    start(page, live_server, world["event"].get_absolute_url())
    type_into(page, "#id_full_name", "Anna Klawiaturowa")
    type_into(page, "#id_email", "anna.klawiatura@example.invalid")
    tick(page, "#id_privacy_accepted")
    send(page, "form[action$='/register/'] button[type=submit]")
    assert page.locator(".messages").count() == 1
    registration = Registration.objects.get(email="anna.klawiatura@example.invalid")
    assert registration.event == world["event"] and registration.full_name == "Anna Klawiaturowa"


def fill_registration_cancel(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    registration = RegistrationFactory(event=world["event"])
    start(page, live_server, registration.get_cancel_url())
    send(page)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def fill_search(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    from skillshub.core import search

    search.rebuild()
    start(page, live_server, "/search/")
    type_into(page, "#id_q", "warsztaty")
    # The filters are folded in a <details>: Enter on its summary opens it.
    tab_to(page, "main details summary")
    page.keyboard.press("Enter")
    tick(page, "#id_kind_2")  # events only
    choose(page, "#id_county", "powiat żarski")
    tab_to(page, "main form button[type=submit]")
    # The search form is sent by htmx: the results are swapped in and the address pushed.
    with page.expect_response(lambda r: "/search/?" in r.url):
        page.keyboard.press("Enter")
    page.wait_for_url("**/search/?*q=warsztaty*")
    assert "kind=event" in page.url
    # The response has arrived; htmx may still be swapping it in.
    link = page.locator(f"main a[href$='{world['event'].get_absolute_url()}']")
    link.first.wait_for(timeout=10_000)
    assert link.count() >= 1


def _filters(page: Any, live_server: Any, path: str, steps: Callable[[], None], param: str) -> None:
    start(page, live_server, path)
    steps()
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert param in page.url
    assert page.locator("main h1").count() == 1


def _wait_for_text(page: Any, text: str) -> None:
    """The filter forms are htmx: typing and choosing send requests of their own, and the
    address is pushed by the first of them, so the page may still be swapping in the last
    answer when the navigation wait returns."""
    found = page.locator("main").get_by_text(text)
    found.first.wait_for(timeout=10_000)
    assert found.count() >= 1


def fill_offer_filters(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    def steps() -> None:
        type_into(page, "#id_q", "spawania")
        choose(page, "#id_county", "powiat żarski")

    _filters(page, live_server, "/offers/", steps, "county=")
    _wait_for_text(page, "Kurs spawania (demo)")


def fill_service_filters(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    _filters(
        page,
        live_server,
        "/guidance/",
        lambda: choose(page, "#id_county", "powiat żarski"),
        "county=",
    )


def fill_event_filters(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    def steps() -> None:
        choose(page, "#id_county", "powiat żarski")
        tick(page, "#id_past")

    _filters(page, live_server, "/guidance/events/", steps, "past=on")


def fill_directory_filters(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    def steps() -> None:
        type_into(page, "#id_q", "Kształcenia")
        choose(page, "#id_county", "powiat żarski")

    _filters(page, live_server, "/institutions/", steps, "q=")
    _wait_for_text(page, world["institution"].name)


def fill_login(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    UserFactory(username="klawiatura", password="hasło-demo-123")
    start(page, live_server, "/accounts/login/")
    # The user name field has autofocus: typing starts there.
    assert page.evaluate(MATCHES, "#id_username")
    page.keyboard.type("klawiatura")
    type_into(page, "#id_password", "hasło-demo-123")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url
    assert page.locator("form[action$='/logout/']").count() >= 1


def fill_password_reset(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    from django.core import mail

    UserFactory(username="niepamietny", email="niepamietny@example.invalid")
    start(page, live_server, "/accounts/password-reset/")
    type_into(page, "#id_email", "niepamietny@example.invalid")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page).endswith("/password-reset/done/")
    assert [m.to for m in mail.outbox] == [["niepamietny@example.invalid"]]


def fill_institution_create(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    log_in(page, live_server, world["staff"])
    start(page, live_server, "/institutions/new/")
    type_into(page, "#id_name", "Fikcyjne Centrum Klawiatury")
    choose(page, "#id_kind", "school")
    type_into(page, "#id_city", "Żary")
    choose(page, "#id_county", "powiat żarski")
    # The county's communes arrive through htmx; the commune select is the next stop.
    page.wait_for_function("() => document.querySelectorAll('#id_commune option').length > 1")
    choose(page, "#id_commune", "Żary")
    tick(page, "#id_target_groups_0")
    type_into(page, "#id_description", "Dodana samą klawiaturą.")
    send(page)
    institution = Institution.objects.get(name="Fikcyjne Centrum Klawiatury")
    assert institution.commune is not None and institution.target_groups.count() == 1
    assert path_of(page) == institution.get_absolute_url()


def fill_institution_edit(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    institution = world["institution"]
    log_in(page, live_server, world["staff"])
    start(page, live_server, f"/institutions/{institution.pk}/edit/")
    tab_to(page, "#id_short_name")
    page.keyboard.press("Control+A")
    page.keyboard.type("CKZ Klawiatura")
    type_into(page, "#id_phone", "68 000 00 00")
    send(page)
    institution.refresh_from_db()
    assert institution.short_name == "CKZ Klawiatura" and institution.phone == "68 000 00 00"


def fill_interaction(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    institution = world["institution"]
    log_in(page, live_server, world["staff"])
    start(page, live_server, f"/institutions/{institution.pk}/interactions/new/")
    choose(page, "#id_kind", "meeting")
    type_date(page, "#id_date", datetime.date(2026, 11, 20))
    type_into(page, "#id_subject", "Rozmowa o kursach (demo)")
    type_into(page, "#id_note", "Notatka wpisana klawiaturą.")
    tick(page, "#id_contacts_0")
    type_into(page, "#id_follow_up", "Wysłać ofertę")
    type_date(page, "#id_follow_up_due", datetime.date(2026, 12, 4))
    send(page)
    interaction = Interaction.objects.get(institution=institution)
    assert interaction.subject == "Rozmowa o kursach (demo)"
    assert interaction.date == datetime.date(2026, 11, 20)
    assert interaction.follow_up_due == datetime.date(2026, 12, 4)
    assert interaction.contacts.count() == 1


def fill_meeting_create(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    team = world["team"]
    log_in(page, live_server, world["staff"])
    start(page, live_server, f"/wzk/teams/{team.pk}/meetings/new/")
    type_into(page, "#id_title", "Posiedzenie klawiaturowe")
    when = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(days=21)
    when = when.replace(hour=10, minute=0)
    type_date(page, "#id_starts_at", when)
    type_into(page, "#id_place", "Sala 101 (demo)")
    send(page)
    meeting = Meeting.objects.get(team=team)
    assert meeting.title == "Posiedzenie klawiaturowe"
    assert timezone.localtime(meeting.starts_at) == when


def fill_matter_create(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    member = UserFactory(role=Role.TEAM_MEMBER)
    log_in(page, live_server, member)
    start(page, live_server, "/matters/new/")
    type_into(page, "#id_title", "Kwestia zgłoszona klawiaturą (demo)")
    type_into(page, "#id_description", "Opis kwestii wpisany samą klawiaturą.")
    tick(page, "#id_areas_1")
    tick(page, "#id_counties_0")
    send(page, "main form button[name=submit]")
    matter = Matter.objects.get(title="Kwestia zgłoszona klawiaturą (demo)")
    assert matter.raised_by == member and matter.state == "submitted"
    assert matter.areas.count() == 1 and matter.counties.count() == 1


def fill_offer_submit(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    contact = UserFactory(role=Role.INSTITUTION_CONTACT)
    ContactPersonFactory(institution=world["institution"], user=contact)
    log_in(page, live_server, contact)
    start(page, live_server, "/offers/new/")
    choose(page, "#id_kind", "course")
    type_into(page, "#id_title", "Kurs obsługi klawiatury (demo)")
    choose(page, "#id_county", "powiat żarski")
    type_into(page, "#id_place", "Żary")
    tick(page, "#id_target_groups_0")
    type_into(page, "#id_description", "Oferta wpisana samą klawiaturą.")
    send(page)
    offer = LearningOffer.objects.get(title="Kurs obsługi klawiatury (demo)")
    assert offer.provider == world["institution"] and offer.status == "submitted"


def fill_event_create(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    log_in(page, live_server, world["staff"])
    start(page, live_server, "/guidance/events/new/")
    choose(page, "#id_provider", world["institution"].name[:20])
    type_into(page, "#id_title", "Dzień otwarty klawiatury (demo)")
    choose(page, "#id_kind", "group_workshop")
    choose(page, "#id_county", "powiat żarski")
    day = (timezone.localtime() + datetime.timedelta(days=30)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    type_date(page, "#id_starts_at", day)
    type_date(page, "#id_ends_at", day + datetime.timedelta(hours=3))
    type_into(page, "#id_capacity", "20")
    send(page)
    event = GuidanceEvent.objects.get(title="Dzień otwarty klawiatury (demo)")
    assert event.capacity == 20 and timezone.localtime(event.starts_at) == day


def fill_mzdin_import(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    occupation_with_ancestors("722204", "Spawacz")
    log_in(page, live_server, world["staff"])
    start(page, live_server, "/labour-market/imports/mzdin/")
    tab_to(page, "#id_file")
    # Space opens the file chooser, as for a person; the test answers the dialog.
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(
        files=[
            {
                "name": "mzdin-2024-h2.csv",
                "mimeType": "text/csv",
                "buffer": b"kod_zawodu;teryt;O;B;Bn;Bo;Bd\n722204;0811;1;2;3;4;5\n",
            }
        ]
    )
    type_into(page, "#id_period", "2024-H2")
    send(page)
    run = ImportRun.objects.get()
    assert path_of(page) == run.get_absolute_url()


def fill_barometr_rating(page: Any, live_server: Any, world: dict[str, Any]) -> None:
    panels = barometr_panels()
    barometr_round = BarometrRoundFactory(year=2026)
    groups = [
        BarometrGroupFactory(round=barometr_round, name=name) for name in ("Spawacze", "Kucharze")
    ]
    expert = UserFactory(role=Role.INSTITUTION_CONTACT)
    panels["0811"].members.add(expert)
    log_in(page, live_server, expert)
    start(page, live_server, "/labour-market/barometr/2026/rate/")
    first, second = sorted(groups, key=lambda g: g.name)  # the form lists them by name
    choose(page, f"#id_g{first.pk}", "1")
    choose(page, f"#id_g{second.pk}", "4")
    send(page)
    ratings = dict(
        BarometrRating.objects.filter(panel=panels["0811"]).values_list("group__name", "level")
    )
    assert ratings == {first.name: 1, second.name: 4}


FILLERS: dict[str, Callable[[Any, Any, dict[str, Any]], None]] = {
    "join": fill_join,
    "event-registration": fill_event_registration,
    "registration-cancel": fill_registration_cancel,
    "search": fill_search,
    "offer-filters": fill_offer_filters,
    "service-filters": fill_service_filters,
    "event-filters": fill_event_filters,
    "directory-filters": fill_directory_filters,
    "login": fill_login,
    "password-reset": fill_password_reset,
    "institution-create": fill_institution_create,
    "institution-edit": fill_institution_edit,
    "interaction": fill_interaction,
    "meeting-create": fill_meeting_create,
    "matter-create": fill_matter_create,
    "offer-submit": fill_offer_submit,
    "event-create": fill_event_create,
    "mzdin-import": fill_mzdin_import,
    "barometr-rating": fill_barometr_rating,
}


def test_every_listed_form_has_a_keyboard_filler() -> None:
    assert sorted(FILLERS) == sorted(form.key for form in coverage.KEYBOARD_FORMS)


@pytest.mark.parametrize("key", [form.key for form in coverage.KEYBOARD_FORMS])
def test_form_can_be_filled_and_sent_with_the_keyboard_alone(live_server, page, world, key):
    FILLERS[key](page, live_server, world)


# --- focus, traps and errors -------------------------------------------------------------------

# Whether the focused element shows where it is: an outline or a box shadow, as computed.
# Shift+Tab into a date input stops first on the calendar button inside the browser's own part
# of the input: the input is the active element then but does not match :focus, and Chromium
# draws that button's focus itself. Only that case is let through.
FOCUS_SHOWN = """() => {
  const e = document.activeElement;
  const dateInput = e.matches('input[type=date], input[type=datetime-local]');
  if (dateInput && !e.matches(':focus')) return true;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return outline || s.boxShadow !== 'none';
}"""


def walk_the_page(page: Any, *, backwards: bool = False, limit: int = 400) -> list[str]:
    """Tab (or Shift+Tab) from the skip link through the whole page until the focus comes back
    to the skip link: a page that never gives the focus back traps the keyboard. Returns every
    stop; fails on a stop that does not show its focus."""
    if not page.evaluate(MATCHES, "a.skip-link"):
        page.keyboard.press("Tab")
        assert page.evaluate(MATCHES, "a.skip-link"), "the skip link is not the first stop"
    key = "Shift+Tab" if backwards else "Tab"
    stops: list[str] = []
    hidden: list[str] = []
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(MATCHES, "a.skip-link"):
            return stops
        where = page.evaluate(DESCRIBE)
        stops.append(where)
        if where != "body" and not page.evaluate(FOCUS_SHOWN):
            hidden.append(where)
        assert not hidden, f"no visible focus on {hidden}"
    pytest.fail(f"{limit} presses of {key} never came back to the top: {stops[-20:]}")


@pytest.fixture
def sitting(world):  # type: ignore[no-untyped-def]
    """A sitting with members, so its page shows the htmx agenda and attendance forms."""
    team = world["team"]
    for _ in range(3):
        MembershipFactory(team=team)
    return MeetingFactory(team=team, number=1)


@pytest.mark.parametrize(
    ("who", "path"),
    [
        (None, "/"),
        (None, "/institutions/join/"),
        (None, "/offers/"),
        (None, "/search/?q=kurs"),
        (None, "{event}"),
        ("staff", "/institutions/new/"),
        ("staff", "{meeting}"),
    ],
)
def test_focus_is_visible_and_never_trapped_when_walking_a_page_with_the_keyboard(
    live_server, page, world, sitting, who, path
):
    if who:
        log_in(page, live_server, world["staff"])
    path = path.format(event=world["event"].get_absolute_url(), meeting=sitting.get_absolute_url())
    start(page, live_server, path, skip_to_content=False)
    forwards = walk_the_page(page)
    assert len([s for s in forwards if s != "body"]) >= 5, forwards
    backwards = walk_the_page(page, backwards=True)
    # The same stops, in the opposite order.
    assert [s for s in backwards if s != "body"] == [s for s in reversed(forwards) if s != "body"]


def tab_round_to_the_top(page: Any, limit: int = 400) -> list[str]:
    """Tab from wherever the focus is until it comes back to the skip link."""
    stops: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(MATCHES, "a.skip-link"):
            return stops
        stops.append(page.evaluate(DESCRIBE))
    pytest.fail(f"{limit} presses of Tab never came back to the top: {stops[-20:]}")


def test_htmx_swaps_keep_the_keyboard_place(live_server, page, world, sitting):
    """After htmx replaces part of the page, Tab carries on from where the person was (not from
    the top of the page) and still goes round the whole page."""
    log_in(page, live_server, world["staff"])
    # The communes of the chosen county arrive by htmx; the next stop is the new commune list.
    start(page, live_server, "/institutions/new/")
    choose(page, "#id_county", "powiat żarski")
    page.wait_for_function("() => document.querySelectorAll('#id_commune option').length > 1")
    assert page.evaluate(MATCHES, "#id_county")
    page.keyboard.press("Tab")
    assert page.evaluate(MATCHES, "#id_commune"), page.evaluate(DESCRIBE)
    tab_round_to_the_top(page)

    # The attendance list is replaced as a whole after each person added.
    sitting.status = MeetingStatus.CONVENED
    sitting.save(update_fields=["status"])
    start(page, live_server, sitting.get_absolute_url())
    first = sitting.team.memberships.order_by("pk").first()
    choose(page, "#attendance #id_membership", str(first.pk))
    tab_to(page, "#attendance form.filters button[type=submit]")
    with page.expect_response(lambda r: r.url.endswith("/attendance/")):
        page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('#attendance tbody th[scope=row]').length === 1"
    )
    page.keyboard.press("Tab")
    after = page.evaluate(DESCRIBE)
    assert not page.evaluate(MATCHES, "a.skip-link"), "the swap sent the focus to the top"
    assert page.evaluate(
        "() => !!document.activeElement.closest('#attendance, #attendance ~ *, main')"
    ), after
    tab_round_to_the_top(page)


# What a screen reader is told about each field in error: aria-invalid, and the ids its
# aria-describedby points at, with their text.
FIELD_ERRORS = """() => [...document.querySelectorAll('.field-error')].map(p => {
  const field = p.closest('.field').querySelector('input, select, textarea');
  const described = (field.getAttribute('aria-describedby') || '').split(/\\s+/);
  return {
    field: field.id,
    invalid: field.getAttribute('aria-invalid'),
    describedByError: described.includes(p.id),
    text: p.textContent.trim(),
  };
})"""


def refuse_join(page: Any, live_server: Any, world: dict[str, Any]) -> str:
    start(page, live_server, "/institutions/join/")
    type_into(page, "#id_institution_name", "Szkoła z błędnym NIP (demo)")
    choose(page, "#id_kind", "school")
    type_into(page, "#id_nip", "1234567890")  # the checksum is wrong
    choose(page, "#id_county", "powiat żarski")
    type_into(page, "#id_city", "Żary")
    type_into(page, "#id_contact_first_name", "Demo")
    type_into(page, "#id_contact_last_name", "Błąd")
    type_into(page, "#id_contact_email", "blad@example.invalid")
    tick(page, "#id_privacy")
    send(page)
    assert not JoinApplication.objects.exists()
    return "#id_nip"


def refuse_registration(page: Any, live_server: Any, world: dict[str, Any]) -> str:
    start(page, live_server, world["event"].get_absolute_url())
    type_into(page, "#id_full_name", "Anna Demo")
    type_into(page, "#id_email", "to-nie-jest-adres")
    tick(page, "#id_privacy_accepted")
    send(page, "form[action$='/register/'] button[type=submit]")
    assert not Registration.objects.exists()
    return "#id_email"


def refuse_interaction(page: Any, live_server: Any, world: dict[str, Any]) -> str:
    log_in(page, live_server, world["staff"])
    start(page, live_server, f"/institutions/{world['institution'].pk}/interactions/new/")
    choose(page, "#id_kind", "call")
    type_date(page, "#id_date", datetime.date(2026, 11, 20))
    type_into(page, "#id_subject", "Telefon (demo)")
    type_into(page, "#id_follow_up", "Oddzwonić")
    type_date(page, "#id_follow_up_due", datetime.date(2026, 11, 1))  # before the call
    send(page)
    assert not Interaction.objects.exists()
    return "#id_follow_up_due"


@pytest.mark.parametrize("refuse", [refuse_join, refuse_registration, refuse_interaction])
def test_a_refused_form_is_announced_and_its_errors_reached_with_the_keyboard(
    live_server, page, world, refuse
):
    field = refuse(page, live_server, world)
    # The error summary (role=alert) takes the focus when the page loads, so a screen reader
    # reads it first and the next Tab is its first link.
    summary = page.locator(".error-summary")
    assert summary.get_attribute("role") == "alert"
    assert page.evaluate(MATCHES, ".error-summary"), page.evaluate(DESCRIBE)
    errors = page.evaluate(FIELD_ERRORS)
    assert errors, "no field error shown"
    for error in errors:
        assert error["invalid"] == "true", error
        assert error["describedByError"], error
        assert error["text"], error
    assert f"#{errors[0]['field']}" == field
    # The summary's link leads to the field.
    page.keyboard.press("Tab")
    assert page.evaluate(MATCHES, f".error-summary a[href='{field}']"), page.evaluate(DESCRIBE)
    page.keyboard.press("Enter")
    page.wait_for_function(f'() => document.activeElement.matches("{field}")')


def test_a_failed_log_in_is_announced_with_the_keyboard(live_server, page, world):
    UserFactory(username="klawiatura", password="hasło-demo-123")
    start(page, live_server, "/accounts/login/")
    page.keyboard.type("klawiatura")
    type_into(page, "#id_password", "złe-hasło")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate(MATCHES, ".error-summary[role=alert]"), page.evaluate(DESCRIBE)
    assert page.locator(".error-summary li").count() == 1
