from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VersionStatus(models.TextChoices):
    """A programme version: drafted, consulted, adopted by the board (then frozen), or
    superseded by a later adopted revision."""

    DRAFT = "draft", pgettext_lazy("programme", "draft")
    CONSULTED = "consulted", pgettext_lazy("programme", "consulted")
    ADOPTED = "adopted", pgettext_lazy("programme", "adopted")
    SUPERSEDED = "superseded", pgettext_lazy("programme", "superseded by a revision")


class NodeKind(models.TextChoices):
    OBJECTIVE = "objective", _("regional objective")
    ACTION = "action", _("action")
    TASK = "task", _("task")


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    ON_TRACK = "on_track", _("on track")
    AT_RISK = "at_risk", _("at risk")
    DELAYED = "delayed", _("delayed")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class FundingSource(models.TextChoices):
    FEWL = "fewl", _("FEWL 2021–2027")
    FERS = "fers", _("FERS")
    KPO = "kpo", _("KPO")
    KFS = "kfs", _("KFS")
    REGIONAL = "regional", _("regional budget")
    OTHER = "other", _("other")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class TerritorialLevel(models.TextChoices):
    REGION = "region", _("the region")
    COUNTY = "county", _("counties")


class RollupRule(models.TextChoices):
    UNWEIGHTED = "unweighted", _("the plain mean of the parts with data")
    WEIGHTED = "weighted", _("the mean of the parts with data, weighted by their weights")


class RoundStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("round", "open")
    CLOSED = "closed", pgettext_lazy("round", "closed")


class ReportStatus(models.TextChoices):
    """A lead institution's report in a monitoring round."""

    PENDING = "pending", pgettext_lazy("report", "to be filled in")
    SUBMITTED = "submitted", pgettext_lazy("report", "submitted")
    RETURNED = "returned", pgettext_lazy("report", "returned for corrections")
    ACCEPTED = "accepted", pgettext_lazy("report", "accepted")
