"""The ZSU 2030 regional implementation programme: the reference strategy below the national
areas (versioned by edition), the programme and its versions, the tree of objectives, actions
and tasks, and the indicators with their baselines, targets and measurements."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County, StrategyArea, TargetGroup
from skillshub.stakeholders.models import Institution

from .choices import (
    ActionStatus,
    Direction,
    FundingSource,
    NodeKind,
    ReportStatus,
    RollupRule,
    RoundStatus,
    TerritorialLevel,
    VersionStatus,
)

# --- The reference strategy ---------------------------------------------------------------------


class StrategyEdition(models.Model):
    """An edition of the national document. A new edition gets new themes and directions;
    links made to an older edition's rows stay valid."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    published = models.DateField(_("published"), null=True, blank=True)
    is_current = models.BooleanField(_("current edition"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_current", "-published", "name"]
        verbose_name = _("strategy edition")
        verbose_name_plural = _("strategy editions")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_strategy_edition",
                violation_error_message=_("Only one edition can be the current one."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class StrategyTheme(models.Model):
    """A theme of action (temat działań) inside a ZSU area of impact, in one edition."""

    edition = models.ForeignKey(StrategyEdition, on_delete=models.PROTECT, related_name="themes")
    area = models.ForeignKey(
        StrategyArea,
        verbose_name=_("area of impact"),
        on_delete=models.PROTECT,
        related_name="themes",
        limit_choices_to={"part": "detailed"},
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["edition_id", "area__number", "order", "code"]
        verbose_name = _("theme of action")
        verbose_name_plural = _("themes of action")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "code"],
                name="strategy_theme_code_unique",
                violation_error_message=_("This code is taken in this edition."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StrategyDirection(models.Model):
    """A direction of action (kierunek działań) inside a theme."""

    theme = models.ForeignKey(StrategyTheme, on_delete=models.PROTECT, related_name="directions")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["theme_id", "order", "code"]
        verbose_name = _("direction of action")
        verbose_name_plural = _("directions of action")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# --- The programme ------------------------------------------------------------------------------


class Programme(models.Model):
    """The regional implementation programme of ZSU 2030 for a period (e.g. 2024–2030)."""

    name = models.CharField(_("name"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("from year"))
    end_year = models.PositiveSmallIntegerField(_("to year"))
    description = models.TextField(_("description"), blank=True)
    rollup_rule = models.CharField(
        _("how progress rolls up"),
        max_length=12,
        choices=RollupRule.choices,
        default=RollupRule.WEIGHTED,
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_year", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="programme_period_in_order",
                violation_error_message=_("The programme cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start_year}–{self.end_year})"

    def get_absolute_url(self) -> str:
        return reverse("programme:programme_detail", args=[self.pk])


class ProgrammeVersion(models.Model):
    """One version of the programme's content. An adopted version is frozen; a change is a new
    version (a revision) whose nodes keep the ``key`` of the nodes they revise."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("revision of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    note = models.TextField(_("what this version changes"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopting resolution of the regional board"), max_length=200, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme_id", "-number"]
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="programme_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status="adopted"),
                name="one_adopted_version_per_programme",
                violation_error_message=_("A programme has one adopted version at a time."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.name}, v{self.number} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("programme:version_detail", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status in (VersionStatus.ADOPTED, VersionStatus.SUPERSEDED)


class Node(models.Model):
    """A node of a programme version's tree: a regional objective, an action or a task."""

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="nodes")
    # The same node across versions: a revision copies it with its key, so links and diffs hold.
    key = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NodeKind.choices)
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    weight = models.DecimalField(
        _("weight in the roll-up"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    areas = models.ManyToManyField(
        StrategyArea, verbose_name=_("ZSU areas"), blank=True, related_name="programme_nodes"
    )
    directions = models.ManyToManyField(
        StrategyDirection,
        verbose_name=_("directions of action"),
        blank=True,
        related_name="programme_nodes",
    )
    # Actions (and tasks): who, when, with what money, for whom, where, how it goes.
    lead = models.ForeignKey(
        Institution,
        verbose_name=_("lead institution"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_actions",
    )
    partners = models.ManyToManyField(
        Institution, verbose_name=_("partners"), blank=True, related_name="partner_actions"
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    funding_source = models.CharField(
        _("funding source"), max_length=10, choices=FundingSource.choices, blank=True
    )
    budget_planned = models.DecimalField(
        _("planned budget (PLN)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_spent = models.DecimalField(
        _("spent (PLN)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    counties = models.ManyToManyField(
        County, verbose_name=_("counties"), blank=True, related_name="programme_nodes"
    )
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, blank=True)

    class Meta:
        ordering = ["version_id", "order", "code", "id"]
        verbose_name = _("programme node")
        verbose_name_plural = _("programme nodes")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="programme_node_key_once_per_version"
            ),
            models.UniqueConstraint(
                fields=["version", "code"],
                name="programme_node_code_unique",
                violation_error_message=_("This code is taken in this version."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="programme_node_dates_in_order",
                violation_error_message=_("An action cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["version", "kind"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("programme:node_detail", args=[self.pk])


# --- Indicators ---------------------------------------------------------------------------------


class Indicator(models.Model):
    """A measure of the programme's effect or of its context (DHIS2-like: a definition, a
    baseline, targets and measurements per period and territory)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=40)
    source = models.CharField(_("source"), max_length=300, blank=True)
    level = models.CharField(
        _("territorial level"),
        max_length=10,
        choices=TerritorialLevel.choices,
        default=TerritorialLevel.REGION,
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    is_context = models.BooleanField(
        _("context indicator"),
        default=False,
        help_text=_("Describes the region's situation; it has no target of the programme's own."),
    )
    nodes: models.ManyToManyField[Node, IndicatorLink] = models.ManyToManyField(
        Node, through="IndicatorLink", blank=True, related_name="indicators"
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["programme_id", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                name="indicator_code_unique",
                violation_error_message=_("This indicator code is taken in this programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("programme:indicator_detail", args=[self.pk])


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)

    class Meta:
        ordering = ["indicator_id", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="indicator_target_once_a_year",
                violation_error_message=_("This indicator already has a target for that year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value}"


class IndicatorLink(models.Model):
    """An indicator measures a node (an objective or an action), with a weight in its roll-up."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="links")
    node = models.ForeignKey(Node, on_delete=models.CASCADE, related_name="indicator_links")
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["node_id", "indicator_id"]
        verbose_name = _("indicator link")
        verbose_name_plural = _("indicator links")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "node"], name="indicator_link_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} → {self.node.code}"


# The region as a territory of a measurement; counties use their 4-digit TERYT code.
REGION = "region"


class MeasurementQuerySet(models.QuerySet["Measurement"]):
    def for_region(self) -> MeasurementQuerySet:
        return self.filter(county__isnull=True)


class Measurement(models.Model):
    """A value of an indicator for a year, for the region or one county."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    year = models.PositiveSmallIntegerField(_("year"))
    county = models.ForeignKey(
        County,
        verbose_name=_("county (empty: the region)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source_note = models.CharField(_("source note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        ordering = ["indicator_id", "year", "county_id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "county"],
                name="measurement_once_per_year_and_county",
                violation_error_message=_("This value is already recorded; edit it instead."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(county__isnull=True),
                name="measurement_once_per_year_for_region",
                violation_error_message=_("The region's value for that year is already recorded."),
            ),
        ]
        indexes = [models.Index(fields=["indicator", "county", "year"])]

    def __str__(self) -> str:
        where = self.county.name if self.county_id and self.county else REGION
        return f"{self.indicator.code} {self.year} {where}: {self.value}"

    @property
    def territory(self) -> str:
        return self.county.teryt if self.county_id and self.county else REGION


# --- Monitoring rounds --------------------------------------------------------------------------


class MonitoringRound(models.Model):
    """The annual monitoring of a programme version: lead institutions report, staff review,
    and the closed round freezes its data into ``snapshot``."""

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.PROTECT, related_name="rounds")
    year = models.PositiveSmallIntegerField(_("year reported on"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    deadline = models.DateField(_("reports due"))
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Everything the report shows, frozen at closing: progress, statuses, budgets, values.
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("monitoring round")
        verbose_name_plural = _("monitoring rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "year"],
                name="one_round_per_version_and_year",
                violation_error_message=_("This year's round already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.version.programme.name}: monitoring {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("programme:round_detail", args=[self.pk])


class InstitutionReport(models.Model):
    """One lead institution's task in a round: report its actions and indicator values."""

    round = models.ForeignKey(MonitoringRound, on_delete=models.CASCADE, related_name="reports")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="programme_reports"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_comment = models.TextField(_("the office's comments"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["round_id", "institution__name"]
        verbose_name = _("institution report")
        verbose_name_plural = _("institution reports")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "institution"], name="one_report_per_institution_and_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution}: {self.round}"

    def get_absolute_url(self) -> str:
        return reverse("programme:report_detail", args=[self.pk])


class ActionReport(models.Model):
    """What the lead institution says about one of its actions (a draft until accepted)."""

    report = models.ForeignKey(
        InstitutionReport, on_delete=models.CASCADE, related_name="action_reports"
    )
    node = models.ForeignKey(Node, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, blank=True)
    spent = models.DecimalField(
        _("spent so far (PLN)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["report_id", "node__code"]
        verbose_name = _("action report")
        verbose_name_plural = _("action reports")
        constraints = [
            models.UniqueConstraint(fields=["report", "node"], name="one_action_report_per_node")
        ]

    def __str__(self) -> str:
        return f"{self.node.code}: {self.status}"


class ValueReport(models.Model):
    """An indicator value reported for the round's year (a draft until accepted)."""

    report = models.ForeignKey(
        InstitutionReport, on_delete=models.CASCADE, related_name="value_reports"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4, null=True, blank=True)
    note = models.CharField(_("source note"), max_length=300, blank=True)

    class Meta:
        ordering = ["report_id", "indicator__code"]
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "county"], name="one_value_report_per_territory"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"
