"""The WZK secretariat: the team and its terms, sittings with their agendas, documents,
attendance, resolutions and votes, and the minutes."""

from __future__ import annotations

import datetime
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skillshub.matters.models import Matter
from skillshub.programme.models import Node
from skillshub.stakeholders.models import ContactPerson, Institution, Pillar

from .choices import (
    AddresseeStatus,
    AgendaItemKind,
    AttendanceKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    QuorumRule,
    ResolutionKind,
    ResolutionOutcome,
    Visibility,
    VoteChoice,
    VotingRule,
)

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip


def roman(number: int) -> str:
    """``4`` → ``"IV"``: sittings are numbered in Roman numerals."""
    if number <= 0:
        return str(number)
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


class TeamQuerySet(models.QuerySet["Team"]):
    def coordination_teams(self) -> TeamQuerySet:
        return self.filter(parent__isnull=True)

    def working_groups(self) -> TeamQuerySet:
        return self.filter(parent__isnull=False)

    def visible_to(self, user: Any) -> TeamQuerySet:
        """Staff see every team; a person sees the teams they sit in and their working groups."""
        from skillshub.accounts.rules import is_office_staff

        if is_office_staff(user):
            return self.all()
        if not getattr(user, "is_authenticated", False):
            return self.none()
        today = timezone.localdate()
        mine = Membership.objects.filter(
            person__user=user, person__anonymised_at__isnull=True
        ).current_on(today)
        return self.filter(Q(memberships__in=mine) | Q(parent__memberships__in=mine)).distinct()


class Team(models.Model):
    """The Regional Coordination Team (WZK), or one of its working groups (``parent`` set)."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"), max_length=30, help_text=_("Used in resolution numbers, e.g. “WZK”.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("working group of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    description = models.TextField(_("description"), blank=True)
    pillars = models.ManyToManyField(
        Pillar, verbose_name=_("pillars"), blank=True, related_name="teams"
    )
    quorum_rule = models.CharField(
        _("quorum rule"),
        max_length=30,
        choices=QuorumRule.choices,
        default=QuorumRule.MAJORITY_WITH_DEPUTIES,
    )
    quorum_fixed = models.PositiveSmallIntegerField(
        _("members needed (fixed rule)"), null=True, blank=True
    )
    voting_rule = models.CharField(
        _("voting rule"),
        max_length=20,
        choices=VotingRule.choices,
        default=VotingRule.SIMPLE_MAJORITY,
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["parent_id", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.CheckConstraint(
                condition=~Q(quorum_rule=QuorumRule.FIXED) | Q(quorum_fixed__gt=0),
                name="team_fixed_quorum_has_number",
                violation_error_message=_("The fixed quorum rule needs the number of members."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("team:team_detail", args=[self.pk])

    @property
    def is_working_group(self) -> bool:
        return self.parent_id is not None


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current_on(self, day: datetime.date) -> MembershipQuerySet:
        """Terms that include ``day``: begun on or before it and not yet ended."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def voting(self) -> MembershipQuerySet:
        """Members with a vote: chair, vice-chairs and members; deputies vote only in place."""
        return self.exclude(role=MemberRole.DEPUTY)

    def deputies(self) -> MembershipQuerySet:
        return self.filter(role=MemberRole.DEPUTY)


