"""Every write to learning offers. Each service is atomic, validates, leaves an audit entry and
bumps the portal's page cache (the catalogue, offer pages and the home page show offers)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.accounts.rules import is_office_staff
from skillshub.core.choices import AuditAction
from skillshub.core.pagecache import bump
from skillshub.core.services import audit_record, check_version, diff, snapshot
from skillshub.labour_market.choices import Provision
from skillshub.labour_market.services_supply import supply_sync_offer
from skillshub.stakeholders.exceptions import IllegalTransition
from skillshub.stakeholders.models import Institution
from skillshub.stakeholders.rules import represented_institution_id

from . import imports
from .choices import OfferKind, OfferStatus
from .models import LearningOffer
from .workflow import STAFF_ONLY, can_move

OFFER_FIELDS = [
    "kind", "title", "provider", "county", "place", "is_online", "starts_on", "ends_on",
    "is_free", "price", "area", "occupation_codes", "description", "url",
]  # fmt: skip
OFFER_AUDITED = [*OFFER_FIELDS, "target_groups", "status", "source_key"]


def _set_fields(offer: LearningOffer, data: dict[str, Any]) -> None:
    for name in OFFER_FIELDS:
        if name in data:
            setattr(offer, name, data[name])
    if offer.is_free:
        # A free offer has no price (the database refuses one); drop a stray value.
        offer.price = None


def _validate(offer: LearningOffer) -> None:
    # The database's check passes a paid offer with a NULL price (NULL is not false): say it.
    if not offer.is_free and offer.price is None:
        raise ValidationError({"price": _("A paid offer needs a price.")})
    offer.full_clean()


def _provider_for(actor: Any, provider: Institution | None) -> Institution:
    """Staff pick any provider; a provider's contact only ever writes for their own."""
    if is_office_staff(actor):
        if provider is None:
            raise ValidationError({"provider": _("Choose the provider of the offer.")})
        return provider
    own_id = represented_institution_id(actor)
    if own_id is None:
        raise ValidationError(_("Only contacts of a provider can add offers."))
    if provider is not None and provider.pk != own_id:
        raise ValidationError({"provider": _("You can add offers only for your own institution.")})
    return provider or Institution.objects.get(pk=own_id)


# Offers that are the region's school offer in the labour-market gap analysis.
SUPPLY_PROVISION = {
    OfferKind.SCHOOL_OCCUPATION: Provision.SCHOOL,
    OfferKind.QUALIFICATION_COURSE: Provision.QUALIFICATION_COURSE,
}


def offer_supply_sync(*, offer: LearningOffer, actor: Any) -> int:
    """Hand the offer down to ``labour_market``'s school offer: a published school occupation or
    KKZ is one row there, anything else (any other status or kind) none. Call it inside the
    service's transaction; it is also called for every kind, since an edit may change it."""
    start = offer.starts_on or timezone.localdate()
    # A school year is named by its first calendar year (2025 for 2025/26, from September).
    school_year = start.year if start.month >= 9 else start.year - 1
    provider = offer.provider
    return supply_sync_offer(
        offer_id=offer.pk,
        kzsb_codes=offer.occupation_code_list(),
        school_name=provider.name,
        institution_id=provider.pk,
        county_id=offer.county_id,
        year=school_year,
        provision=SUPPLY_PROVISION.get(OfferKind(offer.kind), Provision.SCHOOL),
        published=offer.status == OfferStatus.PUBLISHED and offer.kind in SUPPLY_PROVISION,
        actor=actor,
    )


def _mark_submitted(offer: LearningOffer, actor: Any) -> None:
    offer.status = OfferStatus.SUBMITTED
    offer.submitted_at = timezone.now()
    offer.submitted_by = actor if getattr(actor, "is_authenticated", False) else None


def _mark_published(offer: LearningOffer, actor: Any) -> None:
    offer.status = OfferStatus.PUBLISHED
    offer.published_at = timezone.now()
    offer.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def offer_create(
    *, actor: Any, data: dict[str, Any], submit: bool = False, verb: str = "offer_create"
) -> LearningOffer:
    """A new offer, as a draft (or submitted for approval with ``submit``)."""
    data = dict(data)
    data["provider"] = _provider_for(actor, data.get("provider"))
    target_groups = list(data.pop("target_groups", []) or [])
    offer = LearningOffer(source_key=data.get("source_key", "") or "")
    _set_fields(offer, data)
    if submit:
        _mark_submitted(offer, actor)
    _validate(offer)
    offer.save()
    offer.target_groups.set(target_groups)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=offer,
        changes=diff({}, snapshot(offer, OFFER_AUDITED)),
        verb=verb,
    )
    bump("portal")
    return offer


