"""The school offer handed down by the portal: a published learning offer of kind "vocational
school occupation" or "KKZ" is one ``SchoolSupply`` row (``source_offer_id`` = the offer).

The layering runs one way: ``portal`` calls this service inside its own transaction and
passes plain values; ``labour_market`` never imports ``portal``.

One row per offer (``source_offer_id`` is unique): an offer listing several codes is stored
under its FIRST code that is a KZSB school occupation; the others are not counted. Offers in
the demo and the import template name one code each, which is how schools publish them.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from skillshub.core.choices import AuditAction
from skillshub.core.services import audit_record

from .choices import Provision
from .models import SchoolOccupation, SchoolSupply


def first_school_occupation(codes: list[str]) -> SchoolOccupation | None:
    """The first code of ``codes`` that is a KZSB school occupation (in the offer's order)."""
    known = {s.code: s for s in SchoolOccupation.objects.filter(code__in=codes)}
    return next((known[c] for c in codes if c in known), None)


def _release(row: SchoolSupply, *, actor: Any, offer_id: int) -> int:
    """The offer left publication: its row goes; a row it adopted from an import stays, as
    the import wrote it."""
    keep = row.import_run_id is not None
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE if keep else AuditAction.DELETE,
        obj=row,
        changes={"source_offer_id": [offer_id, None]},
        verb="supply_sync_release" if keep else "supply_sync_delete",
    )
    if keep:
        row.source_offer_id = None
        row.save(update_fields=["source_offer_id"])
    else:
        row.delete()
    return 1


@transaction.atomic
def supply_sync_offer(
    *,
    offer_id: int,
    kzsb_codes: list[str],
    school_name: str,
    institution_id: int | None,
    county_id: int | None,
    year: int,
    provision: str,
    published: bool,
    actor: Any = None,
) -> int:
    """Make the school offer agree with one portal offer; returns the rows changed (0 or 1).

    Published with a KZSB code and a county → upsert its row; otherwise (not published, an
    online offer, no school occupation code) → its row goes. A row of the same school,
    occupation, county, year and form already imported from a file is adopted rather than
    duplicated (the unique constraint would refuse a twin); one claimed by another offer is
    left alone (the school is counted once).
    """
    row = SchoolSupply.objects.select_for_update().filter(source_offer_id=offer_id).first()
    occupation = first_school_occupation(kzsb_codes) if published else None
    if occupation is None or county_id is None:
        return 0 if row is None else _release(row, actor=actor, offer_id=offer_id)
    values = {
        "school_name": " ".join(school_name.split())[:300],
        "institution_id": institution_id,
        "school_occupation_id": occupation.pk,
        "county_id": county_id,
        "year": year,
        "provision": Provision(provision),
    }
    if row is None:
        twin = SchoolSupply.objects.select_for_update().filter(
            school_name=values["school_name"],
            school_occupation_id=occupation.pk,
            county_id=county_id,
            year=year,
            provision=values["provision"],
        )
        row = twin.first()
        if row is not None and row.source_offer_id is not None:
            return 0
        created = row is None
        row = row or SchoolSupply()
    else:
        created = False
        clash = SchoolSupply.objects.filter(
            school_name=values["school_name"],
            school_occupation_id=occupation.pk,
            county_id=county_id,
            year=year,
            provision=values["provision"],
        ).exclude(pk=row.pk)
        if clash.exists():
            # The offer now names what another row already counts: release ours.
            return _release(row, actor=actor, offer_id=offer_id)
    values["source_offer_id"] = offer_id
    changes: dict[str, list[Any]] = {}
    for name, value in values.items():
        current = None if created else getattr(row, name)
        if current != value:
            changes[name] = [current, value]
        setattr(row, name, value)
    if not changes:
        return 0
    row.full_clean()
    row.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        obj=row,
        changes=changes,
        verb="supply_sync_offer",
    )
    return 1
