"""The public portal: learning offers (the catalogue), news, static pages and promotional
campaigns.

Learning offers are submitted by the providers' contacts and published only after the office
approves them (``workflow.py``). News, pages and campaigns are written by the office. HTML
from an editor is sanitised by the services before it is stored (``sanitise.py``).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import County, StrategyArea, TargetGroup
from skillshub.stakeholders.models import Institution
from skillshub.stakeholders.querysets import ProvidedQuerySet

from .choices import OfferKind, OfferStatus, PublicationStatus

CODE_LIST = re.compile(r"^\s*(\d{6}(\s*[,; ]\s*\d{6})*)?\s*$")


def validate_occupation_codes(value: str) -> None:
    """Six-digit occupation codes (KZiS 2023 or KZSB), separated by commas or spaces."""
    if not CODE_LIST.match(value or ""):
        raise ValidationError(
            _("Give six-digit occupation codes separated by commas, e.g. 351203, 722204."),
            code="occupation_codes",
        )


class LearningOfferQuerySet(ProvidedQuerySet["LearningOffer"]):
    def published(self) -> LearningOfferQuerySet:
        return self.filter(status=OfferStatus.PUBLISHED)

    def current(self, today: Any = None) -> LearningOfferQuerySet:
        """Offers that have not ended yet (undated offers are always current)."""
        today = today or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))

    def awaiting_review(self) -> LearningOfferQuerySet:
        return self.filter(status=OfferStatus.SUBMITTED)


class LearningOffer(models.Model):
    """One entry of the catalogue: a school occupation, a KKZ, a course, studies or other."""

    kind = models.CharField(_("kind"), max_length=30, choices=OfferKind.choices)
    title = models.CharField(_("title"), max_length=300)
    provider = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="learning_offers",
        verbose_name=_("provider"),
    )
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_offers",
        verbose_name=_("county"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    price = models.DecimalField(
        _("price (PLN)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="learning_offers", blank=True, verbose_name=_("target groups")
    )
    area = models.ForeignKey(
        StrategyArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_offers",
        verbose_name=_("ZSU 2030 area"),
    )
    occupation_codes = models.CharField(
        _("occupation or qualification codes"),
        max_length=200,
        blank=True,
        validators=[validate_occupation_codes],
        help_text=_("KZSB or KZiS six-digit codes, separated by commas."),
    )
    description = models.TextField(_("description"))
    url = models.URLField(_("link"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OfferStatus.choices,
        default=OfferStatus.DRAFT,
        db_index=True,
    )
    review_note = models.TextField(_("note from the office"), blank=True)
    source_key = models.CharField(
        _("import key"),
        max_length=100,
        blank=True,
        help_text=_("The provider's own identifier: importing the same key again updates."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LearningOfferQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("learning offer")
        verbose_name_plural = _("learning offers")
        indexes = [models.Index(fields=["status", "kind"], name="portal_offer_status_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="portal_offer_ends_after_start",
                violation_error_message=_("An offer cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(is_online=True) | Q(county__isnull=False),
                name="portal_offer_county_or_online",
                violation_error_message=_("Give the county, or mark the offer as online."),
            ),
            models.CheckConstraint(
                condition=Q(is_free=True, price__isnull=True)
                | Q(is_free=False, price__isnull=False, price__gte=0),
                name="portal_offer_price_if_paid",
                violation_error_message=_("A free offer has no price; a paid one has a price."),
            ),
            models.UniqueConstraint(
                fields=["provider", "source_key"],
                condition=~Q(source_key=""),
                name="portal_offer_unique_source_key",
                violation_error_message=_("This provider already has an offer with this key."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:offer_detail", args=[self.pk])

    def occupation_code_list(self) -> list[str]:
        return re.findall(r"\d{6}", self.occupation_codes)


class PublishedQuerySet(models.QuerySet[Any]):
    def published(self) -> PublishedQuerySet:
        return self.filter(status=PublicationStatus.PUBLISHED)


class NewsItem(models.Model):
    """A news item on the portal. ``body`` holds sanitised HTML."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    lead = models.CharField(_("lead"), max_length=400)
    body = models.TextField(_("text"))
    image = models.FileField(_("image"), upload_to="portal/news/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        constraints = [
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="portal_news_image_has_alt",
                violation_error_message=_("Describe the image for people who cannot see it."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:news_detail", args=[self.slug])


class Page(models.Model):
    """A static page: the accessibility statement, privacy, about the WZK…"""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    in_footer = models.BooleanField(_("link in the footer"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:page_detail", args=[self.slug])


class Campaign(models.Model):
    """A promotional campaign for vocational education or lifelong learning, with an image,
    shown on the home page while it runs."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    lead = models.CharField(_("lead"), max_length=400)
    body = models.TextField(_("text"), blank=True)
    image = models.FileField(_("image"), upload_to="portal/campaigns/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    link_url = models.URLField(_("link"), blank=True)
    starts_on = models.DateField(_("runs from"))
    ends_on = models.DateField(_("runs until"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="portal_campaign_ends_after_start",
                violation_error_message=_("A campaign cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""),
                name="portal_campaign_image_has_alt",
                violation_error_message=_("Describe the image for people who cannot see it."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:campaign_detail", args=[self.slug])
