"""Matters (kwestie) raised by WZK members, the office's proposed solutions, the comments on
them, and the record of every move from submission to the final answer.

A matter knows its sitting and its resolution only as references handed over by the team's
services (a key, a label and an address): ``matters`` never imports ``team``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County, StrategyArea
from skillshub.stakeholders.models import Institution, fold

from .choices import AddresseeKind, Decision, MatterState, Urgency
from .workflow import AWAITING_PROPOSAL

MAX_DESCRIPTION = 10_000


class MatterQuerySet(models.QuerySet["Matter"]):
    def visible_to(self, user: Any) -> MatterQuerySet:
        """Staff see everything; a WZK member sees their own matters and every matter that is
        neither a draft nor confidential; anyone sees decided matters marked public."""
        from skillshub.accounts.rules import is_office_staff, is_team_member

        if is_office_staff(user):
            return self.all()
        public = Q(is_public=True, confidential=False, state__in=Matter.PUBLIC_STATES)
        if not getattr(user, "is_authenticated", False):
            return self.filter(public)
        own = Q(raised_by=user)
        if is_team_member(user):
            shared = ~Q(state=MatterState.DRAFT) & Q(confidential=False)
            return self.filter(own | shared | public)
        return self.filter(own | public)

    def public(self) -> MatterQuerySet:
        """Decided matters marked public; a confidential one never is, whatever its flag."""
        return self.filter(is_public=True, confidential=False, state__in=Matter.PUBLIC_STATES)

    def search(self, text: str) -> MatterQuerySet:
        q = fold(text)
        return self.filter(text_folded__contains=q) if q else self

    def overdue(self, today: Any = None) -> MatterQuerySet:
        """The office's proposal is late, or the addressee's answer is."""
        today = today or timezone.localdate()
        return self.filter(
            Q(state__in=AWAITING_PROPOSAL, proposal_due__lt=today)
            | Q(state=MatterState.FORWARDED, answer_due__lt=today)
        )

    def due_within(self, days: int, today: Any = None) -> MatterQuerySet:
        import datetime

        today = today or timezone.localdate()
        until = today + datetime.timedelta(days=days)
        return self.filter(
            Q(state__in=AWAITING_PROPOSAL, proposal_due__range=(today, until))
            | Q(state=MatterState.FORWARDED, answer_due__range=(today, until))
        )

    def ready_for_agenda(self) -> MatterQuerySet:
        return self.filter(state=MatterState.PROPOSAL_READY)


class Matter(models.Model):
    """A matter raised by a WZK member (or noted by staff when raised orally at a sitting)."""

    PUBLIC_STATES = (
        MatterState.DECIDED,
        MatterState.FORWARDED,
        MatterState.ANSWERED,
        MatterState.CLOSED,
    )

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=MAX_DESCRIPTION)
    text_folded = models.TextField(editable=False, default="")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matters_raised",
    )
    raised_by_name = models.CharField(
        _("raised by (name)"),
        max_length=200,
        blank=True,
        help_text=_("For a matter raised orally at a sitting: who raised it."),
    )
    on_behalf_of = models.ForeignKey(
        Institution,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matters",
    )
    raised_orally = models.BooleanField(_("raised orally at a sitting"), default=False)
    areas = models.ManyToManyField(
        StrategyArea,
        verbose_name=_("ZSU areas of impact"),
        blank=True,
        related_name="matters",
        limit_choices_to={"part": "detailed"},
    )
    counties = models.ManyToManyField(
        County, verbose_name=_("counties concerned"), blank=True, related_name="matters"
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    proposal_due = models.DateField(_("proposal due"), null=True, blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=MatterState.choices,
        default=MatterState.DRAFT,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only the person who raised it and the office see a confidential matter."),
    )
    is_public = models.BooleanField(
        _("public once decided"),
        default=False,
        help_text=_("Decided public matters appear on the public list and in the open API."),
    )
    consultation_deadline = models.DateTimeField(
        _("comments on the proposal until"), null=True, blank=True
    )
    # The sitting, as the team's services describe it (matters never imports team).
    sitting_key = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    sitting_label = models.CharField(_("sitting"), max_length=200, blank=True)
    sitting_url = models.CharField(max_length=300, blank=True)
    sitting_date = models.DateField(_("sitting date"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decision_label = models.CharField(_("resolution"), max_length=200, blank=True)
    decision_url = models.CharField(max_length=300, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    # Forwarding to the regional board, the ministry or another body, and the answer.
    addressee_kind = models.CharField(
        _("forwarded to"), max_length=20, choices=AddresseeKind.choices, blank=True
    )
    addressee = models.CharField(_("addressee"), max_length=200, blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    letter = models.FileField(_("letter"), upload_to="matters/letters/", blank=True, max_length=300)
    answer_due = models.DateField(_("answer expected by"), null=True, blank=True)
    answer_received_on = models.DateField(_("answer received on"), null=True, blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    answer_file = models.FileField(
        _("answer (file)"), upload_to="matters/answers/", blank=True, max_length=300
    )
    # A double click or a retried request carries the same key: one matter.
    submission_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = MatterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        indexes = [
            models.Index(fields=["state", "-created_at"]),
            models.Index(fields=["state", "proposal_due"]),
            models.Index(fields=["raised_by", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=MatterState.REJECTED) | ~Q(rejection_reason=""),
                name="matter_rejection_has_reason",
                violation_error_message=_("Give the reason for rejecting the matter."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A folded copy of the text: case-insensitive search that works on SQLite too.
        self.text_folded = fold(f"{self.title} {self.description}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "description"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "text_folded"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("matters:matter_detail", args=[self.pk])

    @property
    def raiser_display(self) -> str:
        if self.raised_by_id and self.raised_by:
            return str(self.raised_by)
        return self.raised_by_name

    def is_overdue(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        if self.state in AWAITING_PROPOSAL and self.proposal_due:
            return self.proposal_due < today
        if self.state == MatterState.FORWARDED and self.answer_due:
            return self.answer_due < today
        return False


def attachment_upload_to(instance: MatterAttachment, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"matters/{instance.matter_id}/{uuid.uuid4().hex}.{suffix[:8]}"


class MatterAttachment(models.Model):
    """A file attached to a matter; its type is checked by content."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["matter_id", "uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Proposal(models.Model):
    """One version of the office's proposed solution, with options and a recommended one."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="proposals")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("proposed solution"))
    # [{"title": "...", "text": "..."}, ...]; ``recommended`` is an index into it.
    options = models.JSONField(_("options"), default=list, blank=True)
    recommended = models.PositiveSmallIntegerField(_("recommended option"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["matter_id", "-number"]
        verbose_name = _("proposed solution")
        verbose_name_plural = _("proposed solutions")
        constraints = [
            models.UniqueConstraint(fields=["matter", "number"], name="proposal_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.matter} v{self.number}"

    @property
    def recommended_option(self) -> dict[str, str] | None:
        if self.recommended is None or self.recommended >= len(self.options):
            return None
        return dict(self.options[self.recommended])


class MatterComment(models.Model):
    """A comment on a matter's proposal; staff may reply, one level deep."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="comments")
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    text = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["matter", "created_at"])]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:50]}"


class MatterTransition(models.Model):
    """One move of a matter: the timeline, in the domain's words (the audit trail has it too)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=MatterState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=MatterState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("move")
        verbose_name_plural = _("moves")
        indexes = [models.Index(fields=["matter", "created_at"])]

    def __str__(self) -> str:
        return f"{self.matter}: {self.from_state} → {self.to_state}"


class DigestRun(models.Model):
    """One day's deadline digest: the unique day makes a second run that day a no-op."""

    day = models.DateField(unique=True)
    recipients = models.PositiveIntegerField(default=0)
    items = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("deadline digest")
        verbose_name_plural = _("deadline digests")

    def __str__(self) -> str:
        return f"digest {self.day}"
