"""Every write to matters. Each service is atomic, validates, moves only along the transition
table, records the move on the matter's timeline and in the audit trail, and queues the
e-mails to the people concerned in the same transaction."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from skillshub.accounts.rules import is_office_staff
from skillshub.core.choices import AuditAction
from skillshub.core.filetypes import validate_upload
from skillshub.core.models import County, StrategyArea
from skillshub.core.pagecache import bump
from skillshub.core.services import audit_record, check_version, diff, plain, snapshot

from . import notifications
from .choices import AddresseeKind, Decision, MatterState
from .exceptions import IllegalTransition, StaleMove
from .models import (
    MAX_DESCRIPTION,
    Matter,
    MatterAttachment,
    MatterComment,
    MatterTransition,
    Proposal,
)
from .workflow import EDITABLE_BY_RAISER, SITTING_MOVES, can_move

S = MatterState
MATTER_FIELDS = ["title", "description", "on_behalf_of", "raised_by_name", "raised_orally",
                 "urgency", "proposal_due", "confidential", "is_public"]  # fmt: skip
STAFF_ONLY_FIELDS = {"raised_by_name", "raised_orally", "proposal_due", "is_public"}
MATTER_AUDITED = [*MATTER_FIELDS, "areas", "counties"]
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
MAX_ATTACHMENTS = 10


def _set(obj: Any, data: dict[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


def _lock(matter: Matter) -> Matter:
    # ``of=("self",)``: lock the matter's row only. PostgreSQL refuses FOR UPDATE on the
    # nullable side of the outer join that ``raised_by`` needs.
    return (
        Matter.objects.select_for_update(of=("self",)).select_related("raised_by").get(pk=matter.pk)
    )


def _validate_text(matter: Matter) -> None:
    errors: dict[str, str] = {}
    if not matter.title.strip():
        errors["title"] = _("Give the matter a title.")
    if not matter.description.strip():
        errors["description"] = _("Describe the matter: the description cannot be empty.")
    elif len(matter.description) > MAX_DESCRIPTION:
        errors["description"] = _(
            "The description is too long (%(n)s characters); the limit is %(limit)s. Attach a "
            "document with the details instead."
        ) % {"n": len(matter.description), "limit": MAX_DESCRIPTION}
    if errors:
        raise ValidationError(errors)


# --- Raising a matter -------------------------------------------------------------------------


def matter_create(
    *,
    actor: Any,
    data: dict[str, Any],
    areas: Iterable[StrategyArea] = (),
    counties: Iterable[County] = (),
    attachments: Iterable[Any] = (),
    submission_key: uuid.UUID | None = None,
    submit: bool = False,
) -> Matter:
    """Raise a matter as a draft, or submit it at once.

    The form's ``submission_key`` makes a double click or a retried request create one matter:
    the second call returns the first one's matter, unchanged.
    """
    if submission_key is not None:
        existing = Matter.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return _same_submission(existing, actor)
    try:
        with transaction.atomic():
            return _matter_create(
                actor=actor,
                data=data,
                areas=areas,
                counties=counties,
                attachments=attachments,
                submission_key=submission_key,
                submit=submit,
            )
    except IntegrityError:
        # The same key raced in from a parallel request: theirs won; return it.
        if submission_key is None:
            raise
        existing = Matter.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return _same_submission(existing, actor)


def _same_submission(existing: Matter, actor: Any) -> Matter:
    """The matter this person's earlier click created; another person's key is refused."""
    created_by_actor = existing.raised_by_id == getattr(actor, "pk", None) or (
        existing.transitions.filter(from_state="", actor_id=getattr(actor, "pk", None)).exists()
    )
    if not created_by_actor:
        raise ValidationError(
            _("This form has already been used. Open a new form to raise another matter.")
        )
    return existing


def _matter_create(
    *,
    actor: Any,
    data: dict[str, Any],
    areas: Iterable[StrategyArea],
    counties: Iterable[County],
    attachments: Iterable[Any],
    submission_key: uuid.UUID | None,
    submit: bool,
) -> Matter:
    staff = is_office_staff(actor)
    matter = Matter(raised_by=actor if getattr(actor, "is_authenticated", False) else None)
    fields = MATTER_FIELDS if staff else [f for f in MATTER_FIELDS if f not in STAFF_ONLY_FIELDS]
    _set(matter, data, fields)
    if staff and data.get("raised_orally"):
        matter.raised_by = None  # noted by staff on someone else's behalf
    if submission_key is not None:
        matter.submission_key = submission_key
    matter.is_demo = bool(data.get("is_demo", False))
    files = list(attachments)
    checked = [validate_upload(f, max_bytes=ATTACHMENT_MAX_BYTES) for f in files]
    _validate_text(matter)
    matter.full_clean(exclude=["submission_key"])
    matter.save()
    matter.areas.set(areas)
    matter.counties.set(counties)
    for file, content_type in zip(files, checked, strict=True):
        _attach(matter=matter, actor=actor, file=file, content_type=content_type)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=matter,
        changes=diff({}, snapshot(matter, MATTER_AUDITED)),
        verb="matter_create",
    )
    MatterTransition.objects.create(
        matter=matter, from_state="", to_state=S.DRAFT, actor=_user(actor)
    )
    bump("matters")
    if submit:
        matter = _move(matter=matter, actor=actor, target=S.SUBMITTED)
    return matter


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def matter_update(
    *,
    matter: Matter,
    actor: Any,
    data: dict[str, Any],
    areas: Iterable[StrategyArea] | None = None,
    counties: Iterable[County] | None = None,
    expected_version: int | None = None,
) -> Matter:
    """Edit a matter: its raiser while it is a draft, the office at any time before closing."""
    locked = _lock(matter)
    staff = is_office_staff(actor)
    if not staff and locked.state not in EDITABLE_BY_RAISER:
        raise IllegalTransition(_("A submitted matter can no longer be edited by its author."))
    if locked.state == S.CLOSED:
        raise IllegalTransition(_("A closed matter cannot be edited."))
    check_version(locked, expected_version, MATTER_FIELDS, data)
    before = snapshot(locked, MATTER_AUDITED)
    fields = MATTER_FIELDS if staff else [f for f in MATTER_FIELDS if f not in STAFF_ONLY_FIELDS]
    _set(locked, data, fields)
    _validate_text(locked)
    locked.full_clean(exclude=["submission_key"])
    if areas is not None:
        locked.areas.set(areas)
    if counties is not None:
        locked.counties.set(counties)
    changes = diff(before, snapshot(locked, MATTER_AUDITED))
    if not changes:
        return locked
    locked.version += 1
    locked.save()
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes, verb="matter_update"
    )
    bump("matters")
    return locked


def _attach(*, matter: Matter, actor: Any, file: Any, content_type: str) -> MatterAttachment:
    name = (getattr(file, "name", "") or "plik").rsplit("/", 1)[-1][:255]
    attachment = MatterAttachment(
        matter=matter,
        original_name=name,
        content_type=content_type,
        size=file.size,
        uploaded_by=_user(actor),
    )
    attachment.file.save(name, file, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def matter_attach(*, matter: Matter, actor: Any, file: Any) -> MatterAttachment:
    locked = _lock(matter)
    if not is_office_staff(actor) and locked.state not in EDITABLE_BY_RAISER:
        raise IllegalTransition(_("Files can be added by the author only while it is a draft."))
    if locked.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("A matter can have at most %(n)s attachments.") % {"n": MAX_ATTACHMENTS}
        )
    content_type = validate_upload(file, max_bytes=ATTACHMENT_MAX_BYTES)
    attachment = _attach(matter=locked, actor=actor, file=file, content_type=content_type)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={"attachments": [None, attachment.original_name]},
        verb="matter_attach",
    )
    return attachment


# --- Moves ------------------------------------------------------------------------------------


def _refuse(matter: Matter, target: str) -> IllegalTransition:
    return IllegalTransition(
        _("A matter that is “%(current)s” cannot become “%(target)s”.")
        % {"current": matter.get_state_display(), "target": MatterState(target).label}
    )


def _move(
    *,
    matter: Matter,
    actor: Any,
    target: str,
    expected_state: str | None = None,
    note: str = "",
    by_sitting: bool = False,
    changes: dict[str, list[Any]] | None = None,
) -> Matter:
    """Move a locked matter along the table; record, audit and notify. Callers lock first."""
    if expected_state is not None and matter.state != expected_state:
        raise StaleMove(matter=matter, seen=expected_state)
    if not can_move(matter.state, target):
        raise _refuse(matter, target)
    if (matter.state, target) in SITTING_MOVES and not by_sitting:
        raise IllegalTransition(
            _("This move is made at a sitting: place the matter on a sitting's agenda there.")
        )
    from_state = matter.state
    matter.state = MatterState(target)
    matter.version += 1
    now = timezone.now()
    if target == S.SUBMITTED:
        _validate_text(matter)
        matter.submitted_at = now
    if target == S.CLOSED:
        matter.closed_at = now
    matter.full_clean(exclude=["submission_key"])
    matter.save()
    MatterTransition.objects.create(
        matter=matter, from_state=from_state, to_state=target, actor=_user(actor), note=note
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=matter,
        changes={"state": [from_state, target], **(changes or {})},
        verb=f"matter_{target}",
    )
    notifications.moved(matter=matter, actor=actor, from_state=from_state, note=note)
    bump("matters")
    return matter


@transaction.atomic
def matter_move(
    *, matter: Matter, actor: Any, target: str, expected_state: str | None = None, note: str = ""
) -> Matter:
    """A move by hand (the office's buttons, the API). Moves that need more data (reject,
    forward, answer) and the sitting's moves have their own services."""
    locked = _lock(matter)
    if target == S.REJECTED:
        return _reject(locked, actor=actor, reason=note, expected_state=expected_state)
    if target in (S.FORWARDED, S.ANSWERED):
        raise IllegalTransition(_("Record the forwarding or the answer with its details."))
    if (
        target == S.PROPOSAL_READY
        and can_move(locked.state, target)
        and (locked.state, target) not in SITTING_MOVES
        and not locked.proposals.exists()
    ):
        raise IllegalTransition(_("Write the proposed solution before marking it ready."))
    return _move(
        matter=locked, actor=actor, target=target, expected_state=expected_state, note=note
    )


