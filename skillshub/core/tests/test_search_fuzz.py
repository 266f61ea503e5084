"""Whatever a visitor types, search() answers a result and never raises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillshub.core import search
from skillshub.core.search import SearchResults

from .search_support import DictProvider, index_all, providers  # noqa: F401

pytestmark = pytest.mark.usefixtures("region")

OPERATORS = [
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "*",
    "^",
    ":",
    '"',
    "'",
    "(",
    ")",
    "-",
    "&",
    "|",
    "!",
    "<->",
    "\\",
    "%",
    "_",
    ";",
    "--",
    "/*",
]
WORDS = [
    "kurs",
    "Kursy",
    "spawania",
    "żary",
    "zary",
    "Gorzów",
    "doradztwo",
    "w",
    "dla",
    "title_terms",
    "body_terms",
    "rowid",
    "0",
    "12",
]

queries = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(OPERATORS + WORDS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(OPERATORS + WORDS), max_size=40).map("".join),
    st.text(alphabet=st.sampled_from('ąęłżź"*^():- ANDORNOT'), max_size=2000),
    st.just("x" * 2000),
    st.just(""),
)


@pytest.fixture
def small_index(providers: dict[str, DictProvider]) -> None:  # noqa: F811
    providers["offer"].add(1, "Kurs spawania metodą MAG", "Szkolenie w Żarach, Żary.")
    providers["service"].add(1, "Doradztwo zawodowe dla osób dorosłych", "Gorzów Wielkopolski.")
    providers["news"].add(1, 'Nowe kursy "AND" OR NOT (wszystko*)', "Tytuł z operatorami.")
    index_all(providers)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=queries, page=st.integers(min_value=-5, max_value=10**6))
def test_search_never_raises(small_index: None, query: str, page: int) -> None:
    results = search.search(query, page=page)
    assert isinstance(results, SearchResults)
    assert results.total >= len(results.hits)
    assert all(token.isascii() and token.isalnum() for token in results.terms)
    for hit in results.hits:
        assert "<script" not in hit.title_html


def test_a_title_full_of_operators_is_found_by_its_words(small_index: None) -> None:
    assert [h.kind for h in search.search('"AND" OR NOT kursy').hits][:1] == ["news"]
