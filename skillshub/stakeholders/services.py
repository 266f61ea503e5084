"""Every write to the stakeholder network. Each service is atomic and leaves an audit entry."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.core.choices import AuditAction
from skillshub.core.models import StrategyArea, TargetGroup
from skillshub.core.pagecache import bump
from skillshub.core.services import audit_record, check_version, diff, snapshot
from skillshub.core.tasks import email_enqueue

from .choices import ApplicationStatus, InstitutionStatus, LegalBasis
from .exceptions import IllegalTransition
from .models import (
    ConsentRecord,
    ContactPerson,
    Institution,
    Interaction,
    JoinApplication,
    Pillar,
)
from .workflow import can_move

logger = logging.getLogger(__name__)

INSTITUTION_FIELDS = [
    "name", "short_name", "kind", "pillar", "nip", "regon", "krs", "street", "postal_code",
    "city", "county", "commune", "website", "email", "phone", "description", "listed_publicly",
]  # fmt: skip
INSTITUTION_AUDITED = [*INSTITUTION_FIELDS, "status", "areas", "target_groups"]
CONTACT_FIELDS = ["first_name", "last_name", "position", "email", "phone", "user"]
CONTACT_AUDITED = [*CONTACT_FIELDS, "institution"]


def _set_fields(obj: Any, data: dict[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


# --- Institutions -----------------------------------------------------------------------------


@transaction.atomic
def institution_create(
    *,
    actor: Any,
    data: dict[str, Any],
    areas: Iterable[StrategyArea] = (),
    target_groups: Iterable[TargetGroup] = (),
    verb: str = "institution_create",
) -> Institution:
    institution = Institution()
    _set_fields(institution, data, INSTITUTION_FIELDS)
    institution.is_demo = bool(data.get("is_demo", False))
    institution.full_clean()
    institution.save()
    institution.areas.set(areas)
    institution.target_groups.set(target_groups)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=institution,
        changes=diff({}, snapshot(institution, INSTITUTION_AUDITED)),
        verb=verb,
    )
    bump("stakeholders")
    return institution


@transaction.atomic
def institution_update(
    *,
    institution: Institution,
    actor: Any,
    data: dict[str, Any],
    expected_version: int | None = None,
    verb: str = "institution_update",
) -> Institution:
    """Save edits. With ``expected_version``, refuse if someone else saved in between."""
    locked = Institution.objects.select_for_update().get(pk=institution.pk)
    check_version(locked, expected_version, INSTITUTION_AUDITED, data)
    before = snapshot(locked, INSTITUTION_AUDITED)
    _set_fields(locked, data, INSTITUTION_FIELDS)
    locked.full_clean()
    changed_m2m = False
    if "areas" in data:
        locked.areas.set(data["areas"])
        changed_m2m = True
    if "target_groups" in data:
        locked.target_groups.set(data["target_groups"])
        changed_m2m = True
    after = snapshot(locked, INSTITUTION_AUDITED)
    changes = diff(before, after)
    if not changes:
        return locked
    locked.version += 1
    scalar = [f for f in INSTITUTION_FIELDS if f in changes]
    locked.save(update_fields=[*scalar, "version", "updated_at"] if scalar or changed_m2m else None)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes, verb=verb)
    bump("stakeholders")
    return locked


@transaction.atomic
def institution_set_status(*, institution: Institution, actor: Any, status: str) -> Institution:
    """Archive or restore. Archiving keeps every contact, interaction and audit entry."""
    locked = Institution.objects.select_for_update().get(pk=institution.pk)
    if locked.status == status:
        return locked
    before = locked.status
    locked.status = InstitutionStatus(status)
    locked.version += 1
    locked.save(update_fields=["status", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes={"status": [before, locked.status]},
        verb="institution_archive"
        if status == InstitutionStatus.ARCHIVED
        else "institution_restore",
    )
    bump("stakeholders")
    return locked


# --- Contact people and RODO ------------------------------------------------------------------


@transaction.atomic
def contact_create(
    *, institution: Institution, actor: Any, data: dict[str, Any], is_demo: bool = False
) -> ContactPerson:
    contact = ContactPerson(institution=institution, is_demo=is_demo)
    _set_fields(contact, data, CONTACT_FIELDS)
    contact.full_clean()
    contact.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=contact,
        changes=diff({}, snapshot(contact, CONTACT_AUDITED)),
        verb="contact_create",
    )
    return contact


@transaction.atomic
def contact_update(
    *, contact: ContactPerson, actor: Any, data: dict[str, Any], expected_version: int | None = None
) -> ContactPerson:
    locked = ContactPerson.objects.select_for_update().get(pk=contact.pk)
    if locked.anonymised_at:
        raise IllegalTransition(_("This person has been anonymised and cannot be edited."))
    check_version(locked, expected_version, CONTACT_FIELDS, data)
    before = snapshot(locked, CONTACT_AUDITED)
    _set_fields(locked, data, CONTACT_FIELDS)
    locked.full_clean()
    changes = diff(before, snapshot(locked, CONTACT_AUDITED))
    if not changes:
        return locked
    locked.version += 1
    locked.save(
        update_fields=[*[f for f in CONTACT_FIELDS if f in changes], "version", "updated_at"]
    )
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes, verb="contact_update"
    )
    return locked


@transaction.atomic
def consent_record(
    *,
    contact: ContactPerson,
    actor: Any,
    basis: str,
    scope: str,
    given_at: Any = None,
    source: str = "",
) -> ConsentRecord:
    consent = ConsentRecord(
        contact=contact,
        basis=LegalBasis(basis),
        scope=scope,
        given_at=given_at or timezone.now(),
        source=source,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=contact,
        changes={"consent": [None, f"{consent.get_basis_display()}: {scope}"]},
        verb="consent_record",
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: ConsentRecord, actor: Any) -> ConsentRecord:
    locked = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at:
        raise IllegalTransition(_("This consent has already been withdrawn."))
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = actor
    locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked.contact,
        changes={"consent_withdrawn": [str(locked), locked.withdrawn_at.isoformat()]},
        verb="consent_withdraw",
    )
    return locked


def contact_personal_data(*, contact: ContactPerson) -> dict[str, Any]:
    """Everything held about one person (RODO art. 15), as plain data."""
    from skillshub.core.models import AuditEntry

    return {
        "person": {
            "id": contact.pk,
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "position": contact.position,
            "email": contact.email,
            "phone": contact.phone,
            "institution": str(contact.institution),
            "user_account": contact.user.username if contact.user else None,
            "created_at": contact.created_at.isoformat(),
            "updated_at": contact.updated_at.isoformat(),
            "anonymised_at": contact.anonymised_at.isoformat() if contact.anonymised_at else None,
        },
        "consents": [
            {
                "basis": c.get_basis_display(),
                "scope": c.scope,
                "given_at": c.given_at.isoformat(),
                "source": c.source,
                "recorded_by": str(c.recorded_by) if c.recorded_by else None,
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in contact.consents.select_related("recorded_by")
        ],
        "interactions": [
            {"date": i.date.isoformat(), "kind": i.get_kind_display(), "subject": i.subject}
            for i in contact.interactions.all()
        ],
        "history": [
            {
                "when": e.created_at.isoformat(),
                "who": e.actor_repr,
                "what": e.verb or e.action,
                "changes": e.changes,
            }
            for e in AuditEntry.objects.for_object(contact)
        ],
    }


@transaction.atomic
def contact_export_record(*, contact: ContactPerson, actor: Any, fmt: str) -> None:
    """An access request is itself a processing operation: leave a trace of who exported."""
    audit_record(actor=actor, action=AuditAction.EXPORT, obj=contact, verb=f"person_export_{fmt}")


@transaction.atomic
def contact_anonymise(*, contact: ContactPerson, actor: Any) -> ContactPerson:
    """Erase a person (RODO art. 17) without breaking history.

    The row stays so that interactions and audit entries still point at something; every
    personal field is blanked, and the values stored in this person's audit entries are
    redacted too.
    """
    from skillshub.core.models import AuditEntry

    locked = ContactPerson.objects.select_for_update().get(pk=contact.pk)
    if locked.anonymised_at:
        raise IllegalTransition(_("This person has already been anonymised."))
    locked.first_name = _("Anonymised")
    locked.last_name = _("person #%(id)s") % {"id": locked.pk}
    locked.position = ""
    locked.email = ""
    locked.phone = ""
    locked.user = None
    locked.anonymised_at = timezone.now()
    locked.version += 1
    locked.save(
        update_fields=[
            "first_name", "last_name", "position", "email", "phone", "user", "anonymised_at",
            "version", "updated_at",
        ]
    )  # fmt: skip
    for entry in AuditEntry.objects.for_object(locked):
        entry.object_repr = str(locked)
        entry.changes = {field: ["***", "***"] for field in entry.changes}
        entry.save(update_fields=["object_repr", "changes"])
    audit_record(actor=actor, action=AuditAction.ANONYMISE, obj=locked, verb="person_anonymise")
    return locked


# --- Applications to join ---------------------------------------------------------------------

APPLICATION_FIELDS = [
    "institution_name", "kind", "nip", "regon", "krs", "county", "city", "street", "postal_code",
    "website", "contact_first_name", "contact_last_name", "contact_position", "contact_email",
    "contact_phone", "message", "consent_contact", "consent_listing",
]  # fmt: skip


def _notify(*, to: str, subject: str, body: str) -> None:
    email_enqueue(to=to, subject=subject, body=body)


@transaction.atomic
def application_submit(
    *,
    data: dict[str, Any],
    areas: Iterable[StrategyArea] = (),
    submission_key: Any,
    submitted_from: str = "",
) -> tuple[JoinApplication, bool]:
    """Store a public application. The same form sent twice returns the first, not a copy."""
    existing = JoinApplication.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    application = JoinApplication(submission_key=submission_key, submitted_from=submitted_from)
    _set_fields(application, data, APPLICATION_FIELDS)
    # The key's uniqueness is the database's to enforce: two identical submissions racing
    # each other (a double click on a slow line) must end as one row, not as an error.
    application.full_clean(exclude=["submission_key"])
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        return JoinApplication.objects.get(submission_key=submission_key), False
    application.areas.set(areas)
    audit_record(actor=None, action=AuditAction.CREATE, obj=application, verb="application_submit")
    _notify(
        to=application.contact_email,
        subject=_("We have received your application to join the network"),
        body=_(
            "Thank you. The coordination office has received the application of %(name)s "
            "and will answer by e-mail."
        )
        % {"name": application.institution_name},
    )
    return application, True


def _move(application: JoinApplication, target: str) -> JoinApplication:
    locked = JoinApplication.objects.select_for_update().get(pk=application.pk)
    if not can_move(locked.status, target):
        raise IllegalTransition(
            _("An application that is “%(current)s” cannot become “%(target)s”.")
            % {
                "current": ApplicationStatus(locked.status).label,
                "target": ApplicationStatus(target).label,
            }
        )
    return locked


def _decide(locked: JoinApplication, *, actor: Any, status: str, note: str, verb: str) -> None:
    before = locked.status
    locked.status = ApplicationStatus(status)
    locked.decision_note = note
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(
        update_fields=[
            "status", "decision_note", "decided_by", "decided_at", "institution", "updated_at",
        ]
    )  # fmt: skip
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes={"status": [before, locked.status]},
        verb=verb,
    )


@transaction.atomic
def application_accept(
    *, application: JoinApplication, actor: Any, link_to: Institution | None = None, note: str = ""
) -> JoinApplication:
    """Accept: create the institution (or link a known one) and its contact person."""
    locked = _move(application, ApplicationStatus.ACCEPTED)
    if link_to is None:
        institution = institution_create(
            actor=actor,
            data={
                "name": locked.institution_name,
                "kind": locked.kind,
                "nip": locked.nip,
                "regon": locked.regon,
                "krs": locked.krs,
                "county": locked.county,
                "city": locked.city,
                "street": locked.street,
                "postal_code": locked.postal_code,
                "website": locked.website,
                "listed_publicly": locked.consent_listing,
            },
            areas=locked.areas.all(),
            verb="application_accept",
        )
    else:
        institution = link_to
    contact = contact_create(
        institution=institution,
        actor=actor,
        data={
            "first_name": locked.contact_first_name,
            "last_name": locked.contact_last_name,
            "position": locked.contact_position,
            "email": locked.contact_email,
            "phone": locked.contact_phone,
        },
    )
    if locked.consent_contact:
        consent_record(
            contact=contact,
            actor=actor,
            basis=LegalBasis.CONSENT,
            scope=_("contact about the network's activities (application form)"),
            given_at=locked.created_at,
            source=_("application to join #%(id)s") % {"id": locked.pk},
        )
    locked.institution = institution
    _decide(
        locked, actor=actor, status=ApplicationStatus.ACCEPTED, note=note, verb="application_accept"
    )
    _notify(
        to=locked.contact_email,
        subject=_("Your institution has joined the network"),
        body=_("Welcome. %(name)s is now part of the regional lifelong-learning network.")
        % {"name": institution.name}
        + ("\n\n" + note if note else ""),
    )
    return locked


@transaction.atomic
def application_request_info(
    *, application: JoinApplication, actor: Any, note: str
) -> JoinApplication:
    if not note.strip():
        raise IllegalTransition(_("Say what information is missing."))
    locked = _move(application, ApplicationStatus.INFO_REQUESTED)
    _decide(
        locked,
        actor=actor,
        status=ApplicationStatus.INFO_REQUESTED,
        note=note,
        verb="application_request_info",
    )
    _notify(
        to=locked.contact_email,
        subject=_("We need more information about your application"),
        body=note,
    )
    return locked


@transaction.atomic
def application_reject(*, application: JoinApplication, actor: Any, note: str) -> JoinApplication:
    if not note.strip():
        raise IllegalTransition(_("Give the reason for the rejection."))
    locked = _move(application, ApplicationStatus.REJECTED)
    _decide(
        locked, actor=actor, status=ApplicationStatus.REJECTED, note=note, verb="application_reject"
    )
    _notify(to=locked.contact_email, subject=_("Your application to join the network"), body=note)
    return locked


# --- Interactions -----------------------------------------------------------------------------

INTERACTION_FIELDS = ["kind", "date", "subject", "note", "follow_up", "follow_up_due"]


@transaction.atomic
def interaction_log(
    *,
    institution: Institution,
    actor: Any,
    data: dict[str, Any],
    contacts: Iterable[ContactPerson] = (),
) -> Interaction:
    interaction = Interaction(institution=institution, staff=actor)
    _set_fields(interaction, data, INTERACTION_FIELDS)
    interaction.full_clean()
    interaction.save()
    interaction.contacts.set(contacts)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=institution,
        changes={"interaction": [None, str(interaction)]},
        verb="interaction_log",
    )
    return interaction


@transaction.atomic
def interaction_follow_up_done(*, interaction: Interaction, actor: Any) -> Interaction:
    if interaction.follow_up_done:
        return interaction
    interaction.follow_up_done = True
    interaction.save(update_fields=["follow_up_done"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=interaction.institution,
        changes={"follow_up_done": [str(interaction), True]},
        verb="interaction_follow_up_done",
    )
    return interaction


# --- Pillars (filary) of the WZK --------------------------------------------------------------


@transaction.atomic
def pillar_create(*, actor: Any, name: str, order: int = 0) -> Pillar:
    pillar = Pillar(name=" ".join(name.split()), order=order)
    pillar.full_clean()
    pillar.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=pillar,
        changes={"name": [None, pillar.name], "order": [None, pillar.order]},
        verb="pillar_create",
    )
    bump("stakeholders")
    return pillar


@transaction.atomic
def pillar_update(*, pillar: Pillar, actor: Any, name: str, order: int) -> Pillar:
    locked = Pillar.objects.select_for_update().get(pk=pillar.pk)
    before = snapshot(locked, ["name", "order"])
    locked.name, locked.order = " ".join(name.split()), order
    locked.full_clean()
    changes = diff(before, snapshot(locked, ["name", "order"]))
    if changes:
        locked.save(update_fields=["name", "order"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=locked,
            changes=changes,
            verb="pillar_update",
        )
        bump("stakeholders")
    return locked
