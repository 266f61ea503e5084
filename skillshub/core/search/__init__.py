"""Polish full-text search over every public object: one engine, many providers.

Apps say what they expose in their ``search.py`` (a ``SearchProvider`` per kind, passed to
``register``) and keep it fresh by calling ``index_object`` / ``remove_object`` on commit. The
engine stores a ``SearchEntry`` per object with normalised tokens (``text.py``) and matches
them with SQLite FTS5 or PostgreSQL tsvector (``backends.py``) in one SQL query together with
the filters.

The index is derived data, rebuilt at will (``manage.py rebuild_search_index``): writing it is
not a domain change, so it writes no audit entries.
"""

from __future__ import annotations

import datetime
import html
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..models import County, SearchEntry, TargetGroup
from . import facets, text
from .backends import get_backend
from .registry import get_provider, register, registered_kinds, unregister

__all__ = [
    "Hit",
    "SearchDocument",
    "SearchFilters",
    "SearchProvider",
    "SearchResults",
    "highlight",
    "index_object",
    "rebuild",
    "register",
    "registered_kinds",
    "remove_object",
    "search",
    "unregister",
]

SUMMARY_CHARS = 300
BODY_CHARS = 50_000  # enough for any public page; keeps one entry's tsvector well under 1 MB
COUNT_CAP = 1000  # counting beyond this costs time and tells a visitor nothing
BATCH_SIZE = 1000
_UNSHOWN = ("title_terms", "body_terms", "facet_terms", "updated_at")


@dataclass(frozen=True)
class SearchDocument:
    """What a provider hands to the engine for one public object."""

    kind: str  # "offer" | "service" | "event" | "news" | "page" | "institution"
    object_id: int
    url: str  # absolute path, e.g. /offers/12/
    title: str
    summary: str  # plain text shown under the title (truncated to ~300 characters)
    body: str = ""  # more plain text to index, not shown (HTML already stripped)
    county_ids: tuple[int, ...] = ()  # counties it is in / serves; () = region-wide or online
    target_groups: tuple[str, ...] = ()  # TargetGroup codes
    subkind: str = ""
    is_free: bool | None = None
    is_online: bool | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None


class SearchProvider(Protocol):
    kind: str

    def documents(self) -> Iterable[SearchDocument]:
        """Every public object of this kind (for a rebuild)."""
        ...

    def document_for(self, obj: Any) -> SearchDocument | None:
        """The object's document, or None when it is not public (it is then removed)."""
        ...


@dataclass(frozen=True)
class SearchFilters:
    """Ordinary filters, combined with the text match in the same query.

    ``county_id`` also keeps region-wide entries (no counties); ``target_group`` needs an
    explicit match. Dates keep entries whose [starts_on, ends_on] overlaps [date_from, date_to]
    (an entry with one date lasts that day) and every undated entry.
    """

    kinds: tuple[str, ...] = ()
    county_id: int | None = None
    target_group: str = ""
    subkind: str = ""
    is_free: bool | None = None
    is_online: bool | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    url: str
    title_html: SafeString
    summary_html: SafeString
    county_names: tuple[str, ...]
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    is_free: bool | None
    is_online: bool | None
    subkind: str
    rank: float  # higher is more relevant


@dataclass(frozen=True)
class SearchResults:
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # at most COUNT_CAP; then total_capped
    page: int = 1
    pages: int = 0
    terms: tuple[str, ...] = ()
    relaxed: bool = False  # no entry had all the words: these have any of them
    message: str = ""
    total_capped: bool = False

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


# --- Writing the index ----------------------------------------------------------------------


def _entry_fields(doc: SearchDocument) -> dict[str, Any]:
    return {
        "url": doc.url,
        "title": doc.title,
        "summary": doc.summary,
        "title_terms": text.index_terms(doc.title),
        "body_terms": text.index_terms(f"{doc.summary}\n{doc.body[:BODY_CHARS]}"),
        "facet_terms": " ".join(facets.document_facets(doc)),
        "subkind": doc.subkind,
        "is_free": doc.is_free,
        "is_online": doc.is_online,
        "starts_on": doc.starts_on,
        "ends_on": doc.ends_on,
    }


