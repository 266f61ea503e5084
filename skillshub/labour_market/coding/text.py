"""Text cleaning and feature helpers for the occupation coder.

Everything here is pure Python and cheap: an ad is cut to a bounded length before any regular
expression looks at it, so a 1 MB description costs no more than a long ordinary one.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

# Raw input is cut at this many characters before anything else runs (tag stripping, entity
# decoding, tokenising). The classifier reads only the first DESCRIPTION_CHARS of the cleaned
# description; the slack leaves room for markup that stripping removes.
RAW_TITLE_CHARS = 2_000
RAW_DESCRIPTION_CHARS = 20_000
TITLE_CHARS = 300
DESCRIPTION_CHARS = 3_000

_TAG = re.compile(r"<[^>]{0,2000}>")
_SCRIPT = re.compile(r"<(script|style)\b[^>]{0,2000}>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,10});")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
# "(m/k)", "(k/m)", "m/k/x": gender markers required by Polish law, noise for coding.
_GENDER = re.compile(r"\(?\b[kmx]\s*/\s*[kmx](\s*/\s*[kmx])?\b\)?", re.IGNORECASE)

_POLISH_LETTERS = frozenset("ąćęłńóśźż")
# Frequent Polish function words and job-ad words; a text of a few words with none of them and
# no Polish letter is probably not Polish.
_POLISH_WORDS = frozenset(
    [
        "i",
        "w",
        "z",
        "na",
        "do",
        "się",
        "od",
        "dla",
        "oraz",
        "lub",
        "jest",
        "są",
        "nie",
        "że",
        "za",
        "po",
        "przy",
        "pracy",
        "praca",
        "pracownik",
        "pracownika",
        "umowa",
        "umowy",
        "oferujemy",
        "wymagania",
        "obowiązki",
        "zakres",
        "doświadczenie",
        "wynagrodzenie",
        "firma",
        "osoba",
        "ds",
        "specjalista",
        "kierowca",
        "sprzedawca",
        "magazynier",
        "mile",
        "widziane",
        "znajomość",
        "prawo",
        "jazdy",
        "kat",
    ]
)
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "for",
        "with",
        "you",
        "we",
        "our",
        "are",
        "is",
        "be",
        "will",
        "as",
        "on",
        "at",
        "your",
        "an",
        "or",
        "this",
        "that",
        "from",
        "experience",
        "skills",
        "team",
        "work",
        "job",
        "responsibilities",
        "requirements",
        "offer",
        "company",
    ]
)


@dataclass(frozen=True)
class CleanAd:
    """An ad after cleaning, ready for the vectorisers, with what cleaning noticed."""

    title: str
    description: str
    flags: tuple[str, ...]


def strip_markup(text: str) -> tuple[str, bool]:
    """Remove HTML tags and decode entities; return the text and whether anything changed."""
    if "<" not in text and "&" not in text:
        return text, False
    stripped = _SCRIPT.sub(" ", text)
    stripped = _TAG.sub(" ", stripped)
    if "&" in stripped and _ENTITY.search(stripped):
        stripped = html.unescape(stripped)
    return stripped, stripped != text


def normalise(text: str) -> str:
    """Lower-case, NFC, gender markers dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFC", text).lower()
    text = _GENDER.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def _folding_table() -> dict[int, str]:
    table: dict[int, str] = {ord("ł"): "l", ord("Ł"): "L"}
    for point in range(0xC0, 0x250):
        char = chr(point)
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if base and base != char:
            table[point] = base
    return table


# Latin letters with diacritics (U+00C0-U+024F) to their base letters, built once: a
# str.translate is about 50 times faster than decomposing every character of a description.
_FOLDING = _folding_table()


def fold(text: str) -> str:
    """Drop diacritics of Latin letters ("kierowca ciężarówki" -> "kierowca ciezarowki").

    ł becomes l; characters outside Latin-1 and Latin Extended-A/B are kept as they are.
    """
    return text.translate(_FOLDING)


def words(text: str) -> list[str]:
    """Alphabetic words of two letters or more (digits and punctuation dropped)."""
    return _WORD.findall(text)


def looks_polish(text: str) -> bool:
    """A heuristic: Polish letters or Polish function words outnumber English ones.

    Short texts (fewer than three words) are given the benefit of the doubt: a bare job title
    such as "Kelner" carries no signal either way.
    """
    tokens = words(text[:2_000].lower())
    if len(tokens) < 3:
        return True
    if any(ch in _POLISH_LETTERS for ch in text[:2_000].lower()):
        return True
    polish = sum(token in _POLISH_WORDS for token in tokens)
    english = sum(token in _ENGLISH_WORDS for token in tokens)
    return polish >= english or english < 2


def clean_ad(title: object, description: object) -> CleanAd:
    """Clean one ad. Never raises: anything that is not a string is treated as empty."""
    raw_title = title if isinstance(title, str) else ""
    raw_description = description if isinstance(description, str) else ""
    flags: list[str] = []
    if len(raw_title) > RAW_TITLE_CHARS or len(raw_description) > RAW_DESCRIPTION_CHARS:
        flags.append("truncated")
    raw_title = raw_title[:RAW_TITLE_CHARS]
    raw_description = raw_description[:RAW_DESCRIPTION_CHARS]
    title_text, title_marked = strip_markup(raw_title)
    description_text, description_marked = strip_markup(raw_description)
    if title_marked or description_marked:
        flags.append("markup_stripped")
    clean_title = normalise(title_text)[:TITLE_CHARS]
    clean_description = normalise(description_text)
    if len(clean_description) > DESCRIPTION_CHARS:
        clean_description = clean_description[:DESCRIPTION_CHARS]
        if "truncated" not in flags:
            flags.append("truncated")
    if not words(clean_title) and not words(clean_description):
        flags.append("empty")
    elif not looks_polish(clean_title + " " + clean_description):
        flags.append("not_polish")
    return CleanAd(clean_title, clean_description, tuple(flags))


def duplicate_key(title: str, description: str) -> str:
    """The key under which two ads count as the same ad (for the evaluation split)."""
    return fold(normalise(title)) + "\x00" + fold(normalise(description))


def title_document(title: str) -> str:
    """The title as the word vectoriser sees it: folded, plus a whole-title token.

    The whole-title token ("t_kierowca_ciezarowki") lets the model learn exact matches with the
    thesaurus names, which are training examples of their own.
    """
    folded = fold(title)
    tokens = words(folded)
    if not tokens:
        return ""
    return folded + " t_" + "_".join(tokens)


def description_document(description: str) -> str:
    """The description as the word vectoriser sees it: folded."""
    return fold(description)


def title_key(title: str) -> str:
    """The title reduced to its folded words: the key of the exact-title lookup."""
    return " ".join(words(fold(title)))
