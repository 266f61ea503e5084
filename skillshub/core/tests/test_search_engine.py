"""The search engine on a small Polish fixture set: lemmas, folding, ranking, filters, index."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from skillshub.core import search
from skillshub.core.models import County, SearchEntry, TargetGroup
from skillshub.core.search import SearchFilters

from .search_support import DictProvider, Thing, index_all, providers  # noqa: F401

pytestmark = pytest.mark.usefixtures("region")


@pytest.fixture
def corpus(providers: dict[str, DictProvider]) -> dict[str, DictProvider]:  # noqa: F811
    counties = {c.name: c.pk for c in County.objects.in_region()}
    offers, services, news = providers["offer"], providers["service"], providers["news"]
    services.add(
        1,
        "Doradztwo zawodowe dla osób dorosłych, Gorzów Wielkopolski",
        "Indywidualne spotkania z doradcą zawodowym.",
        county_ids=(counties["Gorzów Wielkopolski"],),
        target_groups=("adults",),
        subkind="individual",
        is_free=True,
        is_online=False,
    )
    offers.add(
        1,
        "Kurs spawania metodą MAG",
        "Szkolenie dla osób bezrobotnych w Żarach.",
        county_ids=(counties["żarski"],),
        target_groups=("adults", "neet"),
        subkind="course",
        is_free=False,
        is_online=False,
        starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 4, 30),
    )
    offers.add(
        2,
        "Technik programista",
        "Zawód w technikum, Żary, ul. Szkolna; nauka programowania.",
        county_ids=(counties["żarski"],),
        target_groups=("pupils",),
        subkind="school",
        is_free=True,
    )
    offers.add(
        3,
        "Język angielski w biznesie online",
        "Kurs zdalny dla dorosłych z całego województwa.",
        target_groups=("adults",),
        subkind="course",
        is_free=False,
        is_online=True,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2026, 12, 15),
    )
    news.add(
        1,
        "Targi pracy w Zielonej Górze",
        "Zapraszamy pracodawców i szukających pracy.",
        body="Na targach będzie też stoisko o spawaniu i kursach zawodowych.",
        county_ids=(counties["Zielona Góra"],),
        starts_on=datetime.date(2026, 5, 20),
    )
    index_all(providers)
    return providers


def found(query: str, **filters: object) -> list[tuple[str, int]]:
    results = search.search(query, filters=SearchFilters(**filters))  # type: ignore[arg-type]
    return [(hit.kind, hit.object_id) for hit in results.hits]


def test_inflected_polish_finds_the_guidance_service(corpus):
    assert found("doradztwa zawodowego dla dorosłych w Gorzowie") == [("service", 1)]


def test_a_word_without_diacritics_finds_the_place(corpus):
    assert found("zary") == [("offer", 2)]
    # With its diacritics the word is lemmatised, and "Żary" meets "w Żarach" too.
    assert set(found("ŻARY")) == {("offer", 1), ("offer", 2)}


def test_plural_finds_the_singular_title(corpus):
    assert found("kursy spawania")[0] == ("offer", 1)


def test_a_title_hit_outranks_a_body_only_hit(corpus):
    results = search.search("spawanie")
    assert [(h.kind, h.object_id) for h in results.hits] == [("offer", 1), ("news", 1)]
    assert results.hits[0].rank > results.hits[1].rank


def test_when_no_entry_has_every_word_any_word_is_enough(corpus):
    results = search.search("spawania programista")
    assert results.relaxed
    assert {(h.kind, h.object_id) for h in results.hits} >= {("offer", 1), ("offer", 2)}


def test_every_word_must_match_when_some_entry_has_them_all(corpus):
    results = search.search("kurs spawania")
    assert not results.relaxed
    assert all(h.object_id == 1 for h in results.hits if h.kind == "offer")


def test_nothing_found_is_an_empty_result(corpus):
    results = search.search("hydraulika kosmiczna")
    assert results.hits == [] and results.total == 0 and results.pages == 0


@pytest.mark.parametrize("query", ["", "   ", "w dla i", '"()*^-:'])
def test_a_query_without_searchable_words_answers_a_message(corpus, query):
    results = search.search(query)
    assert results.hits == [] and results.total == 0
    assert results.message


def test_a_long_query_is_truncated_with_a_message(corpus):
    results = search.search("spawania " + "x" * 2000)
    assert results.message
    assert len(results.terms) <= 12


def test_filter_by_kind(corpus):
    assert found("spawania", kinds=("news",)) == [("news", 1)]


def test_filter_by_county_keeps_region_wide_entries(corpus):
    zary = County.objects.get(name="żarski").pk
    assert set(found("kurs", county_id=zary)) == {("offer", 1), ("offer", 3)}
    gorzow = County.objects.get(name="Gorzów Wielkopolski").pk
    assert found("spawania", county_id=gorzow) == []


def test_filter_by_target_group(corpus):
    assert found("żary", target_group="pupils") == [("offer", 2)]
    assert found("kurs", target_group="neet") == [("offer", 1)]


def test_filter_by_subkind_free_and_online(corpus):
    assert found("żary", subkind="school") == [("offer", 2)]
    assert found("kurs", is_free=False, is_online=True) == [("offer", 3)]
    assert found("żary", is_free=True) == [("offer", 2)]


def test_filter_by_dates_overlaps_and_keeps_undated_entries(corpus):
    april = {"date_from": datetime.date(2026, 4, 1), "date_to": datetime.date(2026, 4, 30)}
    assert set(found("kurs", **april)) == {("offer", 1)}
    assert set(found("żary", **april)) == {("offer", 1), ("offer", 2)}
    # The news item has only a start date: it lasts that day.
    assert found("targi", date_from=datetime.date(2026, 5, 21)) == []
    assert found("targi", date_to=datetime.date(2026, 5, 20)) == [("news", 1)]


def test_matched_words_are_highlighted_and_the_rest_escaped(corpus):
    hit = search.search("kursy spawania").hits[0]
    assert str(hit.title_html) == "<mark>Kurs</mark> <mark>spawania</mark> metodą MAG"
    assert "Żarach" in hit.summary_html


def test_a_script_in_a_title_is_escaped(corpus):
    corpus["offer"].change(1, title="<script>alert('kurs')</script> Kurs & spawanie")
    search.index_object("offer", Thing(1))
    hit = search.search("kurs spawanie").hits[0]
    assert "<script>" not in hit.title_html
    assert "&lt;script&gt;" in hit.title_html
    assert "<mark>Kurs</mark> &amp; <mark>spawanie</mark>" in hit.title_html


def test_long_summaries_are_shortened(corpus):
    corpus["offer"].change(2, summary="programowanie " * 100)
    search.index_object("offer", Thing(2))
    hit = search.search("programista").hits[0]
    assert len(str(hit.summary_html).replace("<mark>", "").replace("</mark>", "")) <= 310


def test_hits_carry_their_counties_and_facts(corpus):
    hit = search.search("doradztwo").hits[0]
    assert hit.url == "/service/1/"
    assert hit.county_names == ("Gorzów Wielkopolski",)
    assert hit.is_free is True and hit.is_online is False and hit.subkind == "individual"


def test_an_edit_replaces_the_old_words(corpus):
    corpus["offer"].change(2, title="Technik logistyk", summary="Magazyny i transport.")
    search.index_object("offer", Thing(2))
    assert found("programista") == []
    assert found("logistykiem") == [("offer", 2)]
    assert SearchEntry.objects.filter(kind="offer").count() == 3


def test_an_object_no_longer_public_is_removed(corpus):
    corpus["offer"].hidden.add(1)
    search.index_object("offer", Thing(1))
    assert not SearchEntry.objects.filter(kind="offer", object_id=1).exists()
    assert ("offer", 1) not in found("spawania")


def test_remove_object_deletes_the_entry_and_its_words(corpus):
    search.remove_object("news", 1)
    assert found("targi") == []


def test_changing_counties_and_groups_is_reflected(corpus):
    lubuski = County.objects.get(name="zielonogórski").pk
    corpus["offer"].change(2, county_ids=(lubuski,), target_groups=("adults", "no-such-group"))
    search.index_object("offer", Thing(2))
    entry = SearchEntry.objects.get(kind="offer", object_id=2)
    assert list(entry.counties.values_list("pk", flat=True)) == [lubuski]
    assert list(entry.target_groups.values_list("code", flat=True)) == ["adults"]


def test_rebuild_recreates_every_kind_and_counts(corpus):
    corpus["offer"].hidden.add(3)
    SearchEntry.objects.filter(kind="news").delete()
    counts = search.rebuild()
    assert counts == {"news": 1, "offer": 2, "service": 1}
    assert found("targi") == [("news", 1)]
    assert found("angielski") == []
    assert SearchEntry.objects.get(kind="offer", object_id=1).target_groups.count() == 2


def test_rebuild_command_rebuilds_one_kind(corpus):
    corpus["offer"].change(2, title="Technik mechatronik")
    out = StringIO()
    call_command("rebuild_search_index", "--kind", "offer", stdout=out)
    assert "offer: 3" in out.getvalue()
    assert found("mechatronik") == [("offer", 2)]
    assert SearchEntry.objects.filter(kind="service").count() == 1


def test_rebuild_command_refuses_an_unknown_kind(corpus):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("rebuild_search_index", "--kind", "spaceship", stdout=StringIO())


def test_pages_and_a_capped_total(providers, monkeypatch):  # noqa: F811
    monkeypatch.setattr(search, "COUNT_CAP", 30)
    for n in range(1, 36):
        providers["offer"].add(n, f"Kurs numer {n}", "Szkolenie zawodowe.")
    search.rebuild(["offer"])
    first = search.search("kurs", per_page=10)
    assert first.total == 30 and first.total_capped and first.pages == 3
    last = search.search("kurs", per_page=10, page=99)
    assert last.page == 3 and len(last.hits) == 10
    seen = {h.object_id for p in (1, 2, 3) for h in search.search("kurs", per_page=10, page=p).hits}
    assert len(seen) == 30


def test_search_takes_a_constant_number_of_queries(
    providers,  # noqa: F811
    django_assert_max_num_queries,
):
    zary = County.objects.get(name="żarski").pk
    for n in range(1, 31):
        providers["offer"].add(
            n, f"Kurs spawania {n}", "W Żarach.", county_ids=(zary,), target_groups=("adults",)
        )
    index_all(providers)
    filters = SearchFilters(county_id=zary, target_group="adults", is_free=None)
    with django_assert_max_num_queries(3):
        results = search.search("kursy spawania", filters=filters)
    assert len(results.hits) == 20
    assert all(h.county_names == ("żarski",) or h.county_names for h in results.hits)
    with django_assert_max_num_queries(5):
        search.search("spawania kosmiczne", filters=filters)  # relaxed: a second count


def test_search_is_one_indexed_full_text_lookup(corpus):
    results_sql = []
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        search.search("kurs")
    results_sql = [q["sql"] for q in ctx.captured_queries]
    if connection.vendor == "sqlite":
        assert all("core_searchentry_fts MATCH" in sql for sql in results_sql[:2])
    else:
        assert all("to_tsquery" in sql for sql in results_sql[:2])


def test_target_groups_fixture_is_loaded():
    assert TargetGroup.objects.filter(code="adults").exists()


def test_a_broad_query_lists_title_hits_first_then_the_rest(providers, monkeypatch):  # noqa: F811
    monkeypatch.setattr(search, "COUNT_CAP", 6)
    for n in range(1, 5):
        providers["offer"].add(n, f"Kurs numer {n}", "Szkolenie.")
    for n in range(5, 9):
        providers["offer"].add(n, f"Warsztat {n}", "To nie jest kurs.", is_free=True)
    index_all(providers)
    first = search.search("kursy", per_page=3)
    assert first.total_capped and first.pages == 2
    assert [h.object_id for h in first.hits] == [4, 3, 2]
    second = search.search("kursy", per_page=3, page=2)
    assert [h.object_id for h in second.hits] == [1, 8, 7]
    assert "<mark>kurs</mark>" in second.hits[1].summary_html
    free = search.search("kursy", filters=SearchFilters(is_free=True), per_page=3)
    # Four free hits: few enough to rank properly.
    assert not free.total_capped and free.total == 4
    assert {h.object_id for h in free.hits} <= {5, 6, 7, 8}
