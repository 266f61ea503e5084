"""Reads that span models."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from .choices import ApplicationStatus
from .models import ContactPerson, Institution, Interaction, JoinApplication, fold


def directory(*, user: Any) -> QuerySet[Institution]:
    """The directory as this user may see it, with what a list row shows, in a fixed query count."""
    return (
        Institution.objects.visible_to(user)
        .select_related("county", "pillar")
        .prefetch_related("areas")
    )


def institution_detail(*, user: Any, pk: int) -> Institution | None:
    return (
        Institution.objects.visible_to(user)
        .select_related("county", "commune", "pillar")
        .prefetch_related("areas", "target_groups")
        .filter(pk=pk)
        .first()
    )


def institution_contacts(*, institution: Institution) -> QuerySet[ContactPerson]:
    return institution.contacts.select_related("user").annotate(
        active_consents=Count("consents", filter=Q(consents__withdrawn_at__isnull=True))
    )


def institution_timeline(*, institution: Institution) -> QuerySet[Interaction]:
    return institution.interactions.select_related("staff").prefetch_related("contacts")


def application_duplicates(*, application: JoinApplication) -> list[tuple[Institution, str]]:
    """Known institutions that look like the applicant: same NIP or REGON, or a near name."""
    found: dict[int, tuple[Institution, str]] = {}
    if application.nip:
        for inst in Institution.objects.filter(nip=application.nip):
            found[inst.pk] = (inst, "NIP")
    if application.regon:
        for inst in Institution.objects.filter(regon=application.regon):
            found.setdefault(inst.pk, (inst, "REGON"))
    for inst in similar_names(application.institution_name):
        found.setdefault(inst.pk, (inst, "name"))
    return list(found.values())


def _name_tokens(name: str) -> set[str]:
    stop = {"w", "i", "im", "we", "z", "na", "do", "sp", "o", "oo", "sa", "nr"}
    cleaned = "".join(ch if ch.isalnum() else " " for ch in fold(name))
    return {t for t in cleaned.split() if t not in stop and len(t) > 1}


def similar_names(name: str, *, threshold: float = 0.75) -> list[Institution]:
    """Institutions whose name shares most of its words with ``name`` (Jaccard on tokens).

    The database narrows the candidates by the longest word; Python scores a handful.
    """
    tokens = _name_tokens(name)
    if not tokens:
        return []
    anchor = max(tokens, key=len)
    candidates = Institution.objects.filter(name_folded__contains=anchor)[:200]
    result = []
    for inst in candidates:
        other = _name_tokens(inst.name)
        score = len(tokens & other) / len(tokens | other) if other else 0
        if score >= threshold:
            result.append(inst)
    return result


def open_applications() -> QuerySet[JoinApplication]:
    return JoinApplication.objects.filter(
        status__in=[ApplicationStatus.NEW, ApplicationStatus.INFO_REQUESTED]
    )
