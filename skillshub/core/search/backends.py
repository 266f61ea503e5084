"""The full-text match behind one interface: SQLite FTS5 or PostgreSQL tsvector.

A backend turns query groups (one per word: its lemma and surface tokens, all ``[a-z0-9]+``)
into a condition on a ``SearchEntry`` queryset, so the match and the ordinary ORM filters run
as ONE SQL query. Relevance (``rank``) is higher for better hits on both: title tokens weigh
ten times body tokens.

The tokens are safe to put into a MATCH / to_tsquery string because ``text.py`` guarantees
they are ``[a-z0-9]+``; the string itself is still passed as a query parameter.
"""

from __future__ import annotations

import re
from typing import Literal, Protocol

from django.db import connection
from django.db.models import QuerySet

from ..models import SearchEntry

Groups = tuple[tuple[str, ...], ...]
# "all": anywhere; "title": every word in the title; "rest": in "all" but not in "title".
Scope = Literal["all", "title", "rest"]

_SAFE_TOKEN = re.compile(r"^[a-z0-9]+$")


def _checked(groups: Groups) -> Groups:
    # Defence in depth: a token that is not [a-z0-9]+ never reaches the query language.
    checked = tuple(tuple(t for t in group if _SAFE_TOKEN.match(t)) for group in groups)
    return tuple(group for group in checked if group)


class Backend(Protocol):
    def matching(
        self,
        qs: QuerySet[SearchEntry],
        groups: Groups,
        *,
        any_group: bool,
        scope: Scope = "all",
        facets: Groups = (),
    ) -> QuerySet[SearchEntry]:
        """``qs`` narrowed to entries matching every group (or any, when ``any_group``)."""
        ...

    def ranked(
        self, qs: QuerySet[SearchEntry], groups: Groups, *, any_group: bool, facets: Groups = ()
    ) -> QuerySet[SearchEntry]:
        """``matching`` with a ``rank`` column, best first."""
        ...

    def newest(
        self,
        qs: QuerySet[SearchEntry],
        groups: Groups,
        *,
        any_group: bool,
        scope: Scope,
        facets: Groups = (),
    ) -> QuerySet[SearchEntry]:
        """Matches in ``scope`` newest first, without computing a rank: for broad queries,
        where ranking tens of thousands of near-equal hits costs more than it tells."""
        ...

    def optimize(self) -> None:
        """Tidy the index after a bulk rebuild."""
        ...


class SQLiteBackend:
    """FTS5 external-content table ``core_searchentry_fts`` (rowid = SearchEntry.id)."""

    table = "core_searchentry_fts"

    def expression(
        self, groups: Groups, *, any_group: bool, scope: Scope = "all", facets: Groups = ()
    ) -> str:
        joined = " OR " if any_group else " AND "
        words = joined.join(
            "(" + " OR ".join(f'"{token}"' for token in group) + ")" for group in _checked(groups)
        )
        text = f"{{title_terms body_terms}} : ({words})"
        if scope == "title":
            text = f"{{title_terms}} : ({words})"
        elif scope == "rest":
            text = f"({text}) NOT ({{title_terms}} : ({words}))"
        # Filters are tokens of their own column, always ANDed: the match does the filtering,
        # inside the full-text index, instead of the database checking every hit's row.
        return " AND ".join(
            [f"({text})"]
            + [
                "({facet_terms} : (" + " OR ".join(f'"{token}"' for token in group) + "))"
                for group in _checked(facets)
            ]
        )

    def matching(
        self,
        qs: QuerySet[SearchEntry],
        groups: Groups,
        *,
        any_group: bool,
        scope: Scope = "all",
        facets: Groups = (),
    ) -> QuerySet[SearchEntry]:
        return qs.extra(
            tables=[self.table],
            where=[f"{self.table}.rowid = core_searchentry.id", f"{self.table} MATCH %s"],
            params=[self.expression(groups, any_group=any_group, scope=scope, facets=facets)],
        )

    def ranked(
        self, qs: QuerySet[SearchEntry], groups: Groups, *, any_group: bool, facets: Groups = ()
    ) -> QuerySet[SearchEntry]:
        # bm25() is lower for better hits; negated so that rank is "higher is better" everywhere.
        return self.matching(qs, groups, any_group=any_group, facets=facets).extra(
            select={"rank": f"-bm25({self.table}, 10.0, 1.0, 0.0)"}, order_by=["-rank", "id"]
        )

    def newest(
        self,
        qs: QuerySet[SearchEntry],
        groups: Groups,
        *,
        any_group: bool,
        scope: Scope,
        facets: Groups = (),
    ) -> QuerySet[SearchEntry]:
        # FTS5 walks its matches in rowid order by itself: no sort, and LIMIT stops early.
        return self.matching(qs, groups, any_group=any_group, scope=scope, facets=facets).extra(
            order_by=[f"-{self.table}.rowid"]
        )

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {self.table}({self.table}) VALUES ('optimize')")


