"""Labour-market evidence for education policy: the occupation classifications, MZDiN counts
and the indicators computed from them, Barometr zawodów rounds, the MEN forecast, and the
school offer. Every load is an ``ImportRun``; indicators are always computed from the stored
raw counts under a named, versioned ``ThresholdSet`` that each result records.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County
from skillshub.stakeholders.models import Institution

from .choices import (
    BarometrLevel,
    ForecastDemand,
    ImportKind,
    ImportStatus,
    JobAdBatchStatus,
    JobAdStatus,
    MzdinClass,
    Provision,
    RoundStatus,
    TerritoryKind,
    ThresholdMethod,
)

PERIOD_RE = re.compile(r"^\d{4}(-H[12])?$")
LEVEL_DIGITS = (1, 2, 3, 4, 6)  # KZiS: major, sub-major, minor, unit group, occupation


def validate_period(value: str) -> None:
    """A year ("2024") or a half-year ("2024-H1")."""
    if not PERIOD_RE.match(value or ""):
        raise ValidationError(
            _("Give the period as a year (2024) or a half-year (2024-H1)."), code="period"
        )


class Occupation(models.Model):
    """A node of KZiS 2023: a major group (1 digit), sub-major (2), minor (3), unit group (4) or
    an occupation (6 digits)."""

    code = models.CharField(_("code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=300)
    level = models.PositiveSmallIntegerField(_("digits"), db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent group"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("occupation (KZiS)")
        verbose_name_plural = _("occupations (KZiS)")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=LEVEL_DIGITS),
                name="lm_occupation_level",
                violation_error_message=_("A KZiS code has 1, 2, 3, 4 or 6 digits."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("labour_market:occupation_detail", args=[self.code])


class SchoolOccupation(models.Model):
    """One of the 261 vocational-school occupations (KZSB), with its sector and school types."""

    code = models.CharField(_("code"), max_length=6, unique=True)
    name = models.CharField(_("name"), max_length=300)
    sector = models.CharField(_("sector (branża)"), max_length=120, blank=True)
    area = models.CharField(_("area"), max_length=120, blank=True)
    school_types = models.CharField(
        _("school types"),
        max_length=100,
        blank=True,
        help_text=_("ZSZ, BS I, BS II, technikum, szkoła policealna, KKZ."),
    )
    prk_level = models.PositiveSmallIntegerField(_("PRK level"), null=True, blank=True)
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="school_occupations",
        verbose_name=_("KZiS occupation"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("vocational school occupation (KZSB)")
        verbose_name_plural = _("vocational school occupations (KZSB)")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class EscoLink(models.Model):
    """The crosswalk from a KZiS occupation to an ESCO occupation, with its Polish label."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="esco_links")
    esco_code = models.CharField(_("ESCO code"), max_length=30)
    esco_label = models.CharField(_("ESCO label (Polish)"), max_length=300)

    class Meta:
        ordering = ["occupation", "esco_code"]
        verbose_name = _("ESCO link")
        verbose_name_plural = _("ESCO links")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "esco_code", "esco_label"], name="lm_esco_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.occupation.code} → ESCO {self.esco_code} {self.esco_label}"