class Membership(models.Model):
    """One person's term in a team: whom they represent, in which pillar, in which role."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        ContactPerson,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="team_memberships",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution represented"),
        on_delete=models.PROTECT,
        related_name="team_memberships",
    )
    pillar = models.ForeignKey(
        Pillar,
        verbose_name=_("pillar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="team_memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    deputy_of = models.ForeignKey(
        "self",
        verbose_name=_("deputy of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deputies",
    )
    appointed_by = models.CharField(
        _("appointing resolution of the regional board"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “Uchwała nr 45/512/24 Zarządu Województwa Lubuskiego”."),
    )
    start_date = models.DateField(_("term starts"))
    end_date = models.DateField(_("term ends"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["team_id", "role", "person__last_name", "person__first_name", "id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("A term cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=(Q(role=MemberRole.DEPUTY) & Q(deputy_of__isnull=False))
                | (~Q(role=MemberRole.DEPUTY) & Q(deputy_of__isnull=True)),
                name="membership_deputy_names_member",
                violation_error_message=_(
                    "A deputy must name the member they stand in for, and only a deputy may."
                ),
            ),
        ]
        indexes = [models.Index(fields=["team", "start_date", "end_date"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.institution})"

    def is_current_on(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: Any) -> MeetingQuerySet:
        return self.filter(team__in=Team.objects.visible_to(user))

    def upcoming(self) -> MeetingQuerySet:
        return self.filter(starts_at__gte=timezone.now()).exclude(status=MeetingStatus.CANCELLED)


class Meeting(models.Model):
    """A sitting (posiedzenie) of a team, numbered in Roman numerals per team."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="meetings"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
        db_index=True,
    )
    # iCalendar: one UID for the life of the sitting; SEQUENCE grows with every change sent.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    ics_sequence = models.PositiveIntegerField(default=0, editable=False)
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "number"],
                name="meeting_number_unique_per_team",
                violation_error_message=_("This team already has a sitting with this number."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A sitting cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["team", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.label} {self.team.short_name}"

    def get_absolute_url(self) -> str:
        return reverse("team:meeting_detail", args=[self.pk])

    @property
    def roman(self) -> str:
        return roman(self.number)

    @property
    def label(self) -> str:
        return f"{roman(self.number)} posiedzenie"


class Document(models.Model):
    """A document of a team: public or members-only, with every uploaded version kept."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="documents"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("sitting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    # The newest version, kept here so that lists need no subquery.
    current_version = models.ForeignKey(
        "DocumentVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["team", "visibility"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("team:document_detail", args=[self.pk])


def document_upload_to(instance: DocumentVersion, filename: str) -> str:
    # The stored name is random: the original name is kept in the row, never trusted on disk.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"team/documents/{instance.document_id}/{uuid.uuid4().hex}.{suffix[:8]}"


class DocumentVersion(models.Model):
    """One uploaded file of a document. The type is checked by content, not by name."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document_id", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="document_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class AgendaItem(models.Model):
    """One point of a sitting's agenda (porządek obrad), in order."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("sitting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.INFORMATION
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    presenter = models.CharField(_("presented by"), max_length=200, blank=True)
    # What the minutes say about this item; edited with the minutes.
    summary = models.TextField(_("summary for the minutes"), blank=True)
    documents = models.ManyToManyField(
        Document, verbose_name=_("documents"), blank=True, related_name="agenda_items"
    )
    # The part of the ZSU 2030 programme this item reports on or discusses.
    programme_node = models.ForeignKey(
        Node,
        verbose_name=_("programme objective or action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    # The matter discussed under this item; placing it here moves the matter "on the agenda".
    matter = models.ForeignKey(
        Matter,
        verbose_name=_("matter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )

    class Meta:
        ordering = ["meeting_id", "order", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Attendance(models.Model):
    """Who was at a sitting: a member, a deputy standing in for a member, or a guest."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("sitting"), on_delete=models.CASCADE, related_name="attendance"
    )
    kind = models.CharField(_("present as"), max_length=10, choices=AttendanceKind.choices)
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("member or deputy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    stands_in_for = models.ForeignKey(
        Membership,
        verbose_name=_("stands in for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stood_in_by",
    )
    guest_name = models.CharField(_("guest's name"), max_length=200, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution represented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting_id", "kind", "id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                name="attendance_once_per_member",
                violation_error_message=_("This person is already on the attendance list."),
            ),
            models.UniqueConstraint(
                fields=["meeting", "stands_in_for"],
                name="attendance_one_stand_in",
                violation_error_message=_("Someone already stands in for this member."),
            ),
            models.CheckConstraint(
                condition=(Q(kind=AttendanceKind.GUEST) & ~Q(guest_name=""))
                | (~Q(kind=AttendanceKind.GUEST) & Q(membership__isnull=False)),
                name="attendance_names_someone",
                violation_error_message=_("Name the guest, or choose the member or deputy."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=AttendanceKind.DEPUTY) | Q(stands_in_for__isnull=False),
                name="attendance_deputy_stands_in",
                violation_error_message=_("Choose the member this deputy stands in for."),
            ),
        ]

    def __str__(self) -> str:
        who = self.membership.person if self.membership_id and self.membership else self.guest_name
        return f"{who} ({self.get_kind_display()})"


