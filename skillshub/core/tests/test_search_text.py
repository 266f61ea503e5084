import re

from skillshub.core.search import text


def test_fold_removes_polish_diacritics():
    assert text.fold("Żółć gęślą jaźń ŁÓDŹ") == "zolc gesla jazn lodz"


def test_a_word_gives_its_folded_lemma_and_its_folded_surface_form():
    assert text.word_tokens("Gorzowie") == ("gorzow", "gorzowie")
    assert text.word_tokens("kursy") == ("kurs", "kursy")


def test_a_word_that_is_its_own_lemma_gives_one_token():
    assert text.word_tokens("kurs") == ("kurs",)


def test_stop_words_give_no_tokens():
    for word in ("w", "dla", "się", "oraz", "The", "i"):
        assert text.word_tokens(word) == ()


def test_index_terms_keep_repeats_and_drop_stop_words():
    assert text.index_terms("Kurs i kurs") == "kurs kurs"


def test_inflected_query_and_document_share_lemmas():
    document = set(
        text.index_terms("Doradztwo zawodowe dla osób dorosłych, Gorzów Wielkopolski").split()
    )
    groups, truncated = text.query_groups("doradztwa zawodowego dla dorosłych w Gorzowie")
    assert not truncated
    assert len(groups) == 4  # "dla" and "w" are stop words
    assert all(document & set(group) for group in groups)


def test_tokens_are_plain_ascii_whatever_the_input():
    groups, _ = text.query_groups('"kurs" AND (spaw* OR NEAR(a b)) ^x -y :z ąę 日本 ✓ _under_')
    tokens = [token for group in groups for token in group]
    assert tokens
    assert all(re.fullmatch(r"[a-z0-9]+", token) for token in tokens)


def test_query_is_cut_to_twelve_words():
    groups, truncated = text.query_groups(" ".join(f"słowo{n}" for n in range(20)))
    assert len(groups) == text.MAX_QUERY_TERMS
    assert truncated


def test_query_is_cut_to_two_hundred_characters():
    groups, truncated = text.query_groups("a" * 2000)
    assert truncated
    assert groups == (("a" * 200,),)


def test_punctuation_only_query_has_no_groups():
    assert text.query_groups('"" () * ^ : - !!!') == ((), False)


def test_matches_any_compares_folded_lemmas_and_surfaces():
    assert text.matches_any("Żary", frozenset({"zary"}))
    assert text.matches_any("kursy", frozenset({"kurs"}))
    assert not text.matches_any("spawania", frozenset({"kurs"}))