class Subregion(models.Model):
    """A NUTS 3 subregion: a territory the indicators are also computed for."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    counties = models.ManyToManyField(County, related_name="subregions", verbose_name=_("counties"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("subregion")
        verbose_name_plural = _("subregions")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CountyNeighbour(models.Model):
    """Two counties that share a border (computed from the shipped boundaries): "within reach"
    for the gap analysis means the county itself or a neighbour."""

    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="+")
    neighbour = models.ForeignKey(County, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["county", "neighbour"]
        verbose_name = _("neighbouring county")
        verbose_name_plural = _("neighbouring counties")
        constraints = [
            models.UniqueConstraint(fields=["county", "neighbour"], name="lm_neighbour_unique"),
            models.CheckConstraint(
                condition=~Q(county=models.F("neighbour")), name="lm_neighbour_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.county} – {self.neighbour}"


class ImportRun(models.Model):
    """One load of a file: what, from where, for which period, how many rows, and every error
    (row, column, reason). A rejected file writes nothing but its run."""

    kind = models.CharField(_("kind"), max_length=20, choices=ImportKind.choices, db_index=True)
    source_name = models.CharField(_("file"), max_length=255)
    file_sha256 = models.CharField(_("file fingerprint"), max_length=64, db_index=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    period = models.CharField(_("period"), max_length=7, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} ({self.source_name})"

    def get_absolute_url(self) -> str:
        return reverse("labour_market:import_detail", args=[self.pk])


class MzdinCount(models.Model):
    """The raw MRPiPS-01 counts of one 6-digit occupation in one county for one period."""

    occupation = models.ForeignKey(
        Occupation,
        to_field="code",
        db_column="occupation_code",
        on_delete=models.PROTECT,
        related_name="mzdin_counts",
    )
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="mzdin_counts")
    period = models.CharField(_("period"), max_length=7, validators=[validate_period])
    offers = models.PositiveIntegerField(_("job offers (O)"))
    unemployed = models.PositiveIntegerField(_("registered unemployed (B)"))
    inflow = models.PositiveIntegerField(_("inflow of unemployed (Bn)"))
    outflow = models.PositiveIntegerField(_("outflow of unemployed (Bo)"))
    long_term = models.PositiveIntegerField(_("long-term unemployed (Bd)"))
    import_run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["period", "occupation", "county"]
        verbose_name = _("MZDiN count")
        verbose_name_plural = _("MZDiN counts")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "county", "period"], name="lm_mzdin_unique"
            ),
        ]
        indexes = [models.Index(fields=["period", "county"], name="lm_mzdin_period_county")]

    def __str__(self) -> str:
        return f"{self.occupation_id} {self.county_id} {self.period}"


class ThresholdSet(models.Model):
    """A named, versioned rule for classifying occupations ("MZDiN-2005", "MZDiN-2015").

    ``params`` holds the numbers the method needs; the office edits them (DOMAIN.md marks the
    thresholds unverified), and an edit is a new version, so an old result keeps its meaning.
    """

    name = models.CharField(_("name"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    method = models.CharField(_("method"), max_length=30, choices=ThresholdMethod.choices)
    params = models.JSONField(_("thresholds"), default=dict)
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "-version"]
        verbose_name = _("threshold set")
        verbose_name_plural = _("threshold sets")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="lm_threshold_set_version")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class MzdinResult(models.Model):
    """An indicator computed from the raw counts: one code at one level, one territory, one
    period, classified under one threshold set. Recomputed, never edited."""

    period = models.CharField(_("period"), max_length=7, db_index=True)
    level = models.PositiveSmallIntegerField(_("digits"))
    code = models.CharField(_("code"), max_length=6)
    territory_kind = models.CharField(_("territory"), max_length=10, choices=TerritoryKind.choices)
    territory_code = models.CharField(_("territory code"), max_length=10)
    offers = models.PositiveIntegerField("O")
    unemployed = models.PositiveIntegerField("B")
    inflow = models.PositiveIntegerField("Bn")
    outflow = models.PositiveIntegerField("Bo")
    long_term = models.PositiveIntegerField("Bd")
    intensity = models.FloatField(_("W = O/B"), null=True, blank=True)
    long_term_share = models.FloatField(_("Bd/B"), null=True, blank=True)
    fluidity = models.FloatField(_("Bo/Bn"), null=True, blank=True)
    klass = models.CharField(_("class"), max_length=20, choices=MzdinClass.choices)
    threshold_set = models.ForeignKey(
        ThresholdSet, on_delete=models.PROTECT, related_name="results"
    )
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "level", "code", "territory_kind", "territory_code"]
        verbose_name = _("MZDiN result")
        verbose_name_plural = _("MZDiN results")
        constraints = [
            # One index serves both the uniqueness and the pages' lookups (a set, a period, a
            # kind of territory, a level): a second index cost a third of the compute's writes.
            models.UniqueConstraint(
                fields=[
                    "threshold_set",
                    "period",
                    "territory_kind",
                    "level",
                    "code",
                    "territory_code",
                ],
                name="lm_mzdin_result_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.territory_code} {self.period}: {self.klass}"


class BarometrRound(models.Model):
    """One year's Barometr zawodów forecast: its occupation groups and the panels' ratings."""

    year = models.PositiveSmallIntegerField(_("forecast year"), unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("Barometr round")
        verbose_name_plural = _("Barometr rounds")

    def __str__(self) -> str:
        return f"Barometr zawodów {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("labour_market:round_detail", args=[self.year])


class BarometrGroup(models.Model):
    """An occupation group rated in a round, mapped to KZiS occupations."""

    round = models.ForeignKey(BarometrRound, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("occupation group"), max_length=200)
    occupations = models.ManyToManyField(
        Occupation, related_name="barometr_groups", blank=True, verbose_name=_("KZiS occupations")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Barometr occupation group")
        verbose_name_plural = _("Barometr occupation groups")
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="lm_barometr_group_unique")
        ]

    def __str__(self) -> str:
        return self.name


class BarometrPanel(models.Model):
    """A county labour office's expert panel and the counties it rates (Gorzów city and
    county share one, as do Zielona Góra's)."""

    name = models.CharField(_("panel"), max_length=200, unique=True)
    counties = models.ManyToManyField(County, related_name="barometr_panels")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="barometr_panels", blank=True
    )
    labour_office = models.ForeignKey(
        Institution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Barometr panel")
        verbose_name_plural = _("Barometr panels")

    def __str__(self) -> str:
        return self.name


class BarometrRating(models.Model):
    """A panel's rating of one group in one round (0 = no rating)."""

    round = models.ForeignKey(BarometrRound, on_delete=models.CASCADE, related_name="ratings")
    group = models.ForeignKey(BarometrGroup, on_delete=models.CASCADE, related_name="ratings")
    panel = models.ForeignKey(BarometrPanel, on_delete=models.PROTECT, related_name="ratings")
    level = models.PositiveSmallIntegerField(_("rating"), choices=BarometrLevel.choices)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    import_run = models.ForeignKey(
        ImportRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["group", "panel"]
        verbose_name = _("Barometr rating")
        verbose_name_plural = _("Barometr ratings")
        constraints = [
            models.UniqueConstraint(fields=["group", "panel"], name="lm_barometr_rating_unique")
        ]

    def __str__(self) -> str:
        return f"{self.group} / {self.panel}: {self.level}"


class ForecastEntry(models.Model):
    """One line of the MEN forecast: a school occupation in demand, nationally or here."""

    year = models.PositiveSmallIntegerField(_("year"))
    school_occupation = models.ForeignKey(
        SchoolOccupation, on_delete=models.PROTECT, related_name="forecast_entries"
    )
    demand = models.CharField(_("demand"), max_length=30, choices=ForecastDemand.choices)
    import_run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-year", "school_occupation"]
        verbose_name = _("MEN forecast entry")
        verbose_name_plural = _("MEN forecast entries")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "school_occupation", "demand"], name="lm_forecast_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.school_occupation.code} {self.demand}"


class SchoolSupply(models.Model):
    """A school teaching a vocational occupation in a county, with its enrolment. Comes from an
    import, or from the portal's published learning offers of kind "school occupation"
    (``source_offer_id``), handed down by the portal's services."""

    school_name = models.CharField(_("school"), max_length=300)
    institution = models.ForeignKey(
        Institution, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    school_occupation = models.ForeignKey(
        SchoolOccupation, on_delete=models.PROTECT, related_name="supply"
    )
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="school_supply")
    year = models.PositiveSmallIntegerField(_("school year (start)"))
    provision = models.CharField(
        _("form"), max_length=10, choices=Provision.choices, default=Provision.SCHOOL
    )
    enrolment = models.PositiveIntegerField(_("enrolment"), null=True, blank=True)
    source_offer_id = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    import_run = models.ForeignKey(
        ImportRun, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["county", "school_occupation", "school_name"]
        verbose_name = _("school offer")
        verbose_name_plural = _("school offer")
        constraints = [
            models.UniqueConstraint(
                fields=["school_name", "school_occupation", "county", "year", "provision"],
                name="lm_supply_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.school_name}: {self.school_occupation}"


# --- Online job ads coded to occupations (labour_market.coding) --------------------------------


class JobAdBatch(models.Model):
    """One imported file of online job ads, coded in the background. ``coded`` counts the ads
    done so far, which the batch page shows as progress."""

    source_name = models.CharField(_("file"), max_length=255)
    file_sha256 = models.CharField(_("file fingerprint"), max_length=64, db_index=True)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=JobAdBatchStatus.choices,
        default=JobAdBatchStatus.QUEUED,
    )
    total = models.PositiveIntegerField(_("ads"), default=0)
    coded = models.PositiveIntegerField(_("ads coded"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    model_version = models.CharField(_("model version"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("batch of job ads")
        verbose_name_plural = _("batches of job ads")

    def __str__(self) -> str:
        return self.source_name

    def get_absolute_url(self) -> str:
        return reverse("labour_market:job_ad_batch", args=[self.pk])

    @property
    def progress_percent(self) -> int:
        return int(100 * self.coded / self.total) if self.total else 100


class JobAd(models.Model):
    """An online job ad and the occupation it was coded to: automatically (the top suggestion
    when confident enough) or by staff in the review queue."""

    batch = models.ForeignKey(
        JobAdBatch, on_delete=models.CASCADE, related_name="ads", verbose_name=_("batch")
    )
    row = models.PositiveIntegerField(_("row"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    employer = models.CharField(_("employer"), max_length=300, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county"),
    )
    published_on = models.DateField(_("date"), null=True, blank=True)
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=JobAdStatus.choices, default=JobAdStatus.PENDING
    )
    occupation = models.ForeignKey(
        Occupation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="job_ads",
        verbose_name=_("occupation"),
        limit_choices_to={"level": 6},
    )
    confidence = models.FloatField(_("confidence"), null=True, blank=True)
    suggestions = models.JSONField(_("suggestions"), default=list, blank=True)
    group_code = models.CharField(_("unit group"), max_length=4, blank=True)
    flags = models.JSONField(_("flags"), default=list, blank=True)
    model_version = models.CharField(_("model version"), max_length=60, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["batch", "row", "pk"]
        verbose_name = _("job ad")
        verbose_name_plural = _("job ads")
        indexes = [
            models.Index(fields=["status", "batch"], name="lm_jobad_status"),
            models.Index(fields=["occupation", "county", "published_on"], name="lm_jobad_demand"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("labour_market:job_ad_review", args=[self.pk])


class CodingExample(models.Model):
    """A job ad coded by a person: a confirmation or a correction from the review queue. Every
    retraining adds these to the shipped training material."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="+", verbose_name=_("occupation")
    )
    was_correction = models.BooleanField(_("correction"), default=False)
    job_ad = models.OneToOneField(
        JobAd,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_example",
        verbose_name=_("job ad"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("coding example")
        verbose_name_plural = _("coding examples")

    def __str__(self) -> str:
        return f"{self.title} → {self.occupation_id}"