@transaction.atomic
def matter_submit(*, matter: Matter, actor: Any) -> Matter:
    return _move(matter=_lock(matter), actor=actor, target=S.SUBMITTED)


def _reject(matter: Matter, *, actor: Any, reason: str, expected_state: str | None) -> Matter:
    if not reason.strip():
        raise ValidationError({"note": _("Give the reason for rejecting the matter.")})
    matter.rejection_reason = reason.strip()
    return _move(
        matter=matter,
        actor=actor,
        target=S.REJECTED,
        expected_state=expected_state,
        note=reason.strip(),
    )


@transaction.atomic
def matter_reject(
    *, matter: Matter, actor: Any, reason: str, expected_state: str | None = None
) -> Matter:
    """Out of scope: the reason is kept on the matter and sent to its author."""
    return _reject(_lock(matter), actor=actor, reason=reason, expected_state=expected_state)


@transaction.atomic
def matter_close(
    *, matter: Matter, actor: Any, note: str = "", expected_state: str | None = None
) -> Matter:
    return _move(
        matter=_lock(matter),
        actor=actor,
        target=S.CLOSED,
        expected_state=expected_state,
        note=note,
    )


# --- The proposed solution and comments -------------------------------------------------------


def _clean_options(options: Iterable[dict[str, str]]) -> list[dict[str, str]]:
    cleaned = []
    for option in options:
        title = (option.get("title") or "").strip()
        text = (option.get("text") or "").strip()
        if title or text:
            cleaned.append({"title": title or text[:80], "text": text})
    return cleaned


