from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    MEMBER = "member", _("member")
    DEPUTY = "deputy", _("deputy")


class QuorumRule(models.TextChoices):
    """How many of the team's voting members must be present for it to decide."""

    MAJORITY_WITH_DEPUTIES = (
        "majority_deputies",
        _("more than half of the members; a deputy standing in counts for their member"),
    )
    MAJORITY_IN_PERSON = "majority_in_person", _("more than half of the members, in person")
    ONE_THIRD_WITH_DEPUTIES = (
        "third_deputies",
        _("at least one third of the members; a deputy standing in counts for their member"),
    )
    FIXED = "fixed", _("a fixed number of members present")


class VotingRule(models.TextChoices):
    """When a resolution is adopted, given the votes cast."""

    SIMPLE_MAJORITY = "simple", _("simple majority: more votes for than against")
    ABSOLUTE_MAJORITY = "absolute", _("absolute majority: more than half of those present")
    TWO_THIRDS = "two_thirds", _("two thirds of the votes cast")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CONVENED = "convened", _("convened")
    HELD = "held", _("held")
    MINUTES_APPROVED = "minutes_approved", _("minutes approved")
    CANCELLED = "cancelled", _("cancelled")


class AgendaItemKind(models.TextChoices):
    INFORMATION = "information", _("information")
    DISCUSSION = "discussion", _("discussion")
    RESOLUTION = "resolution", _("resolution")
    ELECTION = "election", _("election")
    MATTER = "matter", _("matter")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("members only")


class AttendanceKind(models.TextChoices):
    MEMBER = "member", _("member")
    DEPUTY = "deputy", _("deputy standing in")
    GUEST = "guest", _("guest")


class ResolutionKind(models.TextChoices):
    RESOLUTION = "resolution", _("resolution")
    POSITION = "position", _("position")
    OPINION = "opinion", _("opinion")
    RECOMMENDATION = "recommendation", _("recommendation")


class ResolutionOutcome(models.TextChoices):
    # A resolution (uchwała) is feminine in Polish: the context keeps its own forms.
    PENDING = "pending", pgettext_lazy("resolution", "not voted yet")
    ADOPTED = "adopted", pgettext_lazy("resolution", "adopted")
    REJECTED = "rejected", pgettext_lazy("resolution", "rejected")


class AddresseeStatus(models.TextChoices):
    """Where a position sent to the regional board (or another body) stands."""

    NONE = "", _("not addressed")
    TO_SEND = "to_send", _("to be sent")
    SENT = "sent", _("sent")
    ANSWERED = "answered", _("answer received")


class VoteChoice(models.TextChoices):
    FOR = "for", _("for")
    AGAINST = "against", _("against")
    ABSTAIN = "abstain", _("abstaining")


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    CONSULTATION = "consultation", _("open for comments")
    APPROVED = "approved", _("approved")