class ResolutionQuerySet(models.QuerySet["Resolution"]):
    def adopted(self) -> ResolutionQuerySet:
        return self.filter(outcome=ResolutionOutcome.ADOPTED)

    def visible_to(self, user: Any) -> ResolutionQuerySet:
        return self.filter(team__in=Team.objects.visible_to(user))

    def awaiting_answer(self) -> ResolutionQuerySet:
        return self.filter(addressee_status=AddresseeStatus.SENT)


class Resolution(models.Model):
    """A resolution (uchwała) of a team; a position, opinion or recommendation is one with an
    addressee. Numbered per team and year once voted: ``Uchwała nr 3/2026 WZK``."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="resolutions"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("sitting"), on_delete=models.PROTECT, related_name="resolutions"
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolution",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ResolutionKind.choices, default=ResolutionKind.RESOLUTION
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    present_at_vote = models.PositiveSmallIntegerField(_("members present at the vote"), default=0)
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=ResolutionOutcome.choices,
        default=ResolutionOutcome.PENDING,
        db_index=True,
    )
    voted_at = models.DateTimeField(_("voted at"), null=True, blank=True)
    addressee = models.CharField(
        _("addressee"),
        max_length=200,
        blank=True,
        help_text=_("For a position, opinion or recommendation, e.g. the regional board."),
    )
    addressee_status = models.CharField(
        _("status with the addressee"),
        max_length=10,
        choices=AddresseeStatus.choices,
        default=AddresseeStatus.NONE,
        blank=True,
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    answer_due = models.DateField(_("answer expected by"), null=True, blank=True)
    answer_received_on = models.DateField(_("answer received on"), null=True, blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    answer_file = models.FileField(
        _("answer (file)"), upload_to="team/answers/", blank=True, max_length=300
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number", "-id"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "year", "number"],
                name="resolution_number_unique_per_team_year",
                violation_error_message=_("This resolution number is taken for this year."),
            ),
            models.CheckConstraint(
                condition=~Q(addressee_status__in=["to_send", "sent", "answered"])
                | ~Q(addressee=""),
                name="resolution_status_needs_addressee",
                violation_error_message=_("Name the addressee first."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.title}" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("team:resolution_detail", args=[self.pk])

    @property
    def label(self) -> str:
        if not self.number:
            return str(_("Draft resolution"))
        return f"Uchwała nr {self.number}/{self.year} {self.team.short_name}"

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstain


class NamedVote(models.Model):
    """How one member voted, when the team records named votes."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="named_votes")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        ordering = ["resolution_id", "id"]
        verbose_name = _("named vote")
        verbose_name_plural = _("named votes")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "membership"],
                name="named_vote_once",
                violation_error_message=_("This member has already voted."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.person}: {self.get_choice_display()}"


class Minutes(models.Model):
    """The minutes (protokół) of a sitting: drafted by staff, commented on by members until a
    deadline, approved at a later sitting. The per-item summaries live on the agenda items."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("sitting"), on_delete=models.CASCADE, related_name="minutes"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    opening = models.TextField(_("opening"), blank=True)
    closing = models.TextField(_("closing"), blank=True)
    recorded_by = models.CharField(_("minutes taken by"), max_length=200, blank=True)
    comment_deadline = models.DateTimeField(_("comments until"), null=True, blank=True)
    approved_at_meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("approved at sitting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_minutes",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-meeting__starts_at"]
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        # "z IV posiedzenia": the genitive, as the document's own title says.
        meeting = self.meeting
        return f"Protokół z {roman(meeting.number)} posiedzenia {meeting.team.short_name}"

    def get_absolute_url(self) -> str:
        return reverse("team:minutes_detail", args=[self.meeting_id])


class MinutesComment(models.Model):
    """A member's remark on draft minutes; staff may reply in a thread."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("about item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment on minutes")
        verbose_name_plural = _("comments on minutes")

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:50]}"


def new_calendar_key() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A private, revocable address of one person's ICS feed of sittings."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key = models.CharField(max_length=64, unique=True, default=new_calendar_key)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.user} calendar"

    def get_absolute_url(self) -> str:
        return reverse("team:calendar_feed", args=[self.key])
