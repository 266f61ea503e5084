"""Career guidance (doradztwo zawodowe): who offers which service to whom in which county,
and the events people register for.

A provider is a stakeholder institution; the coverage view counts published services per
county × target group × kind to show where nobody serves a group.
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

from skillshub.core.models import County, TargetGroup
from skillshub.stakeholders.models import Institution
from skillshub.stakeholders.querysets import ProvidedQuerySet

from .choices import EventStatus, PublicationStatus, RegistrationStatus, ServiceKind, ServiceMode


class GuidanceServiceQuerySet(ProvidedQuerySet["GuidanceService"]):
    def published(self) -> GuidanceServiceQuerySet:
        return self.filter(status=PublicationStatus.PUBLISHED)


class GuidanceService(models.Model):
    """A guidance service a provider offers: individual advice, a workshop, tests, a fair…"""

    provider = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="guidance_services",
        verbose_name=_("provider"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=ServiceKind.choices)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="guidance_services", verbose_name=_("target groups")
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=ServiceMode.choices, default=ServiceMode.IN_PERSON
    )
    counties = models.ManyToManyField(
        County, related_name="guidance_services", verbose_name=_("counties served")
    )
    is_free = models.BooleanField(_("free of charge"), default=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    url = models.URLField(_("web page"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuidanceServiceQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("guidance service")
        verbose_name_plural = _("guidance services")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=PublicationStatus.PUBLISHED)
                | ~Q(contact_email="")
                | ~Q(contact_phone=""),
                name="guidance_service_published_has_contact",
                violation_error_message=_("A published service needs an e-mail or a phone."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guidance:service_detail", args=[self.pk])


class GuidanceEventQuerySet(ProvidedQuerySet["GuidanceEvent"]):
    def published(self) -> GuidanceEventQuerySet:
        return self.filter(status=EventStatus.PUBLISHED)

    def upcoming(self, now: Any = None) -> GuidanceEventQuerySet:
        return self.filter(ends_at__gte=now or timezone.now())

    def with_seat_counts(self) -> GuidanceEventQuerySet:
        return self.annotate(
            confirmed_count=models.Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
            ),
            waiting_count=models.Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
            ),
        )


class GuidanceEvent(models.Model):
    """A dated event (a workshop, a job fair, an open day) people can register for."""

    provider = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="guidance_events",
        verbose_name=_("organiser"),
    )
    service = models.ForeignKey(
        GuidanceService,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("service"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=ServiceKind.choices)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="guidance_events", blank=True, verbose_name=_("target groups")
    )
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guidance_events",
        verbose_name=_("county"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    is_free = models.BooleanField(_("free of charge"), default=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no registration.")
    )
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.DRAFT,
        db_index=True,
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GuidanceEventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "starts_at"], name="guidance_event_status_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="guidance_event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(is_online=True) | Q(county__isnull=False),
                name="guidance_event_county_or_online",
                violation_error_message=_("Give the county, or mark the event as online."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="guidance_event_capacity_positive",
                violation_error_message=_("An event with registration has at least one place."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("guidance:event_detail", args=[self.pk])

    @property
    def takes_registrations(self) -> bool:
        return self.capacity is not None

    def registration_is_open(self, now: Any = None) -> bool:
        now = now or timezone.now()
        closes = self.registration_closes_at or self.starts_at
        return self.takes_registrations and self.status == EventStatus.PUBLISHED and now < closes


class Registration(models.Model):
    """One person's place (or place in the queue) at an event. The e-mail is the person's key:
    the same address cannot hold two live registrations for one event."""

    event = models.ForeignKey(
        GuidanceEvent,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted at"))
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="guidance_registration_one_per_email",
                violation_error_message=_("This e-mail address is already registered."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} — {self.event}"

    def get_cancel_url(self) -> str:
        return reverse("guidance:registration_cancel", args=[self.token])
