"""What the browser tests check: the one list the tests parametrize over and the accessibility
statement (docs/accessibility.md, scripts/accessibility_statement.py) is written from.

A page listed here is opened in Chromium and checked with axe-core (no serious or critical
WCAG 2.1 A/AA violation); a form listed here is filled and sent with the keyboard alone. Adding
a page is one line here: the test that owns its group picks it up, and
`make accessibility-statement` lists it in the statement. A path may hold ``{placeholders}``
that the owning test fills with its fixture's objects (``paths(group, offer=...)``).
"""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC = "public"
STAFF = "staff"
MEMBER = "member"


@dataclass(frozen=True)
class CheckedPage:
    path: str
    title: str  # Polish: the statement lists it


@dataclass(frozen=True)
class PageGroup:
    audience: str  # PUBLIC, STAFF (office staff) or MEMBER (a signed-in WZK member or partner)
    test: str  # the test that opens every page of the group: "file.py::function"
    pages: tuple[CheckedPage, ...]


def _p(path: str, title: str) -> CheckedPage:
    return CheckedPage(path=path, title=title)


AXE_GROUPS: dict[str, PageGroup] = {
    "core-public": PageGroup(
        PUBLIC,
        "test_accessibility.py::test_public_page_has_no_serious_accessibility_violations",
        (
            _p("/", "Strona główna"),
            _p("/institutions/", "Katalog instytucji"),
            _p("/institutions/join/", "Formularz zgłoszenia instytucji do sieci"),
            _p("/institutions/{institution}/", "Karta instytucji"),
            _p("/about/", "O serwisie"),
            _p("/accounts/login/", "Logowanie"),
            _p("/accounts/password-reset/", "Przypomnienie hasła"),
            _p("/no-such-page/", "Strona błędu 404"),
        ),
    ),
    "core-staff": PageGroup(
        STAFF,
        "test_accessibility.py::test_staff_page_has_no_serious_accessibility_violations",
        (
            _p("/institutions/", "Katalog instytucji (widok biura)"),
            _p("/institutions/applications/", "Zgłoszenia do sieci"),
            _p("/institutions/import/", "Import instytucji"),
            _p("/institutions/new/", "Nowa instytucja"),
            _p("/institutions/{institution}/edit/", "Edycja instytucji"),
            _p("/institutions/{institution}/interactions/new/", "Nowy kontakt z instytucją"),
            _p("/audit/", "Dziennik zmian"),
        ),
    ),
    "portal-public": PageGroup(
        PUBLIC,
        "test_portal.py::test_public_portal_pages_have_no_serious_accessibility_violations",
        (
            _p("/", "Strona główna z wyszukiwarką"),
            _p("/search/?q=kursy+spawania", "Wyniki wyszukiwania"),
            _p("/search/?q=zzzz+nic", "Wyszukiwanie bez wyników"),
            _p("/offers/", "Katalog ofert edukacyjnych z filtrami"),
            _p("{offer}", "Karta oferty edukacyjnej"),
            _p("/guidance/", "Katalog usług doradztwa zawodowego"),
            _p("{service}", "Karta usługi doradczej"),
            _p("/guidance/events/", "Wydarzenia doradcze"),
            _p("{event}", "Karta wydarzenia z formularzem zapisu"),
            _p("/news/", "Aktualności"),
            _p("{news}", "Aktualność"),
            _p("{page}", "Strona treści"),
            _p("{campaign}", "Kampania"),
        ),
    ),
    "portal-staff": PageGroup(
        STAFF,
        "test_portal.py::test_staff_portal_pages_are_accessible_and_the_map_is_drawn",
        (
            _p("/offers/mine/", "Moje oferty"),
            _p("/offers/new/", "Nowa oferta edukacyjna"),
            _p("/offers/review/", "Oferty do zatwierdzenia"),
            _p("/offers/import/", "Import ofert"),
            _p("/manage/content/", "Zarządzanie treściami"),
            _p("/manage/news/new/", "Nowa aktualność"),
            _p("/guidance/services/new/", "Nowa usługa doradcza"),
            _p("/guidance/events/new/", "Nowe wydarzenie"),
            _p("/guidance/events/{event}/registrations/", "Lista zapisanych na wydarzenie"),
            _p("/guidance/coverage/", "Mapa pokrycia usługami doradczymi"),
        ),
    ),
    "labour-market-public": PageGroup(
        PUBLIC,
        "test_labour_market.py::test_labour_market_pages_are_accessible_and_drawn",
        (
            _p("/labour-market/", "Rynek pracy: przegląd"),
            _p("/labour-market/occupations/", "Klasyfikacja zawodów"),
            _p("/labour-market/occupations/8322/", "Grupa zawodów"),
            _p("/labour-market/occupations/832201/", "Karta zawodu z wykresem i mapą"),
            _p("/labour-market/mzdin/", "Monitoring zawodów deficytowych i nadwyżkowych"),
            _p("/labour-market/mzdin/heatmap/", "Mapa cieplna MZDiN"),
            _p("/labour-market/thresholds/", "Progi klasyfikacji"),
            _p("/labour-market/men/", "Prognoza zapotrzebowania MEN"),
            _p("/labour-market/schools/", "Oferta szkół"),
            _p("/labour-market/barometr/", "Barometr zawodów: edycje"),
            _p("/labour-market/barometr/{closed_year}/", "Barometr zawodów: wyniki edycji"),
            _p(
                "/labour-market/barometr/{closed_year}/groups/{group}/",
                "Barometr zawodów: grupa zawodów",
            ),
        ),
    ),
    "labour-market-staff": PageGroup(
        STAFF,
        "test_labour_market.py::test_labour_market_pages_are_accessible_and_drawn",
        (
            _p("/labour-market/gaps/?county=0811", "Analiza luk kompetencyjnych"),
            _p("/labour-market/imports/", "Importy danych rynku pracy"),
            _p("/labour-market/imports/mzdin/", "Import danych MZDiN"),
            _p("/labour-market/barometr/new/", "Nowa edycja Barometru"),
        ),
    ),
    "labour-market-panel": PageGroup(
        MEMBER,
        "test_labour_market.py::test_labour_market_pages_are_accessible_and_drawn",
        (_p("/labour-market/barometr/{open_year}/rate/", "Barometr zawodów: ocena panelu"),),
    ),
    "matters-staff": PageGroup(
        STAFF,
        "test_matters.py::test_matter_pages_are_accessible",
        (
            _p("/matters/", "Rejestr kwestii"),
            _p("/matters/board/", "Tablica kwestii"),
            _p("/matters/public/", "Kwestie (widok publiczny)"),
            _p("{matter}", "Karta kwestii"),
            _p("/matters/{matter_pk}/proposals/new/", "Nowa propozycja rozstrzygnięcia"),
        ),
    ),
    "team-member": PageGroup(
        MEMBER,
        "test_team.py::test_member_pages_are_accessible",
        (
            _p("/wzk/", "Mój zespół"),
            _p("/wzk/teams/{team}/", "Zespół: skład"),
            _p("/wzk/teams/{team}/meetings/", "Posiedzenia zespołu"),
            _p("{meeting}", "Posiedzenie"),
            _p("/wzk/calendar/", "Kalendarz posiedzeń"),
            _p("/wzk/resolutions/", "Uchwały"),
            _p("/wzk/teams/{team}/documents/", "Dokumenty zespołu"),
        ),
    ),
}

