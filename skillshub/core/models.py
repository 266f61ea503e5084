"""Reference data of the region (TERYT) and of ZSU 2030, and the audit trail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import AuditAction, CommuneKind, CountyKind, EmailStatus, StrategyPart


class Voivodeship(models.Model):
    """A region (województwo), identified by its 2-digit TERYT code."""

    teryt = models.CharField(_("TERYT code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["teryt"]
        verbose_name = _("voivodeship")
        verbose_name_plural = _("voivodeships")

    def __str__(self) -> str:
        return f"województwo {self.name}"


class CountyQuerySet(models.QuerySet["County"]):
    def in_region(self) -> CountyQuerySet:
        return self.filter(voivodeship__teryt=settings.REGION_TERYT)


class County(models.Model):
    """A county (powiat), identified by its 4-digit TERYT code."""

    voivodeship = models.ForeignKey(Voivodeship, on_delete=models.PROTECT, related_name="counties")
    teryt = models.CharField(_("TERYT code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=CountyKind.choices)
    seat = models.CharField(_("seat"), max_length=100, blank=True)

    objects = CountyQuerySet.as_manager()

    class Meta:
        ordering = ["teryt"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        if self.kind == CountyKind.CITY:
            return self.name
        return f"powiat {self.name}"


class Commune(models.Model):
    """A commune (gmina), identified by its 7-digit TERYT code (county + gmina + kind)."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="communes")
    teryt = models.CharField(_("TERYT code"), max_length=7, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=1, choices=CommuneKind.choices)

    class Meta:
        ordering = ["teryt"]
        verbose_name = _("commune")
        verbose_name_plural = _("communes")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class StrategyArea(models.Model):
    """A ZSU 2030 priority area (general part) or area of impact (detailed part)."""

    part = models.CharField(_("part"), max_length=10, choices=StrategyPart.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=300)
    source = models.URLField(_("source"), blank=True)

    class Meta:
        ordering = ["part", "number"]
        verbose_name = _("ZSU 2030 area")
        verbose_name_plural = _("ZSU 2030 areas")
        constraints = [
            models.UniqueConstraint(
                fields=["part", "number"],
                name="core_strategyarea_unique_number",
                violation_error_message=_("This ZSU area number already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class TargetGroup(models.Model):
    """Who an institution or a service serves: pupils, adults 50+, NEET, … Editable by staff."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self) -> str:
        return self.name


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        ct = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=ct, object_id=str(obj.pk))


class AuditEntry(models.Model):
    """Who did what to which object, when, with the before and after values that changed.

    Written only by ``core.services.audit_record``, inside the service's own transaction, so an
    entry exists exactly when the change it describes was committed.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_repr = models.CharField(_("who (as recorded)"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    verb = models.CharField(_("what"), max_length=100, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        what = self.verb or self.action
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {what} {self.object_repr}"

    def get_absolute_url(self) -> str:
        return reverse("core:audit_object", args=[self.content_type_id, self.object_id])

    def change_rows(self) -> list[tuple[str, Any, Any]]:
        return [(field, pair[0], pair[1]) for field, pair in self.changes.items()]


class OutgoingEmailQuerySet(models.QuerySet["OutgoingEmail"]):
    def pending(self) -> OutgoingEmailQuerySet:
        return self.filter(status=EmailStatus.PENDING)

    def failed(self) -> OutgoingEmailQuerySet:
        return self.filter(status=EmailStatus.FAILED)


class OutgoingEmail(models.Model):
    """One e-mail in the outbox.

    Services write the row inside their own transaction and a task delivers it; a failed send
    is retried with back-off and, when the attempts run out, stays here as failed for staff to
    see and resend. Nothing is ever dropped silently.
    """

    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    # [{"filename": ..., "content": <text>, "mimetype": ...}], e.g. an iCalendar invitation.
    attachments = models.JSONField(default=list, blank=True)
    topic = models.CharField(_("topic"), max_length=60, blank=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EmailStatus.choices,
        default=EmailStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"


class SearchEntry(models.Model):
    """One public object (an offer, a service, an event, a news item, …) as the search sees it.

    Written only by ``core.search`` from what the object's app provides (its ``search.py``).
    ``title_terms`` and ``body_terms`` hold normalised tokens (lemmas and folded words),
    ``facet_terms`` the filterable facts as tokens (see ``core.search.facets``); the
    full-text structures over them live outside the ORM: an FTS5 table kept in sync by triggers
    on SQLite, a GIN expression index on PostgreSQL (see the ``search_fts`` migration). A
    change to this table that makes Django's SQLite backend rebuild it drops those triggers:
    re-create them in the same migration.
    """

    kind = models.CharField(_("kind"), max_length=20, db_index=True)
    object_id = models.PositiveBigIntegerField(_("object id"))
    url = models.CharField(_("address"), max_length=500)
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # The filters as tokens (``zzc12``: in county 12, ``zzcall``: region-wide, ``zzf1``: free…),
    # so that the full-text index does the filtering in the same lookup as the words.
    facet_terms = models.TextField(blank=True)
    subkind = models.CharField(_("subkind"), max_length=40, blank=True, db_index=True)
    is_free = models.BooleanField(_("free"), null=True, blank=True)
    is_online = models.BooleanField(_("online"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    counties = models.ManyToManyField(
        County, verbose_name=_("counties"), blank=True, related_name="search_entries"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="search_entries"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                name="core_searchentry_unique_object",
                violation_error_message=_("This object is already in the search index."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"

    def get_absolute_url(self) -> str:
        return self.url
