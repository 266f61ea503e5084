"""Monitoring rounds: staff open a round on the adopted version, every lead institution reports
its actions and indicator values, staff return or accept each report, and the closed round
freezes its data into a snapshot the monitoring report is generated from.

Every service is atomic and audited; e-mails are queued in the same transaction."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from skillshub.accounts.choices import Role
from skillshub.accounts.models import User
from skillshub.core.choices import AuditAction
from skillshub.core.pagecache import bump
from skillshub.core.services import audit_record, plain
from skillshub.core.tasks import email_enqueue

from . import selectors
from .choices import (
    ActionStatus,
    NodeKind,
    ReportStatus,
    RoundStatus,
    TerritorialLevel,
    VersionStatus,
)
from .models import (
    ActionReport,
    InstitutionReport,
    Measurement,
    MonitoringRound,
    Node,
    ProgrammeVersion,
    ValueReport,
)
from .services import measurement_record

EDITABLE = (ReportStatus.PENDING, ReportStatus.RETURNED)


# --- Who ----------------------------------------------------------------------------------------


def is_monitoring_staff(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm(
        "programme.change_programme"
    )


def contact_institution_id(user: Any) -> int | None:
    """The institution a signed-in contact person speaks for, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        contact = user.contact_person
    except ObjectDoesNotExist:
        return None
    if contact is None or contact.anonymised_at is not None:
        return None
    return int(contact.institution_id)


def may_fill_in(user: Any, report: InstitutionReport) -> bool:
    return contact_institution_id(user) == report.institution_id or is_monitoring_staff(user)


def _require_staff(actor: Any) -> None:
    if not is_monitoring_staff(actor):
        raise PermissionDenied


# --- E-mail -------------------------------------------------------------------------------------