# Pages checked with axe-core in the middle of a journey (after the test's own steps), so they
# are opened by the journey and not by a loop over a group. The statement test checks that each
# named test still calls axe.
JOURNEY_PAGES: tuple[tuple[str, str, str], ...] = (
    (
        STAFF,
        "test_team.py::test_staff_run_sitting_iv_in_the_browser",
        "Posiedzenie WZK: planowanie, porządek obrad, dokument, obecność (htmx), głosowanie, "
        "protokół",
    ),
    (
        MEMBER,
        "test_matters.py::test_a_member_raises_a_matter_and_staff_accept_it",
        "Zgłoszenie kwestii przez członka WZK i jej przyjęcie przez biuro",
    ),
    (
        PUBLIC,
        "test_portal.py::test_citizen_searches_then_registers_for_an_event",
        "Wyszukiwanie, karta wydarzenia i zapis na wydarzenie (z potwierdzeniem)",
    ),
    (
        PUBLIC,
        "test_programme.py::test_the_public_dashboard_draws_its_charts_and_map",
        "Pulpit programu wdrożeniowego ZSU (wykresy, mapa i tabele danych)",
    ),
    (
        PUBLIC,
        "test_journeys_network.py::test_an_institution_applies_to_join_and_the_office_accepts_it",
        "Zgłoszenie instytucji do sieci i jego przyjęcie przez biuro",
    ),
    (
        MEMBER,
        "test_journeys_network.py::test_a_matter_goes_from_submission_through_a_proposal_to_a_decision",
        "Kwestia od zgłoszenia przez członka WZK, przez propozycję rozwiązania biura, do decyzji "
        "na posiedzeniu i zamknięcia",
    ),
    (
        STAFF,
        "test_journeys_programme.py::test_a_monitoring_round_is_opened_reported_accepted_and_closed",
        "Runda monitoringu programu ZSU 2030: otwarcie przez biuro, sprawozdanie instytucji "
        "wiodącej, przyjęcie i zamknięcie rundy",
    ),
    (
        STAFF,
        "test_job_ads.py::test_office_imports_ads_and_reviews_one_with_the_code_picker",
        "Oferty pracy: import, przegląd i przypisanie kodu zawodu",
    ),
)


