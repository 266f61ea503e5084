"""The filterable facts of an entry as tokens of their own full-text column.

A filter on county, kind, target group, subkind, cost or mode then becomes one more ANDed group
in the same full-text match as the words, answered from the index's posting lists, instead of
the database fetching every matching row to check its columns and link tables. That is what
keeps a narrow filter on a broad word ("kurs" in one county) fast.

Tokens are ``zz`` + a letter + an ASCII value, so they are ``[a-z0-9]+`` like every other token
and never collide with a folded Polish word.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .text import fold

if TYPE_CHECKING:
    from . import SearchDocument, SearchFilters

Groups = tuple[tuple[str, ...], ...]

REGION_WIDE = (
    "zzcall"  # an entry with no county: region-wide or online; every county filter keeps it
)


def _value(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(value))


def kind(value: str) -> str:
    return f"zzk{_value(value)}"


def county(county_id: int) -> str:
    return f"zzc{int(county_id)}"


def group(code: str) -> str:
    return f"zzg{_value(code)}"


def subkind(value: str) -> str:
    return f"zzs{_value(value)}"


def flag(letter: str, value: bool) -> str:
    return f"zz{letter}{int(value)}"


def document_facets(doc: SearchDocument) -> list[str]:
    tokens = [kind(doc.kind)]
    tokens += [county(c) for c in sorted(set(doc.county_ids))] or [REGION_WIDE]
    tokens += [group(code) for code in sorted(set(doc.target_groups))]
    if doc.subkind:
        tokens.append(subkind(doc.subkind))
    if doc.is_free is not None:
        tokens.append(flag("f", doc.is_free))
    if doc.is_online is not None:
        tokens.append(flag("o", doc.is_online))
    return tokens


def filter_facets(filters: SearchFilters) -> Groups:
    """One group per active filter; a group matches when any of its tokens does."""
    groups: list[tuple[str, ...]] = []
    if filters.kinds:
        groups.append(tuple(kind(k) for k in filters.kinds))
    if filters.county_id is not None:
        groups.append((county(filters.county_id), REGION_WIDE))
    if filters.target_group:
        groups.append((group(filters.target_group),))
    if filters.subkind:
        groups.append((subkind(filters.subkind),))
    if filters.is_free is not None:
        groups.append((flag("f", filters.is_free),))
    if filters.is_online is not None:
        groups.append((flag("o", filters.is_online),))
    return tuple(groups)
