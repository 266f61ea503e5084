"""What the directory shows in the portal's one search box: institutions listed publicly and
active (``Institution.objects.listed()``, the public directory's own filter).

Signals only refresh the index, after the commit (a rolled-back write leaves no trace); every
domain rule lives in the services.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from skillshub.core.search import SearchDocument, index_object, register, remove_object

from .models import Institution

KIND = "institution"
SHORT_DESCRIPTION = 200


def _shorten(value: str, limit: int = SHORT_DESCRIPTION) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit].rsplit(" ", 1)[0] + "…"


class InstitutionProvider:
    kind = KIND

    def _queryset(self) -> QuerySet[Institution]:
        return (
            Institution.objects.listed().select_related("county").prefetch_related("target_groups")
        )

    def documents(self) -> Iterator[SearchDocument]:
        for institution in self._queryset().iterator(chunk_size=1000):
            yield self._document(institution)

    def document_for(self, obj: Any) -> SearchDocument | None:
        institution = self._queryset().filter(pk=obj.pk).first()
        return self._document(institution) if institution is not None else None

    def _document(self, institution: Institution) -> SearchDocument:
        kind = str(institution.get_kind_display())
        summary = " · ".join(
            part for part in (kind, institution.city, _shorten(institution.description)) if part
        )
        return SearchDocument(
            kind=self.kind,
            object_id=institution.pk,
            url=institution.get_absolute_url(),
            title=institution.name,
            summary=summary,
            body="\n".join(
                part
                for part in (
                    institution.short_name,
                    institution.description,
                    institution.city,
                    kind,
                )
                if part
            ),
            county_ids=(institution.county_id,) if institution.county_id else (),
            target_groups=tuple(g.code for g in institution.target_groups.all()),
        )


register(InstitutionProvider())


def _on_save(sender: Any, instance: Institution, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # loaddata: the index is rebuilt by the command afterwards
        return
    transaction.on_commit(lambda: index_object(KIND, instance))


def _on_delete(sender: Any, instance: Institution, **kwargs: Any) -> None:
    pk = instance.pk
    transaction.on_commit(lambda: remove_object(KIND, pk))


def _reindex(pk: int) -> Callable[[], None]:
    return lambda: index_object(KIND, Institution(pk=pk))


def _on_target_groups(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any = None, **kwargs: Any
) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        # A target group changed its institutions: refresh each of them.
        for pk in pk_set or ():
            transaction.on_commit(_reindex(pk))
        return
    transaction.on_commit(lambda: index_object(KIND, instance))


post_save.connect(_on_save, sender=Institution, dispatch_uid="stakeholders_search_save")
post_delete.connect(_on_delete, sender=Institution, dispatch_uid="stakeholders_search_delete")
m2m_changed.connect(
    _on_target_groups,
    sender=Institution.target_groups.through,
    dispatch_uid="stakeholders_search_target_groups",
)
