"""Reads that span models."""

from __future__ import annotations

import os
from typing import Any

from django.db.models import Count, F, Q, QuerySet

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


def _same_word(a: str, b: str) -> bool:
    """Polish inflects the ends of words (Żary, Żarach): compare by a long enough common stem."""
    if a == b:
        return True
    common = len(os.path.commonprefix([a, b]))  # noqa: RUF071 (character stems are the point)
    return common >= 3 and common >= min(len(a), len(b)) - 2


def name_similarity(a: str, b: str) -> float:
    """Share of words in either name that have an inflected twin in the other (0..1)."""
    left, right = _name_tokens(a), _name_tokens(b)
    if not left or not right:
        return 0.0
    matched_left = sum(any(_same_word(x, y) for y in right) for x in left)
    matched_right = sum(any(_same_word(y, x) for x in left) for y in right)
    return (matched_left + matched_right) / (len(left) + len(right))


def similar_names(name: str, *, threshold: float = 0.8) -> list[Institution]:
    """Institutions whose name is nearly the same as ``name``, allowing for inflection.

    The database narrows the candidates by the stem of the longest word; Python scores a few.
    """
    tokens = _name_tokens(name)
    if not tokens:
        return []
    anchor = max(tokens, key=len)[:4]
    candidates = Institution.objects.filter(name_folded__contains=anchor)[:200]
    return [inst for inst in candidates if name_similarity(name, inst.name) >= threshold]


def open_follow_ups() -> QuerySet[Interaction]:
    """Follow-ups still to do, the most urgent first (no due date last)."""
    return (
        Interaction.objects.filter(follow_up_done=False)
        .exclude(follow_up="")
        .select_related("institution", "staff")
        .order_by(F("follow_up_due").asc(nulls_last=True), "date", "id")
    )


def open_applications() -> QuerySet[JoinApplication]:
    return JoinApplication.objects.filter(
        status__in=[ApplicationStatus.NEW, ApplicationStatus.INFO_REQUESTED]
    )


def institution_named(fragment: str, *, county: Any = None) -> Institution | None:
    """The first institution (by pk) whose name contains ``fragment``, in ``county`` if given:
    how the demo builders find the institutions they attach things to."""
    institutions = Institution.objects.filter(name__contains=fragment)
    if county is not None:
        institutions = institutions.filter(county=county)
    return institutions.order_by("pk").first()
