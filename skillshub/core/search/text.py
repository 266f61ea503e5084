"""Polish text as search tokens: lowercased, stop words dropped, lemmatised, diacritics folded.

Index and query go through the same functions, so "doradztwa zawodowego" meets "doradztwo
zawodowe" at the lemma and "zary" meets "Żary" at the folded surface word. Every token is
``[a-z0-9]+`` after folding: that is what keeps FTS operators and quotes out of ``MATCH`` and
``to_tsquery`` whatever a visitor types.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import simplemma

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12

WORD_RE = re.compile(r"\w+", re.UNICODE)
_TOKEN_RE = re.compile(r"[a-z0-9]+")

# Letters NFKD does not decompose into a base letter and a combining mark.
_FOLD_TABLE = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "ø": "o", "đ": "d", "æ": "ae"})

_STOP_WORDS_TEXT = """
    a aby albo ale ani az bo by byc czy dla do gdy i ich im jak jako jest je jego jej ku lub
    na nad nie niz o od oraz po pod przez przy sa sie so ta te tego ten to tu tym u w we z za
    ze zas
    the of and or in on at to for a an is are by with from
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def fold(text: str) -> str:
    """Lowercase ASCII without Polish (and other) diacritics: "Żółć" → "zolc"."""
    text = text.lower().translate(_FOLD_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def word_tokens(word: str) -> tuple[str, ...]:
    """The tokens of one word: its folded lemma, then its folded surface form (deduplicated).

    A stop word gives no tokens. Parts that fold to nothing ASCII (other scripts) are dropped.
    """
    lower = word.lower()
    surface = fold(lower)
    if lower in STOP_WORDS or surface in STOP_WORDS:
        return ()
    lemma = fold(simplemma.lemmatize(lower, lang="pl"))
    tokens: list[str] = []
    for form in (lemma, surface):
        for token in _TOKEN_RE.findall(form):
            if token not in tokens and token not in STOP_WORDS:
                tokens.append(token)
    return tuple(tokens)


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def index_terms(text: str) -> str:
    """Space-separated tokens of a text, as stored in ``SearchEntry.title_terms``/``body_terms``.

    Repeats are kept: term frequency is part of the ranking.
    """
    return " ".join(token for word in words(text) for token in word_tokens(word))


def query_groups(query: str) -> tuple[tuple[tuple[str, ...], ...], bool]:
    """The query as groups (one per searchable word: its lemma and surface tokens).

    Returns the groups and whether the query was cut to ``MAX_QUERY_CHARS`` characters or
    ``MAX_QUERY_TERMS`` words. Repeated words count once.
    """
    truncated = len(query) > MAX_QUERY_CHARS
    groups: list[tuple[str, ...]] = []
    for word in words(query[:MAX_QUERY_CHARS]):
        group = word_tokens(word)
        if not group or group in groups:
            continue
        if len(groups) == MAX_QUERY_TERMS:
            truncated = True
            break
        groups.append(group)
    return tuple(groups), truncated


def matches_any(word: str, tokens: frozenset[str]) -> bool:
    """Whether a shown word is one of the query's tokens (for highlighting)."""
    return any(token in tokens for token in word_tokens(word))


def warm_up() -> None:
    """Load simplemma's Polish dictionary now (about 5 s and 400 MB), not in the first visitor's
    search. Called from ``config/wsgi.py``: with gunicorn's ``--preload`` the workers share the
    loaded dictionary with the master process."""
    word_tokens.cache_clear()
    simplemma.lemmatize("doradztwa", lang="pl")
