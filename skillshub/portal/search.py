"""What the portal shows in the one search box: published learning offers, news and pages.

Signals only refresh the index (after the commit, so a rolled-back write leaves no trace);
every domain rule lives in the services.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.html import strip_tags

from skillshub.core.search import SearchDocument, index_object, register, remove_object

from .models import LearningOffer, NewsItem, Page

SUMMARY_CHARS = 300


def _shorten(value: str, limit: int = SUMMARY_CHARS) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit].rsplit(" ", 1)[0] + "…"


class OfferProvider:
    kind = "offer"

    def _queryset(self) -> Any:
        return (
            LearningOffer.objects.published()
            .select_related("provider", "county", "area")
            .prefetch_related("target_groups")
        )

    def documents(self) -> Iterator[SearchDocument]:
        for offer in self._queryset().iterator(chunk_size=1000):
            yield self._document(offer)

    def document_for(self, obj: Any) -> SearchDocument | None:
        offer = self._queryset().filter(pk=obj.pk).first()
        return self._document(offer) if offer is not None else None

    def _document(self, offer: LearningOffer) -> SearchDocument:
        where = ", ".join(p for p in (offer.place, str(offer.county or "")) if p)
        provider = offer.provider.name
        summary = " · ".join(p for p in (_shorten(offer.description), provider, where) if p)
        body = "\n".join(
            [
                offer.description,
                provider,
                where,
                " ".join(offer.occupation_code_list()),
                offer.area.name if offer.area else "",
                str(offer.get_kind_display()),
            ]
        )
        return SearchDocument(
            kind=self.kind,
            object_id=offer.pk,
            url=offer.get_absolute_url(),
            title=offer.title,
            summary=summary,
            body=body,
            county_ids=(offer.county_id,) if offer.county_id else (),
            target_groups=tuple(g.code for g in offer.target_groups.all()),
            subkind=offer.kind,
            is_free=offer.is_free,
            is_online=offer.is_online,
            starts_on=offer.starts_on,
            ends_on=offer.ends_on,
        )


class NewsProvider:
    kind = "news"

    def documents(self) -> Iterable[SearchDocument]:
        for item in NewsItem.objects.published().iterator(chunk_size=1000):
            yield self._document(item)

    def document_for(self, obj: Any) -> SearchDocument | None:
        item = NewsItem.objects.published().filter(pk=obj.pk).first()
        return self._document(item) if item is not None else None

    def _document(self, item: NewsItem) -> SearchDocument:
        published = item.published_at.date() if item.published_at else None
        return SearchDocument(
            kind=self.kind,
            object_id=item.pk,
            url=item.get_absolute_url(),
            title=item.title,
            summary=item.lead,
            body=strip_tags(item.body),
            starts_on=published,
        )


class PageProvider:
    kind = "page"

    def documents(self) -> Iterable[SearchDocument]:
        for page in Page.objects.published().iterator(chunk_size=1000):
            yield self._document(page)

    def document_for(self, obj: Any) -> SearchDocument | None:
        page = Page.objects.published().filter(pk=obj.pk).first()
        return self._document(page) if page is not None else None

    def _document(self, page: Page) -> SearchDocument:
        text = strip_tags(page.body)
        return SearchDocument(
            kind=self.kind,
            object_id=page.pk,
            url=page.get_absolute_url(),
            title=page.title,
            summary=_shorten(text),
            body=text,
        )


register(OfferProvider())
register(NewsProvider())
register(PageProvider())

KINDS: dict[type, str] = {LearningOffer: "offer", NewsItem: "news", Page: "page"}


def _on_save(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loaddata: the index is rebuilt by the command afterwards
        return
    kind = KINDS[sender]
    transaction.on_commit(lambda: index_object(kind, instance))


def _on_delete(sender: Any, instance: Any, **kwargs: Any) -> None:
    kind, pk = KINDS[sender], instance.pk
    transaction.on_commit(lambda: remove_object(kind, pk))


def _on_groups_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, LearningOffer):
        transaction.on_commit(lambda: index_object("offer", instance))


for _model in KINDS:
    post_save.connect(_on_save, sender=_model, dispatch_uid=f"portal-search-save-{_model.__name__}")
    post_delete.connect(
        _on_delete, sender=_model, dispatch_uid=f"portal-search-delete-{_model.__name__}"
    )
m2m_changed.connect(
    _on_groups_changed,
    sender=LearningOffer.target_groups.through,
    dispatch_uid="portal-search-offer-groups",
)
