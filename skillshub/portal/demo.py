"""The portal's demo data: learning offers across lubuskie's counties, news, pages and a
campaign. Built from the test factories; every row is marked as demo data. Public schools and
universities keep their public kind of name; the offers themselves are illustrative."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction
from django.utils import timezone

from skillshub.core.models import County, StrategyArea, TargetGroup
from skillshub.stakeholders.selectors import institution_named

from .choices import OfferKind, OfferStatus
from .models import LearningOffer, Page
from .tests.factories import CampaignFactory, LearningOfferFactory, NewsItemFactory, PageFactory

# KZSB code, occupation (real entries of the school classification).
SCHOOL_OCCUPATIONS = [
    ("351203", "Technik informatyk"),
    ("351406", "Technik programista"),
    ("311410", "Technik mechatronik"),
    ("333107", "Technik logistyk"),
    ("343404", "Technik żywienia i usług gastronomicznych"),
    ("311513", "Technik pojazdów samochodowych"),
    ("741203", "Elektromechanik pojazdów samochodowych"),
    ("742118", "Mechatronik"),
]
KKZ = [
    ("351203", "KKZ INF.02: administracja i eksploatacja systemów komputerowych"),
    ("311513", "KKZ MOT.05: obsługa, diagnozowanie i naprawa pojazdów samochodowych"),
    ("532102", "KKZ MED.14: świadczenie usług opiekuńczych osobie chorej i niesamodzielnej"),
    ("333107", "KKZ SPL.01: obsługa magazynów"),
]
COURSES = [
    ("Kurs spawania metodą MAG (135)", "Kurs przygotowuje do egzaminu spawacza metodą MAG."),
    ("Kurs operatora wózków jezdniowych z egzaminem UDT", "Zajęcia teoretyczne i praktyczne."),
    ("Kurs języka niemieckiego w pracy opiekuna osób starszych", "Język w codziennej opiece."),
    ("Szkolenie: kompetencje cyfrowe dla osób 50+", "Poczta, bankowość i urzędy w sieci."),
    ("Kurs obsługi arkusza kalkulacyjnego w pracy biurowej", "Formuły, tabele, wykresy."),
    ("Szkolenie: doradztwo zawodowe w szkole — warsztat dla nauczycieli", "Metody pracy."),
]
STUDIES = [
    ("Uniwersytet Zielonogórski", "Studia podyplomowe: doradztwo zawodowe i personalne"),
    ("Uniwersytet Zielonogórski", "Studia I stopnia: automatyka i robotyka"),
    ("Akademia im. Jakuba z Paradyża", "Studia podyplomowe: logistyka w przedsiębiorstwie"),
]
NEWS = [
    ("Ruszył nabór na kwalifikacyjne kursy zawodowe", "kkz-nabor"),
    ("Targi edukacyjne w Zielonej Górze: szkoły branżowe zapraszają", "targi-edukacyjne"),
    ("Lubuskie Forum Doradztwa Zawodowego — podsumowanie", "forum-doradztwa"),
    ("Nowe kierunki kształcenia w szkołach branżowych regionu", "nowe-kierunki"),
    ("Posiedzenie WZK: przyjęto plan pracy na kolejny rok", "posiedzenie-wzk"),
]
PAGES = [
    (
        "deklaracja-dostepnosci",
        "Deklaracja dostępności",
        "<p>Wojewódzki Urząd Pracy zobowiązuje się zapewnić dostępność tej strony zgodnie z "
        "ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji "
        "mobilnych podmiotów publicznych.</p><h2>Stan dostępności</h2><p>Strona jest zgodna "
        "ze standardem WCAG 2.1 na poziomie AA (stan demonstracyjny).</p>",
    ),
    (
        "polityka-prywatnosci",
        "Polityka prywatności",
        "<p>Administratorem danych osobowych jest Wojewódzki Urząd Pracy. Dane z formularzy "
        "zapisów na wydarzenia przetwarzamy wyłącznie w celu organizacji wydarzenia (treść "
        "demonstracyjna).</p>",
    ),
    (
        "o-wzk",
        "O Wojewódzkim Zespole Koordynacji",
        "<p>Wojewódzki Zespół Koordynacji skupia instytucje edukacji, rynku pracy, gospodarki "
        "i dialogu społecznego, które wspólnie wdrażają Zintegrowaną Strategię Umiejętności "
        "2030 w regionie.</p>",
    ),
]


@dataclass
class PortalDemo:
    offers: int
    submitted: int
    news: int
    pages: int
    campaigns: int


@transaction.atomic
def build_portal_demo(*, office_user: Any) -> PortalDemo | None:
    if LearningOffer.objects.filter(is_demo=True).exists():
        return None
    rng = random.Random(6)
    today = timezone.localdate()
    counties = list(County.objects.in_region())
    groups = {g.code: g for g in TargetGroup.objects.all()}
    vocational_area = StrategyArea.objects.order_by("part", "number").first()
    created = 0

    def offer(**kwargs: Any) -> LearningOffer:
        nonlocal created
        created += 1
        groups_for = kwargs.pop("groups", [])
        return cast(
            LearningOffer,
            LearningOfferFactory(
                published_at=timezone.now(),
                reviewed_by=office_user,
                area=vocational_area,
                target_groups=[groups[g] for g in groups_for if g in groups],
                **kwargs,
            ),
        )

    school_year = datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    for county in counties:
        school = institution_named("Zespół Szkół Technicznych", county=county) or institution_named(
            "Zespół Szkół Ponadpodstawowych", county=county
        )
        if school is None:
            continue
        for code, name in rng.sample(SCHOOL_OCCUPATIONS, 3):
            offer(
                kind=OfferKind.SCHOOL_OCCUPATION,
                title=f"{name} — {school.name}",
                provider=school,
                county=county,
                place=school.city,
                occupation_codes=code,
                starts_on=school_year + datetime.timedelta(days=365),
                description=(
                    f"Kształcenie w zawodzie {name.lower()} (kod {code}) w technikum lub szkole "
                    "branżowej. Praktyki u pracodawców regionu. Oferta demonstracyjna."
                ),
                groups=["pupils"],
            )
        ckz = institution_named("Centrum Kształcenia Zawodowego", county=county)
        if ckz is not None:
            code, name = rng.choice(KKZ)
            start = today + datetime.timedelta(days=rng.randint(10, 90))
            offer(
                kind=OfferKind.QUALIFICATION_COURSE,
                title=name,
                provider=ckz,
                county=county,
                place=ckz.city,
                occupation_codes=code,
                starts_on=start,
                ends_on=start + datetime.timedelta(days=240),
                description=(
                    "Bezpłatny kwalifikacyjny kurs zawodowy dla osób dorosłych, kończący się "
                    "egzaminem zawodowym. Zajęcia w weekendy. Oferta demonstracyjna."
                ),
                groups=["adults"],
            )
        trainer = institution_named("Demo Szkolenia", county=county) or institution_named(
            "Demo Akademia", county=county
        )
        if trainer is not None:
            for title, text in rng.sample(COURSES, 2):
                start = today + datetime.timedelta(days=rng.randint(5, 120))
                paid = rng.random() < 0.5
                offer(
                    kind=OfferKind.COURSE,
                    title=title,
                    provider=trainer,
                    county=county,
                    place=trainer.city,
                    is_online=rng.random() < 0.2,
                    starts_on=start,
                    ends_on=start + datetime.timedelta(days=rng.choice([3, 14, 30, 60])),
                    is_free=not paid,
                    price=rng.choice([450, 900, 1800]) if paid else None,
                    description=f"{text} Oferta demonstracyjna (firma fikcyjna).",
                    groups=rng.sample(["adults", "50plus", "neet", "migrants"], 2),
                )
    for university_name, title in STUDIES:
        university = institution_named(university_name)
        if university is not None:
            offer(
                kind=OfferKind.STUDIES,
                title=title,
                provider=university,
                county=university.county,
                place=university.city,
                starts_on=datetime.date(today.year + 1, 10, 1),
                is_free=False,
                price=4200,
                description="Studia dla absolwentów i osób pracujących. Oferta demonstracyjna.",
                groups=["students", "adults"],
            )
    # Offers a provider sent in and the office has not approved yet.
    submitted = 0
    zary = County.objects.filter(teryt="0811").first()
    ckz_zary = institution_named("Centrum Kształcenia Zawodowego", county=zary)
    if ckz_zary is not None:
        for title in ("Kurs spawania metodą TIG (141) — nabór wiosenny", "Kurs kelnerski z barem"):
            LearningOfferFactory(
                kind=OfferKind.COURSE,
                title=title,
                provider=ckz_zary,
                county=zary,
                place="Żary",
                status=OfferStatus.SUBMITTED,
                published_at=None,
                submitted_at=timezone.now(),
                description="Zgłoszenie demonstracyjne oczekujące na akceptację biura.",
            )
            submitted += 1

    for n, (title, slug) in enumerate(NEWS):
        NewsItemFactory(
            title=title,
            slug=slug,
            lead=f"{title}. Wiadomość demonstracyjna.",
            body=f"<p>{title}. Treść wiadomości demonstracyjnej.</p>",
            published_at=timezone.now() - datetime.timedelta(days=3 * n + 1),
            author=office_user,
        )
    for order, (slug, title, body) in enumerate(PAGES):
        if not Page.objects.filter(slug=slug).exists():
            PageFactory(slug=slug, title=title, body=body, in_footer=True, order=order)
    CampaignFactory(
        title="Zawodowcy z Lubuskiego — wybierz szkołę branżową (kampania demonstracyjna)",
        slug="zawodowcy-z-lubuskiego",
        lead="Szkoły branżowe regionu kształcą w zawodach, których szukają pracodawcy.",
        body="<p>Sprawdź oferty szkół branżowych w katalogu i na targach edukacyjnych.</p>",
    )
    return PortalDemo(
        offers=created + submitted,
        submitted=submitted,
        news=len(NEWS),
        pages=len(PAGES),
        campaigns=1,
    )