@transaction.atomic
def proposal_add(
    *,
    matter: Matter,
    actor: Any,
    text: str,
    options: Iterable[dict[str, str]] = (),
    recommended: int | None = None,
) -> Proposal:
    """A new version of the office's proposed solution. An accepted matter moves to
    "proposal in preparation" with its first version."""
    locked = _lock(matter)
    if locked.state not in (S.ACCEPTED, S.PROPOSAL_IN_PREPARATION, S.PROPOSAL_READY):
        raise IllegalTransition(
            _("A proposal is written for an accepted matter, before it goes to a sitting.")
        )
    if not text.strip():
        raise ValidationError({"text": _("The proposed solution cannot be empty.")})
    cleaned = _clean_options(options)
    if recommended is not None and not 0 <= recommended < len(cleaned):
        raise ValidationError({"recommended": _("Recommend one of the options given.")})
    last = locked.proposals.aggregate(m=Max("number"))["m"] or 0
    proposal = Proposal.objects.create(
        matter=locked,
        number=last + 1,
        text=text.strip(),
        options=cleaned,
        recommended=recommended,
        created_by=_user(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=locked,
        changes={"proposal": [last or None, proposal.number]},
        verb="proposal_add",
    )
    if locked.state == S.ACCEPTED:
        _move(matter=locked, actor=actor, target=S.PROPOSAL_IN_PREPARATION)
    return proposal


@transaction.atomic
def consultation_open(*, matter: Matter, actor: Any, deadline: datetime.datetime) -> Matter:
    """Members may comment on the proposal until ``deadline``; they are told by e-mail."""
    locked = _lock(matter)
    if locked.state not in (S.PROPOSAL_IN_PREPARATION, S.PROPOSAL_READY):
        raise IllegalTransition(_("Comments open once there is a proposal, before the sitting."))
    if not locked.proposals.exists():
        raise IllegalTransition(_("Write the proposed solution before asking for comments."))
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline for comments must be in the future.")})
    before = locked.consultation_deadline
    locked.consultation_deadline = deadline
    locked.version += 1
    locked.save(update_fields=["consultation_deadline", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={"consultation_deadline": [plain(before), plain(deadline)]},
        verb="consultation_open",
    )
    notifications.consultation_opened(matter=locked)
    return locked


def consultation_is_open(matter: Matter) -> bool:
    return bool(
        matter.consultation_deadline
        and timezone.now() <= matter.consultation_deadline
        and matter.state in (S.PROPOSAL_IN_PREPARATION, S.PROPOSAL_READY, S.ON_AGENDA)
    )


@transaction.atomic
def comment_add(
    *, matter: Matter, actor: Any, text: str, reply_to: MatterComment | None = None
) -> MatterComment:
    """Members comment while the consultation is open; the office may comment or reply at any
    time until the matter is closed."""
    locked = _lock(matter)
    staff = is_office_staff(actor)
    if not text.strip():
        raise ValidationError({"text": _("The comment cannot be empty.")})
    if locked.state == S.CLOSED:
        raise IllegalTransition(_("The matter is closed."))
    if not staff and not consultation_is_open(locked):
        raise IllegalTransition(_("Comments on this proposal are closed."))
    if reply_to is not None:
        if reply_to.matter_id != locked.pk:
            raise ValidationError(_("The comment replied to belongs to another matter."))
        reply_to = reply_to.reply_to or reply_to  # one level of replies
    comment = MatterComment.objects.create(
        matter=locked,
        proposal=locked.proposals.order_by("-number").first(),
        author=_user(actor),
        reply_to=reply_to,
        text=text.strip(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=locked,
        changes={"comment": [None, comment.text[:200]]},
        verb="matter_comment",
    )
    author = reply_to.author if reply_to is not None else None
    if staff and author is not None and author.email and author.pk != getattr(actor, "pk", None):
        notifications.comment_replied(matter=locked, author_email=author.email)
    return comment


# --- The sitting (called by team's services) --------------------------------------------------


@transaction.atomic
def matter_place_on_agenda(
    *,
    matter: Matter,
    actor: Any,
    sitting_key: str,
    sitting_label: str,
    sitting_url: str,
    sitting_date: datetime.date,
) -> Matter:
    """A "proposal ready" matter goes on a sitting's agenda."""
    locked = _lock(matter)
    if locked.state != S.PROPOSAL_READY:
        raise _refuse(locked, S.ON_AGENDA)
    locked.sitting_key, locked.sitting_label = sitting_key, sitting_label
    locked.sitting_url, locked.sitting_date = sitting_url, sitting_date
    return _move(
        matter=locked,
        actor=actor,
        target=S.ON_AGENDA,
        by_sitting=True,
        note=sitting_label,
        changes={"sitting": [None, sitting_label]},
    )


@transaction.atomic
def matter_sitting_moved(*, matter: Matter, actor: Any, sitting_date: datetime.date) -> Matter:
    """The sitting a matter waits on has a new date; the matter shows the new one."""
    locked = _lock(matter)
    if locked.state != S.ON_AGENDA or locked.sitting_date == sitting_date:
        return locked
    before = locked.sitting_date
    locked.sitting_date = sitting_date
    locked.version += 1
    locked.save(update_fields=["sitting_date", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        changes={"sitting_date": [plain(before), plain(sitting_date)]},
        verb="matter_sitting_moved",
    )
    bump("matters")
    return locked


@transaction.atomic
def matter_remove_from_agenda(*, matter: Matter, actor: Any, note: str = "") -> Matter:
    """The item was taken off the agenda, or the sitting was cancelled."""
    locked = _lock(matter)
    label = locked.sitting_label
    locked.sitting_key = locked.sitting_label = locked.sitting_url = ""
    locked.sitting_date = None
    return _move(
        matter=locked,
        actor=actor,
        target=S.PROPOSAL_READY,
        by_sitting=True,
        note=note,
        changes={"sitting": [label, None]},
    )


@transaction.atomic
def matter_record_decision(
    *,
    matter: Matter,
    actor: Any,
    decision: str,
    resolution_label: str,
    resolution_url: str,
    decided_on: datetime.date,
) -> Matter:
    """The WZK decided at the sitting: adopted, amended or rejected, with its resolution."""
    locked = _lock(matter)
    locked.decision = Decision(decision)
    locked.decision_label, locked.decision_url = resolution_label, resolution_url
    locked.decided_on = decided_on
    return _move(
        matter=locked,
        actor=actor,
        target=S.DECIDED,
        by_sitting=True,
        note=f"{locked.get_decision_display()}: {resolution_label}",
        changes={"decision": [None, decision], "resolution": [None, resolution_label]},
    )


# --- Forwarding and the answer ----------------------------------------------------------------


def _stored_name(file: Any) -> str:
    """A random name with the file's own extension: the original name is never trusted."""
    name = getattr(file, "name", "") or ""
    suffix = name.rsplit(".", 1)[-1].lower()[:8] if "." in name else "bin"
    return f"{uuid.uuid4().hex}.{suffix}"


@transaction.atomic
def matter_forward(
    *,
    matter: Matter,
    actor: Any,
    addressee_kind: str,
    addressee: str,
    forwarded_on: datetime.date,
    answer_due: datetime.date | None = None,
    letter: Any = None,
    expected_state: str | None = None,
) -> Matter:
    """The decision goes to the regional board, the ministry or another body."""
    locked = _lock(matter)
    errors: dict[str, str] = {}
    if not addressee.strip():
        errors["addressee"] = _("Name the addressee.")
    if forwarded_on > timezone.localdate():
        errors["forwarded_on"] = _("The date of forwarding cannot be in the future.")
    if answer_due is not None and answer_due < forwarded_on:
        errors["answer_due"] = _("The answer cannot be due before the matter is forwarded.")
    if errors:
        raise ValidationError(errors)
    if letter:
        validate_upload(letter, max_bytes=ATTACHMENT_MAX_BYTES)
        locked.letter.save(_stored_name(letter), letter, save=False)
    locked.addressee_kind = AddresseeKind(addressee_kind)
    locked.addressee = addressee.strip()
    locked.forwarded_on, locked.answer_due = forwarded_on, answer_due
    return _move(
        matter=locked,
        actor=actor,
        target=S.FORWARDED,
        expected_state=expected_state,
        note=locked.addressee,
        changes={"addressee": [None, locked.addressee], "answer_due": [None, plain(answer_due)]},
    )


@transaction.atomic
def matter_record_answer(
    *,
    matter: Matter,
    actor: Any,
    received_on: datetime.date,
    text: str = "",
    file: Any = None,
    expected_state: str | None = None,
) -> Matter:
    locked = _lock(matter)
    if not text.strip() and not file:
        raise ValidationError(_("Give the answer's text or attach its file."))
    if locked.forwarded_on and received_on < locked.forwarded_on:
        raise ValidationError({"received_on": _("The answer cannot precede the forwarding.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The answer cannot come from the future.")})
    if file:
        validate_upload(file, max_bytes=ATTACHMENT_MAX_BYTES)
        locked.answer_file.save(_stored_name(file), file, save=False)
    locked.answer_received_on, locked.answer_text = received_on, text.strip()
    return _move(
        matter=locked,
        actor=actor,
        target=S.ANSWERED,
        expected_state=expected_state,
        changes={"answer_received_on": [None, plain(received_on)]},
    )