def index_object(kind: str, obj: Any) -> None:
    """Bring one object's entry up to date: upsert its document, or remove it if not public."""
    doc = get_provider(kind).document_for(obj)
    if doc is None:
        remove_object(kind, obj.pk)
        return
    with transaction.atomic():
        entry, _created = SearchEntry.objects.update_or_create(
            kind=doc.kind, object_id=doc.object_id, defaults=_entry_fields(doc)
        )
        entry.counties.set(County.objects.filter(pk__in=doc.county_ids))
        entry.target_groups.set(TargetGroup.objects.filter(code__in=doc.target_groups))


def remove_object(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def _insert_batch(
    docs: list[SearchDocument], county_ids: set[int], group_ids: dict[str, int]
) -> None:
    entries = SearchEntry.objects.bulk_create(
        [SearchEntry(kind=doc.kind, object_id=doc.object_id, **_entry_fields(doc)) for doc in docs]
    )
    county_link = SearchEntry.counties.through
    group_link = SearchEntry.target_groups.through
    county_link.objects.bulk_create(
        [
            county_link(searchentry_id=entry.pk, county_id=county_id)
            for entry, doc in zip(entries, docs, strict=True)
            for county_id in set(doc.county_ids)
            if county_id in county_ids
        ]
    )
    group_link.objects.bulk_create(
        [
            group_link(searchentry_id=entry.pk, targetgroup_id=group_ids[code])
            for entry, doc in zip(entries, docs, strict=True)
            for code in set(doc.target_groups)
            if code in group_ids
        ]
    )


def rebuild(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Re-create the entries of ``kinds`` (default: every registered kind) from their providers.

    Each kind is replaced in one transaction, so a search never sees it half-built. Returns the
    number of entries per kind.
    """
    county_ids = set(County.objects.values_list("pk", flat=True))
    group_ids = dict(TargetGroup.objects.values_list("code", "pk"))
    counts: dict[str, int] = {}
    for kind in registered_kinds() if kinds is None else list(kinds):
        provider = get_provider(kind)
        count = 0
        with transaction.atomic():
            SearchEntry.counties.through.objects.filter(searchentry__kind=kind).delete()
            SearchEntry.target_groups.through.objects.filter(searchentry__kind=kind).delete()
            SearchEntry.objects.filter(kind=kind).delete()
            batch: list[SearchDocument] = []
            for doc in provider.documents():
                batch.append(doc)
                if len(batch) >= BATCH_SIZE:
                    _insert_batch(batch, county_ids, group_ids)
                    count += len(batch)
                    batch = []
            if batch:
                _insert_batch(batch, county_ids, group_ids)
                count += len(batch)
        counts[kind] = count
    get_backend().optimize()
    return counts


# --- Searching ------------------------------------------------------------------------------


def _filtered(filters: SearchFilters) -> QuerySet[SearchEntry]:
    """The filters the full-text index cannot hold: date ranges. (Kind, county, target group,
    subkind, free and online are facet tokens matched with the words: ``facets.py``.)"""
    qs = SearchEntry.objects.all()
    undated = Q(starts_on__isnull=True, ends_on__isnull=True)
    if filters.date_from is not None:
        qs = qs.filter(
            undated
            | Q(ends_on__gte=filters.date_from)
            | Q(ends_on__isnull=True, starts_on__gte=filters.date_from)
        )
    if filters.date_to is not None:
        qs = qs.filter(
            undated
            | Q(starts_on__lte=filters.date_to)
            | Q(starts_on__isnull=True, ends_on__lte=filters.date_to)
        )
    return qs


def highlight(value: str, tokens: frozenset[str]) -> SafeString:
    """``value`` escaped, with each word that matches one of the query tokens in ``<mark>``.

    Only the matched words are cut out; the text between them is escaped in one piece
    (``html.escape`` escapes quotes too, like Django's ``escape``).
    """
    parts: list[str] = []
    position = 0
    for match in text.WORD_RE.finditer(value):
        if text.matches_any(match.group(), tokens):
            parts.append(html.escape(value[position : match.start()]))
            parts.append(f"<mark>{html.escape(match.group())}</mark>")
            position = match.end()
    parts.append(html.escape(value[position:]))
    # Every piece above went through html.escape(); only our own <mark> tags are raw.
    return mark_safe("".join(parts))


def _shorten(value: str, limit: int = SUMMARY_CHARS) -> str:
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[:limit].rsplit(" ", 1)[0] or value[:limit]
    return cut.rstrip(" ,.;:-") + "…"


def _hit(entry: SearchEntry, tokens: frozenset[str]) -> Hit:
    return Hit(
        kind=entry.kind,
        object_id=entry.object_id,
        url=entry.url,
        title_html=highlight(entry.title, tokens),
        summary_html=highlight(_shorten(entry.summary), tokens),
        county_names=tuple(str(county) for county in entry.counties.all()),
        starts_on=entry.starts_on,
        ends_on=entry.ends_on,
        is_free=entry.is_free,
        is_online=entry.is_online,
        subkind=entry.subkind,
        rank=float(getattr(entry, "rank", 0.0)),
    )


def search(
    query: str, *, filters: SearchFilters = SearchFilters(), page: int = 1, per_page: int = 20
) -> SearchResults:
    """One page of the public entries matching ``query`` and ``filters``, best first.

    Every word must match (as its lemma or as typed, diacritics folded); when nothing has them
    all, entries with any of them are shown and ``relaxed`` is set. Never raises on what a
    visitor types: an empty or unsearchable query answers no hits and a ``message``.
    """
    query = query or ""
    groups, truncated = text.query_groups(query)
    if not groups:
        if query.strip():
            message = _("Your query has no words we can search for. Try other words.")
        else:
            message = _("Type what you are looking for.")
        return SearchResults(message=message)
    message = (
        _("Your query was long, so only its first %(count)d words were searched.")
        % {"count": len(groups)}
        if truncated
        else ""
    )
    terms = tuple(dict.fromkeys(token for group in groups for token in group))
    backend = get_backend()
    base = _filtered(filters)
    wanted = facets.filter_facets(filters)

    relaxed = False
    total = _capped_count(backend.matching(base, groups, any_group=False, facets=wanted))
    if total == 0 and len(groups) > 1:
        relaxed = True
        total = _capped_count(backend.matching(base, groups, any_group=True, facets=wanted))
    if total == 0:
        return SearchResults(terms=terms, relaxed=relaxed, message=message)

    per_page = max(1, per_page)
    pages = math.ceil(min(total, COUNT_CAP) / per_page)
    page = min(max(1, page), pages)
    start = (page - 1) * per_page
    end = start + per_page
    if total <= COUNT_CAP:
        entries = list(
            backend.ranked(base, groups, any_group=relaxed, facets=wanted).defer(*_UNSHOWN)[
                start:end
            ]
        )
    else:
        # A broad query: hits with every word in the title first, then the rest, newest first
        # in each tier. bm25/ts_rank over tens of thousands of hits would cost ~10x more.
        in_title = _capped_count(
            backend.matching(base, groups, any_group=relaxed, scope="title", facets=wanted)
        )
        entries = []
        if start < in_title:
            title_hits = backend.newest(
                base, groups, any_group=relaxed, scope="title", facets=wanted
            )
            entries += list(title_hits.defer(*_UNSHOWN)[start : min(end, in_title)])
        if end > in_title:
            rest = backend.newest(base, groups, any_group=relaxed, scope="rest", facets=wanted)
            entries += list(rest.defer(*_UNSHOWN)[max(0, start - in_title) : end - in_title])
    prefetch_related_objects(
        entries, Prefetch("counties", queryset=County.objects.only("pk", "name", "kind"))
    )
    tokens = frozenset(terms)
    return SearchResults(
        hits=[_hit(entry, tokens) for entry in entries],
        total=min(total, COUNT_CAP),
        page=page,
        pages=pages,
        terms=terms,
        relaxed=relaxed,
        message=message,
        total_capped=total > COUNT_CAP,
    )


def _capped_count(qs: QuerySet[SearchEntry]) -> int:
    return qs.order_by().values("pk")[: COUNT_CAP + 1].count()
