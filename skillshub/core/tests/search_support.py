"""A provider for tests: documents kept in a dict, objects are plain records with a pk."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from skillshub.core import search
from skillshub.core.search import SearchDocument


@dataclass
class Thing:
    pk: int
    public: bool = True


@dataclass
class DictProvider:
    kind: str
    docs: dict[int, SearchDocument] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)

    def add(self, object_id: int, title: str, summary: str = "", **kwargs: Any) -> SearchDocument:
        doc = SearchDocument(
            kind=self.kind,
            object_id=object_id,
            url=f"/{self.kind}/{object_id}/",
            title=title,
            summary=summary,
            **kwargs,
        )
        self.docs[object_id] = doc
        return doc

    def change(self, object_id: int, **kwargs: Any) -> None:
        self.docs[object_id] = replace(self.docs[object_id], **kwargs)

    def documents(self) -> Iterable[SearchDocument]:
        return [doc for pk, doc in self.docs.items() if pk not in self.hidden]

    def document_for(self, obj: Any) -> SearchDocument | None:
        if obj.pk in self.hidden:
            return None
        return self.docs.get(obj.pk)


@pytest.fixture
def providers() -> Iterator[dict[str, DictProvider]]:
    """Test providers for "offer", "service" and "news", restored to the real ones afterwards."""
    from skillshub.core.search import registry

    saved = dict(registry._providers)
    made = {kind: DictProvider(kind) for kind in ("offer", "service", "news")}
    registry._providers.clear()
    for provider in made.values():
        search.register(provider)
    yield made
    registry._providers.clear()
    registry._providers.update(saved)


def index_all(providers: dict[str, DictProvider]) -> None:
    for provider in providers.values():
        for object_id in provider.docs:
            search.index_object(provider.kind, Thing(object_id))
