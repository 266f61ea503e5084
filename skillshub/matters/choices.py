from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MatterState(models.TextChoices):
    """Where a matter (kwestia) stands; moves are in ``workflow.TRANSITIONS``."""

    DRAFT = "draft", pgettext_lazy("matter", "draft")
    SUBMITTED = "submitted", pgettext_lazy("matter", "submitted")
    ACCEPTED = "accepted", pgettext_lazy("matter", "accepted for work")
    REJECTED = "rejected", pgettext_lazy("matter", "rejected as out of scope")
    PROPOSAL_IN_PREPARATION = "preparing", pgettext_lazy("matter", "proposal in preparation")
    PROPOSAL_READY = "proposal_ready", pgettext_lazy("matter", "proposal ready")
    ON_AGENDA = "on_agenda", pgettext_lazy("matter", "on the agenda")
    DECIDED = "decided", pgettext_lazy("matter", "decided")
    FORWARDED = "forwarded", pgettext_lazy("matter", "forwarded")
    ANSWERED = "answered", pgettext_lazy("matter", "answered")
    CLOSED = "closed", pgettext_lazy("matter", "closed")


class Urgency(models.TextChoices):
    LOW = "low", _("low")
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")


class Decision(models.TextChoices):
    """What the WZK decided on the office's proposal."""

    ADOPTED = "adopted", pgettext_lazy("proposal", "adopted")
    AMENDED = "amended", pgettext_lazy("proposal", "adopted with amendments")
    REJECTED = "rejected", pgettext_lazy("proposal", "rejected")


class AddresseeKind(models.TextChoices):
    REGIONAL_BOARD = "regional_board", _("the regional board")
    MINISTRY = "ministry", _("the ministry")
    OTHER = "other", _("another body")