@dataclass(frozen=True)
class KeyboardForm:
    key: str  # the name of the test case in tests/browser/test_keyboard.py
    audience: str
    path: str
    title: str  # Polish: the statement lists it


KEYBOARD_FORMS: tuple[KeyboardForm, ...] = (
    KeyboardForm("join", PUBLIC, "/institutions/join/", "Zgłoszenie instytucji do sieci"),
    KeyboardForm("event-registration", PUBLIC, "{event}", "Zapis na wydarzenie doradcze"),
    KeyboardForm("registration-cancel", PUBLIC, "{cancel}", "Rezygnacja z zapisu na wydarzenie"),
    KeyboardForm("search", PUBLIC, "/search/", "Wyszukiwarka z filtrami"),
    KeyboardForm("offer-filters", PUBLIC, "/offers/", "Filtry katalogu ofert"),
    KeyboardForm("service-filters", PUBLIC, "/guidance/", "Filtry katalogu usług doradczych"),
    KeyboardForm("event-filters", PUBLIC, "/guidance/events/", "Filtry wydarzeń"),
    KeyboardForm("directory-filters", PUBLIC, "/institutions/", "Filtry katalogu instytucji"),
    KeyboardForm("login", PUBLIC, "/accounts/login/", "Logowanie"),
    KeyboardForm("password-reset", PUBLIC, "/accounts/password-reset/", "Przypomnienie hasła"),
    KeyboardForm("institution-create", STAFF, "/institutions/new/", "Nowa instytucja"),
    KeyboardForm(
        "institution-edit", STAFF, "/institutions/{institution}/edit/", "Edycja instytucji"
    ),
    KeyboardForm(
        "interaction",
        STAFF,
        "/institutions/{institution}/interactions/new/",
        "Rejestracja kontaktu z instytucją",
    ),
    KeyboardForm(
        "meeting-create", STAFF, "/wzk/teams/{team}/meetings/new/", "Nowe posiedzenie WZK"
    ),
    KeyboardForm("matter-create", MEMBER, "/matters/new/", "Zgłoszenie kwestii"),
    KeyboardForm("offer-submit", MEMBER, "/offers/new/", "Zgłoszenie oferty edukacyjnej"),
    KeyboardForm("event-create", STAFF, "/guidance/events/new/", "Nowe wydarzenie doradcze"),
    KeyboardForm(
        "mzdin-import", STAFF, "/labour-market/imports/mzdin/", "Import danych MZDiN (plik)"
    ),
    KeyboardForm(
        "barometr-rating",
        MEMBER,
        "/labour-market/barometr/{year}/rate/",
        "Barometr zawodów: ocena panelu",
    ),
)

# Further keyboard and focus checks (tests/browser/test_keyboard.py and test_accessibility.py),
# in Polish for the statement.
OTHER_CHECKS: tuple[str, ...] = (
    "pierwszym elementem osiągalnym klawiszem Tab jest odnośnik „Przejdź do treści”, który "
    "przenosi fokus do treści głównej",
    "każdy element osiągalny klawiszem Tab ma widoczny wskaźnik fokusu (obramowanie lub cień) "
    "na stronie głównej, w katalogach, w formularzach i na stronie posiedzenia",
    "brak pułapki klawiaturowej: przejście klawiszem Tab przez całą stronę (także części "
    "odświeżane przez htmx) wraca na jej początek, a Shift+Tab przechodzi w przeciwną stronę",
    "po odrzuceniu formularza pole z błędem ma aria-invalid i aria-describedby wskazujące "
    "komunikat, a podsumowanie błędów (role=alert) otrzymuje fokus i prowadzi odnośnikami do "
    "pól",
    "polityka bezpieczeństwa treści (CSP) bez unsafe-inline: test przeglądarkowy kończy się "
    "błędem, gdy przeglądarka zablokuje cokolwiek na sprawdzanej stronie",
    "język strony zadeklarowany w atrybucie lang",
)


def group(name: str) -> PageGroup:
    return AXE_GROUPS[name]


def paths(name: str, **values: object) -> list[str]:
    """The group's paths with their ``{placeholders}`` filled from ``values``."""
    return [page.path.format(**values) for page in AXE_GROUPS[name].pages]


def keyboard_form(key: str) -> KeyboardForm:
    return next(form for form in KEYBOARD_FORMS if form.key == key)
