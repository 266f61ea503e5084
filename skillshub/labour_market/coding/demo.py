"""Demo online job ads for lubuskie: SYNTHETIC ads written from templates with a fixed seed,
for fictional employers ("… Demo sp. z o.o."), never copied from a real portal.

Two files come out of it:
- ``oferty-pracy-demo-1.csv`` (the months before): ``seed_demo`` imports and codes it when a
  model has been trained, so that the demand tables and the gap analysis have numbers;
- ``oferty-pracy-demo-2.csv`` (November): shipped in ``coding/demo/`` for a person trying the
  demo to import by hand, watch it being coded, and review the unsure ads.

Some titles are deliberately vague ("Pracownik ogólny", "Specjalista ds. różnych") so that the
review queue has work in it.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
from pathlib import Path
from typing import Any

DEMO_DIR = Path(__file__).resolve().parent / "demo"
SEED = 2030

# (title variants, duties) per kind of job; the classifier has to find the code itself.
JOBS: list[tuple[list[str], str]] = [
    (["Spawacz MIG/MAG", "Spawacz metodą TIG", "Spawacz konstrukcji stalowych"],
     "spawanie konstrukcji stalowych metodą MIG/MAG i TIG, czytanie rysunku technicznego, "
     "wymagane uprawnienia spawalnicze"),
    (["Kierowca C+E", "Kierowca ciężarówki w ruchu międzynarodowym", "Kierowca zawodowy kat. C"],
     "przewóz towarów na trasach krajowych i międzynarodowych, prawo jazdy kat. C+E, "
     "świadectwo kwalifikacji, karta kierowcy"),
    (["Magazynier z uprawnieniami na wózek widłowy", "Magazynier", "Pracownik magazynu"],
     "przyjmowanie i wydawanie towaru, kompletacja zamówień, obsługa skanera, uprawnienia UDT "
     "na wózki widłowe"),
    (["Sprzedawca", "Sprzedawca-kasjer", "Kasjer sprzedawca w markecie"],
     "obsługa klienta, obsługa kasy fiskalnej, wykładanie towaru, dbanie o ekspozycję"),
    (["Pielęgniarka", "Pielęgniarka/pielęgniarz oddziałowy", "Pielęgniarka środowiskowa"],
     "opieka nad pacjentami, wykonywanie zabiegów pielęgniarskich, podawanie leków, "
     "prowadzenie dokumentacji medycznej, prawo wykonywania zawodu"),
    (["Programista Python", "Programista Java", "Młodszy programista aplikacji internetowych"],
     "tworzenie i rozwój aplikacji, przegląd kodu, testy automatyczne, praca w zespole "
     "zwinnym, znajomość Git i SQL"),
    (["Księgowa", "Samodzielna księgowa", "Specjalista ds. księgowości"],
     "prowadzenie ksiąg rachunkowych, rozliczenia VAT i CIT, sporządzanie sprawozdań, "
     "znajomość programu Symfonia"),
    (["Elektryk", "Elektromonter", "Elektryk przemysłowy"],
     "montaż i konserwacja instalacji elektrycznych, pomiary, uprawnienia SEP do 1 kV"),
    (["Mechanik samochodowy", "Mechanik pojazdów ciężarowych", "Mechanik samochodów osobowych"],
     "diagnostyka i naprawa pojazdów, wymiana podzespołów, obsługa urządzeń diagnostycznych"),
    (["Kucharz", "Kucharz w restauracji", "Pomoc kuchenna / kucharz"],
     "przygotowywanie posiłków zgodnie z kartą menu, dbanie o porządek w kuchni, HACCP"),
    (["Operator CNC", "Operator obrabiarek CNC", "Operator tokarki CNC"],
     "obsługa i ustawianie obrabiarek sterowanych numerycznie, kontrola wymiarów, "
     "czytanie rysunku technicznego"),
    (["Opiekunka osoby starszej", "Opiekun w domu pomocy społecznej", "Opiekunka środowiskowa"],
     "opieka nad osobami starszymi i niesamodzielnymi, pomoc w czynnościach dnia codziennego"),
    (["Nauczyciel matematyki", "Nauczyciel języka angielskiego w szkole podstawowej",
      "Nauczyciel przedmiotów zawodowych"],
     "prowadzenie zajęć dydaktycznych, przygotowanie uczniów do egzaminów, kwalifikacje "
     "pedagogiczne"),
    (["Fryzjer", "Fryzjerka damska", "Stylista fryzjer"],
     "strzyżenie, koloryzacja, modelowanie fryzur, obsługa klientów salonu"),
    (["Murarz", "Murarz-tynkarz", "Pracownik budowlany – murarz"],
     "murowanie ścian, tynkowanie, prace wykończeniowe na budowach w regionie"),
    (["Stolarz", "Stolarz meblowy", "Pracownik stolarni"],
     "produkcja mebli z płyt i drewna, obsługa maszyn stolarskich, montaż"),
    (["Przedstawiciel handlowy", "Handlowiec B2B", "Doradca klienta biznesowego"],
     "pozyskiwanie klientów, negocjacje, realizacja planów sprzedażowych, samochód służbowy"),
    (["Operator maszyn produkcyjnych", "Operator linii produkcyjnej",
      "Pracownik produkcji – operator wtryskarki"],
     "obsługa maszyn na linii produkcyjnej, kontrola jakości wyrobów, praca zmianowa"),
    (["Pracownik ochrony", "Pracownik ochrony fizycznej", "Ochroniarz"],
     "ochrona obiektu, obchody, obsługa monitoringu, wpis na listę kwalifikowanych"),
    (["Sprzątaczka", "Pracownik utrzymania czystości", "Osoba sprzątająca biura"],
     "sprzątanie pomieszczeń biurowych i sanitarnych, dbanie o czystość"),
    (["Ratownik medyczny", "Ratownik medyczny w zespole ZRM"],
     "medyczne czynności ratunkowe, praca w zespole ratownictwa medycznego"),
    (["Technik informatyk", "Administrator sieci", "Pracownik wsparcia IT (helpdesk)"],
     "wsparcie użytkowników, konfiguracja komputerów i sieci, administracja systemami"),
    (["Kelner", "Kelnerka", "Barman-kelner"],
     "obsługa gości restauracji, przyjmowanie zamówień, rozliczanie rachunków"),
    (["Monter instalacji sanitarnych", "Hydraulik", "Instalator instalacji grzewczych"],
     "montaż instalacji wodno-kanalizacyjnych i grzewczych, usuwanie awarii"),
    (["Pracownik biurowy", "Referent", "Asystent biura"],
     "obsługa korespondencji, prowadzenie dokumentacji, obsługa telefonów, praca z MS Office"),
]  # fmt: skip
# Ads the model should be unsure of: the review queue's work.
VAGUE = [
    ("Pracownik ogólny", "praca od zaraz, różne zadania, umowa o pracę, dobra atmosfera"),
    ("Specjalista ds. różnych", "wsparcie działów firmy w bieżących sprawach"),
    ("Praca dodatkowa na weekendy", "elastyczne godziny, wynagrodzenie godzinowe"),
    ("Asystent / asystentka", "pomoc w codziennej pracy zespołu, mile widziane doświadczenie"),
    ("Junior", "rozwój w firmie, szkolenia, praca z ludźmi"),
    ("Pomocnik", "prace pomocnicze według poleceń przełożonego"),
]
# Where the ads are: towns, gminas and counties of lubuskie, written as ads write them.
PLACES = [
    "Zielona Góra", "Gorzów Wlkp.", "Gorzów Wielkopolski", "Żary", "Żagań", "Nowa Sól",
    "Świebodzin", "Międzyrzecz", "Sulęcin", "Strzelce Krajeńskie", "Słubice", "Krosno Odrzańskie",
    "Wschowa", "Kostrzyn nad Odrą", "Lubsko", "Gubin", "Sława", "Kożuchów", "Szprotawa",
    "Drezdenko", "Skwierzyna", "Witnica", "Rzepin", "Nowogród Bobrzański", "Sulechów",
    "Żary, lubuskie", "powiat żarski", "Zielona Góra (lubuskie)",
]  # fmt: skip
OUTSIDE = ["Poznań", "Wrocław", "Berlin (Niemcy)", "praca zdalna"]
EMPLOYERS = [
    "Lubuskie Konstrukcje Demo sp. z o.o.", "Transport Odra Demo S.A.", "Sklepy Winnica Demo",
    "Szpital Powiatowy Demo", "Softwarehouse Demo Zielona Góra", "Biuro Rachunkowe Demo",
    "Zakład Elektryczny Demo", "Auto-Serwis Demo", "Restauracja Pod Demo",
    "Metal-CNC Demo sp. z o.o.", "Dom Pomocy Demo", "Szkoła Podstawowa Demo",
]  # fmt: skip
HEADER = ["tytul", "opis", "pracodawca", "miejsce", "data", "url"]


def _rows(rng: random.Random, n: int, months: list[tuple[int, int]], start: int) -> list[list[str]]:
    rows: list[list[str]] = []
    for index in range(n):
        if rng.random() < 0.08:
            title, duties = rng.choice(VAGUE)
        else:
            titles, duties = rng.choice(JOBS)
            title = rng.choice(titles)
        place = rng.choice(OUTSIDE) if rng.random() < 0.06 else rng.choice(PLACES)
        year, month = rng.choice(months)
        day = rng.randint(1, 28)
        description = (
            f"DANE DEMONSTRACYJNE. Zakres obowiązków: {duties}. Oferujemy umowę o pracę, "
            f"szkolenia i stabilne zatrudnienie. Miejsce pracy: {place}."
        )
        rows.append(
            [
                title,
                description,
                rng.choice(EMPLOYERS),
                place,
                datetime.date(year, month, day).isoformat(),
                f"https://example.org/demo-oferta/{start + index}",
            ]
        )
    return rows


def demo_files() -> dict[str, bytes]:
    """File name → CSV bytes (UTF-8 with BOM, ``;``), the same on every call."""
    rng = random.Random(SEED)
    first = _rows(rng, 400, [(2026, m) for m in range(5, 11)], 1)
    second = _rows(rng, 120, [(2026, 11)], 1001)
    files = {}
    for name, rows in (("oferty-pracy-demo-1.csv", first), ("oferty-pracy-demo-2.csv", second)):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
        files[name] = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return files


def build_job_ads_demo(*, office_user: Any) -> Any:
    """Import the first demo file when a model exists (the second is for people to try).
    Returns the batch, or None when there is no model or the demo batch is there already."""
    from django.core.files.base import ContentFile

    from ..models import JobAdBatch
    from .runtime import active_model_info
    from .services import job_ads_import

    name = "oferty-pracy-demo-1.csv"
    if active_model_info() is None or JobAdBatch.objects.filter(source_name=name).exists():
        return None
    return job_ads_import(actor=office_user, file=ContentFile(demo_files()[name], name=name))