class PostgresBackend:
    """Stored, GIN-indexed vectors (migration core 0005): ``search_vector`` (title A, body B,
    filters D) and ``title_vector`` (the title alone); config 'simple': we lemmatise."""

    VECTOR = "core_searchentry.search_vector"
    TITLE = "core_searchentry.title_vector"
    QUERY = "to_tsquery('simple'::regconfig, %s)"
    # ts_rank's weights are {D, C, B, A}: title (A) ten times body (B), as on SQLite; the filter
    # tokens (D) count for nothing.
    WEIGHTS = "'{0.0, 0.0, 0.1, 1.0}'::float4[]"

    def _words(self, groups: Groups, *, any_group: bool) -> str:
        joined = " | " if any_group else " & "
        return joined.join("(" + " | ".join(group) + ")" for group in _checked(groups))

    def expression(
        self, groups: Groups, *, any_group: bool, scope: Scope = "all", facets: Groups = ()
    ) -> str:
        """The tsquery over ``search_vector``: the words, and the filters' tokens as weight D."""
        return " & ".join(
            [f"({self._words(groups, any_group=any_group)})"]
            + [
                "(" + " | ".join(f"{token}:D" for token in group) + ")"
                for group in _checked(facets)
            ]
        )

    def matching(
        self,
        qs: QuerySet[SearchEntry],
        groups: Groups,
        *,
        any_group: bool,
        scope: Scope = "all",
        facets: Groups = (),
    ) -> QuerySet[SearchEntry]:
        where = [f"{self.VECTOR} @@ {self.QUERY}"]
        params = [self.expression(groups, any_group=any_group, facets=facets)]
        words = self._words(groups, any_group=any_group)
        # The title step reads the title's own vector, so it needs no weight recheck.
        if scope == "title":
            where.append(f"{self.TITLE} @@ {self.QUERY}")
            params.append(words)
        elif scope == "rest":
            where.append(f"NOT ({self.TITLE} @@ {self.QUERY})")
            params.append(words)
        return qs.extra(where=where, params=params)

    def ranked(
        self, qs: QuerySet[SearchEntry], groups: Groups, *, any_group: bool, facets: Groups = ()
    ) -> QuerySet[SearchEntry]:
        expression = self.expression(groups, any_group=any_group, facets=facets)
        return self.matching(qs, groups, any_group=any_group, facets=facets).extra(
            select={"rank": f"ts_rank({self.WEIGHTS}, {self.VECTOR}, {self.QUERY})"},
            select_params=[expression],
            order_by=["-rank", "id"],
        )

    def newest(
        self,
        qs: QuerySet[SearchEntry],
        groups: Groups,
        *,
        any_group: bool,
        scope: Scope,
        facets: Groups = (),
    ) -> QuerySet[SearchEntry]:
        return self.matching(qs, groups, any_group=any_group, scope=scope, facets=facets).order_by(
            "-id"
        )

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_searchentry")


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"Search has no backend for {connection.vendor}.")