def site_url(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def _contact_addresses(report: InstitutionReport) -> list[str]:
    return sorted(
        {c.email for c in report.institution.contacts.current().exclude(email="") if c.email}
    )


def _office_addresses() -> list[str]:
    return list(
        User.objects.filter(is_active=True, role__in=[Role.OFFICE_STAFF, Role.OFFICE_ADMIN])
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _mail(*, to: list[str], template: str, context: dict[str, Any], topic: str) -> int:
    """One e-mail per address (no address sees another's), in Polish: the office's language."""
    with translation.override("pl"):
        subject = render_to_string(f"programme/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"programme/email/{template}.txt", context)
    for address in to:
        email_enqueue(to=address, subject=subject, body=body, topic=topic)
    return len(to)


def report_notify_contacts(*, report: InstitutionReport, template: str) -> int:
    context = {
        "report": report,
        "round": report.round,
        "programme": report.round.version.programme,
        "url": site_url(report.get_absolute_url()),
    }
    return _mail(
        to=_contact_addresses(report),
        template=template,
        context=context,
        topic=f"programme.{template}",
    )


# --- Opening a round ----------------------------------------------------------------------------


@transaction.atomic
def round_open(
    *, version: ProgrammeVersion, actor: Any, year: int, deadline: datetime.date
) -> MonitoringRound:
    """Open the year's round on an adopted version: one report per lead institution, with
    its actions (prefilled with their current status and spending) and the values of the
    indicators linked to them (per county of the action for a county-level indicator)."""
    _require_staff(actor)
    locked = (
        ProgrammeVersion.objects.select_for_update().select_related("programme").get(pk=version.pk)
    )
    programme = locked.programme
    errors: dict[str, str] = {}
    if locked.status != VersionStatus.ADOPTED:
        errors["__all__"] = _("A monitoring round is opened on the adopted version only.")
    if not programme.start_year <= int(year) <= programme.end_year:
        errors["year"] = _("%(year)s is outside the programme (%(first)s–%(last)s).") % {
            "year": year,
            "first": programme.start_year,
            "last": programme.end_year,
        }
    elif MonitoringRound.objects.filter(version=locked, year=year).exists():
        errors["year"] = _("This year's round already exists.")
    if deadline < timezone.localdate():
        errors["deadline"] = _("The deadline cannot be in the past.")
    if errors:
        raise ValidationError(errors)

    monitoring_round = MonitoringRound.objects.create(
        version=locked,
        year=year,
        deadline=deadline,
        opened_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    actions = list(
        locked.nodes.filter(kind=NodeKind.ACTION, lead__isnull=False)
        .select_related("lead")
        .prefetch_related("counties", "indicator_links__indicator")
        .order_by("code")
    )
    # Values already recorded for the year prefill the form: the institution confirms them.
    known: dict[tuple[int, int | None], Decimal] = {
        (indicator_id, county_id): value
        for indicator_id, county_id, value in Measurement.objects.filter(
            indicator__programme=programme, year=year
        ).values_list("indicator_id", "county_id", "value")
    }
    by_lead: dict[int, list[Node]] = defaultdict(list)
    for action in actions:
        assert action.lead_id is not None
        by_lead[action.lead_id].append(action)
    reports: list[InstitutionReport] = []
    for actions_led in by_lead.values():
        lead = actions_led[0].lead
        assert lead is not None
        report = InstitutionReport.objects.create(round=monitoring_round, institution=lead)
        ActionReport.objects.bulk_create(
            ActionReport(
                report=report, node=action, status=action.status, spent=action.budget_spent
            )
            for action in actions_led
        )
        territories: dict[tuple[int, int | None], ValueReport] = {}
        for action in actions_led:
            for link in action.indicator_links.all():
                indicator = link.indicator
                # Context indicators come from statistics, not from the institutions.
                if indicator.is_context:
                    continue
                if indicator.level == TerritorialLevel.COUNTY and action.counties.all():
                    counties: list[int | None] = [c.pk for c in action.counties.all()]
                else:
                    counties = [None]
                for county_id in counties:
                    territories.setdefault(
                        (indicator.pk, county_id),
                        ValueReport(
                            report=report,
                            indicator=indicator,
                            county_id=county_id,
                            value=known.get((indicator.pk, county_id)),
                        ),
                    )
        ValueReport.objects.bulk_create(territories.values())
        reports.append(report)

    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=monitoring_round,
        changes={
            "year": [None, year],
            "deadline": [None, plain(deadline)],
            "reports": [None, len(reports)],
        },
        verb="round_open",
    )
    from .tasks import schedule_report_reminder

    for report in reports:
        report_notify_contacts(report=report, template="round_opened")
        schedule_report_reminder(report)
    return monitoring_round


# --- Filling in ---------------------------------------------------------------------------------


def _number(raw: Any) -> Decimal | None:
    """A number from a form or an API; None when blank. Raises ValueError when not a number."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, Decimal):
        number = raw
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(raw) from exc
    if not number.is_finite():
        raise ValueError(raw)
    return number


def action_field(node_id: int, name: str) -> str:
    return f"action-{node_id}-{name}"


def value_field(value_id: int, name: str) -> str:
    return f"value-{value_id}-{name}"


@transaction.atomic
def report_save(
    *,
    report: InstitutionReport,
    actor: Any,
    actions: dict[int, dict[str, Any]],
    values: dict[int, dict[str, Any]],
    submit: bool = False,
) -> InstitutionReport:
    """Save the institution's draft, and submit it when ``submit``. Everything is checked
    first: when anything is wrong nothing is written, and the draft saved before stays."""
    locked = (
        InstitutionReport.objects.select_for_update()
        .select_related("round__version__programme", "institution")
        .get(pk=report.pk)
    )
    if not may_fill_in(actor, locked):
        raise PermissionDenied
    if locked.round.status != RoundStatus.OPEN or locked.status not in EDITABLE:
        raise ValidationError(_("This report has been submitted and cannot be changed now."))

    action_rows = {a.node_id: a for a in locked.action_reports.all()}
    value_rows = {v.pk: v for v in locked.value_reports.all()}
    errors: dict[str, str] = {}
    statuses = set(ActionStatus.values)
    for node_id, data in actions.items():
        row = action_rows.get(int(node_id))
        if row is None:
            errors["__all__"] = _("An action in the form is not part of this report.")
            continue
        status = str(data.get("status", row.status) or "")
        if status and status not in statuses:
            errors[action_field(row.node_id, "status")] = _("Choose a status from the list.")
        try:
            spent = _number(data.get("spent", row.spent))
        except ValueError:
            errors[action_field(row.node_id, "spent")] = _(
                "“%(value)s” is not an amount. Write the amount in PLN in digits, e.g. 12500.50."
            ) % {"value": data.get("spent")}
        else:
            if spent is not None and spent < 0:
                errors[action_field(row.node_id, "spent")] = _("Spending cannot be negative.")
            elif spent is not None and abs(spent) >= Decimal("1e12"):
                errors[action_field(row.node_id, "spent")] = _("This amount is too large.")
            else:
                row.spent = spent.quantize(Decimal("0.01")) if spent is not None else None
        row.status = status
        row.comment = str(data.get("comment", row.comment) or "").strip()
    for value_id, data in values.items():
        row_value = value_rows.get(int(value_id))
        if row_value is None:
            errors["__all__"] = _("An indicator in the form is not part of this report.")
            continue
        try:
            number = _number(data.get("value", row_value.value))
        except ValueError:
            errors[value_field(row_value.pk, "value")] = _(
                "“%(value)s” is not a number. Write the value in digits, e.g. 12.5."
            ) % {"value": data.get("value")}
        else:
            if number is not None and abs(number) >= Decimal("1e10"):
                errors[value_field(row_value.pk, "value")] = _("This value is too large.")
            else:
                row_value.value = number
        row_value.note = str(data.get("note", row_value.note) or "").strip()[:300]
    if submit:
        for row in action_rows.values():
            if not row.status and action_field(row.node_id, "status") not in errors:
                errors[action_field(row.node_id, "status")] = _(
                    "Give the action's status before submitting."
                )
    if errors:
        raise ValidationError(errors)

    ActionReport.objects.bulk_update(list(action_rows.values()), ["status", "spent", "comment"])
    ValueReport.objects.bulk_update(list(value_rows.values()), ["value", "note"])
    before = locked.status
    locked.version += 1
    fields = ["version"]
    if submit:
        locked.status = ReportStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
        fields += ["status", "submitted_at", "submitted_by"]
    locked.save(update_fields=fields)
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION if submit else AuditAction.UPDATE,
        obj=locked,
        changes={
            "status": [before, locked.status],
            "actions": [None, len(action_rows)],
            "values": [None, sum(1 for v in value_rows.values() if v.value is not None)],
        },
        verb="report_submit" if submit else "report_save",
    )
    if submit:
        _mail(
            to=_office_addresses(),
            template="report_submitted",
            context={
                "report": locked,
                "round": locked.round,
                "url": site_url(locked.get_absolute_url()),
            },
            topic="programme.report_submitted",
        )
    return locked


# --- Review -------------------------------------------------------------------------------------


@transaction.atomic
def report_review(
    *, report: InstitutionReport, actor: Any, accept: bool, comment: str = ""
) -> InstitutionReport:
    """Return a submitted report with comments, or accept it: its statuses and spending go onto
    the version's actions and its values become the indicators' measurements for the year."""
    _require_staff(actor)
    locked = (
        InstitutionReport.objects.select_for_update()
        .select_related("round__version__programme", "institution")
        .get(pk=report.pk)
    )
    comment = comment.strip()
    if locked.round.status != RoundStatus.OPEN:
        raise ValidationError(_("The round is closed."))
    if locked.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be reviewed."))
    if not accept and not comment:
        raise ValidationError({"comment": _("Say what should be corrected.")})
    before = locked.status
    locked.review_comment = comment
    locked.reviewed_at = timezone.now()
    locked.version += 1
    if not accept:
        locked.status = ReportStatus.RETURNED
        locked.save(update_fields=["status", "review_comment", "reviewed_at", "version"])
        audit_record(
            actor=actor,
            action=AuditAction.TRANSITION,
            obj=locked,
            changes={"status": [before, locked.status], "review_comment": [None, comment]},
            verb="report_return",
        )
        report_notify_contacts(report=locked, template="report_returned")
        return locked

    year = locked.round.year
    rows = list(locked.action_reports.all())
    nodes = {
        n.pk: n for n in Node.objects.select_for_update().filter(pk__in=[r.node_id for r in rows])
    }
    for row in rows:
        node = nodes[row.node_id]
        was = {"status": node.status, "budget_spent": plain(node.budget_spent)}
        # A monitoring update of the adopted version: its status and spending only. The plan
        # itself (titles, budgets, dates) changes only through a revision.
        if row.status:
            node.status = row.status
        if row.spent is not None:
            node.budget_spent = row.spent
        now = {"status": node.status, "budget_spent": plain(node.budget_spent)}
        if now != was:
            node.save(update_fields=["status", "budget_spent"])
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=node,
                changes={k: [was[k], now[k]] for k in now if was[k] != now[k]},
                verb="node_monitoring_update",
            )
    source = f"Monitoring {year}: {locked.institution.name}"[:300]
    for value in locked.value_reports.select_related("indicator", "county"):
        if value.value is None:
            continue
        measurement_record(
            indicator=value.indicator,
            actor=actor,
            year=year,
            value=value.value,
            county=value.county,
            source_note=(value.note or source)[:300],
        )
    locked.status = ReportStatus.ACCEPTED
    locked.save(update_fields=["status", "review_comment", "reviewed_at", "version"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes={"status": [before, locked.status]},
        verb="report_accept",
    )
    report_notify_contacts(report=locked, template="report_accepted")
    bump("programme")
    return locked


# --- Closing ------------------------------------------------------------------------------------


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def round_snapshot(monitoring_round: MonitoringRound) -> dict[str, Any]:
    """Everything the report shows, as JSON: the tree with progress, statuses and budgets,
    the indicators with their series and targets, all measurements, and the reports."""
    version = monitoring_round.version
    programme = version.programme
    states = selectors.indicator_states(programme=programme)
    tree = selectors.version_progress(version=version, states=states)
    nodes: list[dict[str, Any]] = []
    linked: dict[int, list[str]] = defaultdict(list)

    def walk(state: selectors.NodeState, depth: int) -> None:
        node = state.node
        nodes.append(
            {
                "id": node.pk,
                "key": str(node.key),
                "parent_id": node.parent_id,
                "depth": depth,
                "kind": node.kind,
                "code": node.code,
                "title": node.title,
                "weight": str(node.weight),
                "lead": node.lead.name if node.lead else "",
                "status": node.status,
                "status_label": str(ActionStatus(node.status).label) if node.status else "",
                "funding_source": node.funding_source,
                "budget_planned": _num(node.budget_planned),
                "budget_spent": _num(node.budget_spent),
                "start_date": plain(node.start_date),
                "end_date": plain(node.end_date),
                "progress": state.progress.progress,
                "indicators": [s.indicator.code for s, _w in state.indicators],
            }
        )
        for indicator_state, _weight in state.indicators:
            linked[indicator_state.indicator.pk].append(node.code)
        for child in state.children:
            walk(child, depth + 1)

    for root in tree:
        walk(root, 0)
    indicators = [
        {
            "id": s.indicator.pk,
            "code": s.indicator.code,
            "name": s.indicator.name,
            "unit": s.indicator.unit,
            "source": s.indicator.source,
            "level": s.indicator.level,
            "direction": s.indicator.direction,
            "is_context": s.indicator.is_context,
            "baseline_value": _num(s.indicator.baseline_value),
            "baseline_year": s.indicator.baseline_year,
            "latest": _num(s.latest),
            "latest_year": s.latest_year,
            "target": _num(s.target),
            "target_year": s.target_year,
            "progress": s.progress,
            "series": [[year, str(value)] for year, value in s.series],
            "targets": [[year, str(value)] for year, value in s.targets],
            "nodes": linked.get(s.indicator.pk, []),
        }
        for s in sorted(states.values(), key=lambda s: s.indicator.code)
    ]
    measurements = [
        {
            "indicator": code,
            "year": year,
            "territory": teryt or "region",
            "county": county or "",
            "value": str(value),
            "source_note": note,
        }
        for code, year, teryt, county, value, note in Measurement.objects.filter(
            indicator__programme=programme
        )
        .order_by("indicator__code", "year", "county__teryt")
        .values_list(
            "indicator__code", "year", "county__teryt", "county__name", "value", "source_note"
        )
    ]
    reports = [
        {
            "institution": r.institution.name,
            "status": r.status,
            "submitted_at": plain(r.submitted_at),
            "reviewed_at": plain(r.reviewed_at),
        }
        for r in monitoring_round.reports.select_related("institution").order_by(
            "institution__name"
        )
    ]
    return {
        "programme": {
            "name": programme.name,
            "start_year": programme.start_year,
            "end_year": programme.end_year,
            "rollup_rule": programme.rollup_rule,
        },
        "version": {
            "number": version.number,
            "adopted_on": plain(version.adopted_on),
            "adopted_by": version.adopted_by,
        },
        "year": monitoring_round.year,
        "deadline": plain(monitoring_round.deadline),
        "taken_at": timezone.now().isoformat(),
        "nodes": nodes,
        "indicators": indicators,
        "measurements": measurements,
        "reports": reports,
    }


@transaction.atomic
def round_close(*, round: MonitoringRound, actor: Any) -> MonitoringRound:
    """Close the round once every report is accepted, freezing its data into the snapshot."""
    _require_staff(actor)
    locked = (
        MonitoringRound.objects.select_for_update()
        .select_related("version__programme")
        .get(pk=round.pk)
    )
    if locked.status != RoundStatus.OPEN:
        raise ValidationError(_("The round is already closed."))
    pending = list(
        locked.reports.exclude(status=ReportStatus.ACCEPTED)
        .select_related("institution")
        .order_by("institution__name")
    )
    if pending:
        raise ValidationError(
            _("The round can be closed once every report is accepted. Still open: %(names)s.")
            % {
                "names": "; ".join(
                    f"{r.institution.name} ({r.get_status_display()})" for r in pending
                )
            }
        )
    locked.snapshot = round_snapshot(locked)
    locked.status = RoundStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["snapshot", "status", "closed_at"])
    audit_record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=locked,
        changes={"status": [RoundStatus.OPEN, RoundStatus.CLOSED]},
        verb="round_close",
    )
    bump("programme")
    return locked
