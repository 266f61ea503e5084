from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    MZDIN = "mzdin", _("MZDiN counts (MRPiPS-01)")
    BAROMETR = "barometr", _("Barometr zawodów ratings")
    MEN_FORECAST = "men_forecast", _("MEN forecast of demand")
    SCHOOL_SUPPLY = "school_supply", _("school offer and enrolment")


class ImportStatus(models.TextChoices):
    SUCCEEDED = "succeeded", _("imported")
    FAILED = "failed", _("rejected")
    UNCHANGED = "unchanged", _("no changes (same file)")
    REPLACED = "replaced", _("replaced by a newer file")


class ThresholdMethod(models.TextChoices):
    W_RATIO = "w_ratio", _("intensity W = O/B (2005–2014)")
    THREE_INDICATORS = "three_indicators", _("three indicators (since 2015)")


class MzdinClass(models.TextChoices):
    MAX_DEFICIT = "max_deficit", _("maximally deficit")
    DEFICIT = "deficit", _("deficit")
    BALANCE = "balance", _("balanced")
    SURPLUS = "surplus", _("surplus")
    MAX_SURPLUS = "max_surplus", _("maximally surplus")
    NO_DATA = "no_data", _("no data")


class TerritoryKind(models.TextChoices):
    COUNTY = "county", _("county")
    SUBREGION = "subregion", _("subregion")
    REGION = "region", _("region")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("open for ratings")
    CLOSED = "closed", _("closed")


class BarometrLevel(models.IntegerChoices):
    """The 5-level scale of Barometr zawodów (data/barometr_skala.csv), and "no rating"."""

    NO_RATING = 0, _("no rating")
    LARGE_DEFICIT = 1, _("large deficit of job seekers")
    DEFICIT = 2, _("deficit of job seekers")
    BALANCE = 3, _("balance of demand and supply")
    SURPLUS = 4, _("surplus of job seekers")
    LARGE_SURPLUS = 5, _("large surplus of job seekers")


class ForecastDemand(models.TextChoices):
    NATIONAL_SPECIAL = "national_special", _("special demand (national)")
    REGIONAL_SIGNIFICANT = "regional_significant", _("significant demand (region)")
    REGIONAL_MODERATE = "regional_moderate", _("moderate demand (region)")


class GapFlag(models.TextChoices):
    UNMET_NEED = "unmet_need", _("unmet need")
    OVERSUPPLY = "oversupply", _("oversupply")


class Provision(models.TextChoices):
    SCHOOL = "school", _("school class")
    QUALIFICATION_COURSE = "kkz", _("vocational qualification course (KKZ)")


class JobAdBatchStatus(models.TextChoices):
    QUEUED = "queued", _("waiting to be coded")
    CODING = "coding", _("being coded")
    DONE = "done", _("coded")
    FAILED = "failed", _("rejected")


class JobAdStatus(models.TextChoices):
    """Where a job ad stands in coding. Only the last three count as demand."""

    PENDING = "pending", _("waiting to be coded")
    REVIEW = "review", _("to review (low confidence)")
    CODED = "coded", _("coded automatically")
    CONFIRMED = "confirmed", _("confirmed by staff")
    CORRECTED = "corrected", _("corrected by staff")


COUNTED_AD_STATUSES = (JobAdStatus.CODED, JobAdStatus.CONFIRMED, JobAdStatus.CORRECTED)