@transaction.atomic
def offer_update(
    *,
    offer: LearningOffer,
    actor: Any,
    data: dict[str, Any],
    version: int | None,
    verb: str = "offer_update",
) -> LearningOffer:
    """Save edits. A stale ``version`` raises ``EditConflict`` and writes nothing.

    A provider's edit to a published offer sends it back for approval; staff edits keep the
    status.
    """
    locked = LearningOffer.objects.select_for_update().get(pk=offer.pk)
    check_version(locked, version, OFFER_AUDITED, data)
    staff = is_office_staff(actor)
    data = dict(data)
    if not staff:
        # A contact cannot hand their offer to another institution.
        data["provider"] = _provider_for(actor, data.get("provider") or locked.provider)
        if locked.status == OfferStatus.ARCHIVED:
            raise IllegalTransition(_("An archived offer cannot be edited."))
    before = snapshot(locked, OFFER_AUDITED)
    _set_fields(locked, data)
    _validate(locked)
    if "target_groups" in data:
        locked.target_groups.set(data["target_groups"])
    changes = diff(before, snapshot(locked, OFFER_AUDITED))
    if not changes:
        return locked
    if not staff and locked.status == OfferStatus.PUBLISHED:
        _mark_submitted(locked, actor)
        changes["status"] = [before["status"], locked.status]
    locked.version += 1
    locked.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes, verb=verb)
    offer_supply_sync(offer=locked, actor=actor)
    bump("portal")
    return locked


@transaction.atomic
def offer_move(
    *, offer: LearningOffer, actor: Any, target: str, note: str = "", verb: str = "offer_move"
) -> LearningOffer:
    """Move an offer along ``workflow.py``; approval moves are the office's alone."""
    locked = LearningOffer.objects.select_for_update().get(pk=offer.pk)
    current = locked.status
    if target not in OfferStatus.values or not can_move(current, target):
        raise IllegalTransition(_("This offer cannot move to that status now."))
    if (current, target) in STAFF_ONLY and not is_office_staff(actor):
        raise IllegalTransition(_("Only the office can approve or return an offer."))
    note = (note or "").strip()
    if target == OfferStatus.RETURNED:
        if not note:
            raise ValidationError({"note": _("Say what the provider should change.")})
        locked.review_note = note
        locked.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.status = OfferStatus.RETURNED
    elif target == OfferStatus.PUBLISHED:
        _mark_published(locked, actor)
        locked.review_note = ""
    elif target == OfferStatus.SUBMITTED:
        _mark_submitted(locked, actor)
    else:
        locked.status = OfferStatus(target)
    locked.version += 1
    locked.save()
    changes: dict[str, list[Any]] = {"status": [current, locked.status]}
    if note:
        changes["note"] = ["", note]
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=locked, changes=changes, verb=verb)
    offer_supply_sync(offer=locked, actor=actor)
    bump("portal")
    return locked


# --- Import -----------------------------------------------------------------------------------


def offer_import(
    *, actor: Any, file: Any, provider: Institution | None = None, publish: bool = True
) -> imports.ImportReport:
    """Import offers from a CSV or XLSX upload: validate every row, then write all or nothing.

    Rows are matched by (provider, ``klucz``): a known key updates its offer, an unchanged row
    is not touched, so importing the same file twice changes nothing. New offers from a
    provider's contact land as submitted; from staff as published (unless ``publish`` is off).
    A provider's change to an offer is a submission, as an edit is.
    """
    report = imports.plan(actor=actor, file=file, provider=provider)
    if report.errors:
        return report
    staff = is_office_staff(actor)
    with transaction.atomic():
        for row in report.rows:
            offer = row.offer
            if row.action == "unchanged":
                continue
            if row.action == "create":
                if staff and publish:
                    _mark_published(offer, actor)
                else:
                    _mark_submitted(offer, actor)
                offer.save()
                offer.target_groups.set(row.target_groups)
                changes = diff({}, snapshot(offer, OFFER_AUDITED))
                report.created += 1
            else:
                before_status = offer.status
                if not staff and offer.status != OfferStatus.ARCHIVED:
                    _mark_submitted(offer, actor)
                offer.version += 1
                offer.save()
                offer.target_groups.set(row.target_groups)
                changes = dict(row.changes)
                if offer.status != before_status:
                    changes["status"] = [before_status, offer.status]
                report.updated += 1
            audit_record(
                actor=actor,
                action=AuditAction.IMPORT,
                obj=offer,
                changes=changes,
                verb="offer_import",
            )
            offer_supply_sync(offer=offer, actor=actor)
        report.unchanged = sum(1 for row in report.rows if row.action == "unchanged")
        if report.created or report.updated:
            bump("portal")
    return report
