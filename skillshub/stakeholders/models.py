"""The stakeholder network: institutions, their contact people and consents, the public
applications to join, and the log of the office's interactions with them."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from skillshub.core.models import Commune, County, StrategyArea, TargetGroup

from .choices import (
    ApplicationStatus,
    InstitutionKind,
    InstitutionStatus,
    InteractionKind,
    LegalBasis,
)
from .validators import validate_krs, validate_nip, validate_regon


class Pillar(models.Model):
    """A WZK pillar (filar) or sector: education, economy, … Editable by staff."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")

    def __str__(self) -> str:
        return self.name


def fold(text: str) -> str:
    """Lower-case, whitespace-normalised text for case-insensitive matching on every backend.

    SQLite's LIKE folds only ASCII, so "ŻARY" would not match "żary"; we store a folded copy.
    """
    return " ".join(text.casefold().split())


class InstitutionQuerySet(models.QuerySet["Institution"]):
    def active(self) -> InstitutionQuerySet:
        return self.filter(status=InstitutionStatus.ACTIVE)

    def listed(self) -> InstitutionQuerySet:
        """What the public may see: active institutions that agreed to be listed."""
        return self.active().filter(listed_publicly=True)

    def visible_to(self, user: object) -> InstitutionQuerySet:
        from skillshub.accounts.rules import is_office_staff

        if is_office_staff(user):
            return self.all()
        return self.listed()

    def search(self, text: str) -> InstitutionQuerySet:
        q = fold(text)
        if not q:
            return self
        return self.filter(Q(name_folded__contains=q) | Q(short_name__icontains=text.strip()))


class Institution(models.Model):
    """An institution in the region's lifelong-learning network."""

    name = models.CharField(_("name"), max_length=300)
    name_folded = models.CharField(max_length=300, editable=False, db_index=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=InstitutionKind.choices)
    pillar = models.ForeignKey(
        Pillar,
        verbose_name=_("sector or pillar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="institutions",
    )
    nip = models.CharField(
        _("NIP"), max_length=10, blank=True, validators=[validate_nip], db_index=True
    )
    regon = models.CharField(
        _("REGON"), max_length=14, blank=True, validators=[validate_regon], db_index=True
    )
    krs = models.CharField(_("KRS"), max_length=10, blank=True, validators=[validate_krs])
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    county = models.ForeignKey(
        County, verbose_name=_("county"), on_delete=models.PROTECT, related_name="institutions"
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="institutions",
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    areas = models.ManyToManyField(
        StrategyArea,
        verbose_name=_("areas of interest (ZSU areas of impact)"),
        blank=True,
        related_name="institutions",
        limit_choices_to={"part": "detailed"},
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups served"), blank=True, related_name="+"
    )
    description = models.TextField(_("description"), blank=True)
    listed_publicly = models.BooleanField(
        _("listed in the public directory"),
        default=False,
        help_text=_("Only institutions that agreed to be listed appear in the public directory."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InstitutionStatus.choices,
        default=InstitutionStatus.ACTIVE,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name_folded", "id"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.UniqueConstraint(
                fields=["nip"],
                condition=~Q(nip=""),
                name="stakeholders_institution_unique_nip",
                violation_error_message=_("An institution with this NIP already exists."),
            ),
            models.UniqueConstraint(
                fields=["regon"],
                condition=~Q(regon=""),
                name="stakeholders_institution_unique_regon",
                violation_error_message=_("An institution with this REGON already exists."),
            ),
        ]
        # The directory: the public list in name order, and its most used filter, the kind.
        indexes = [
            models.Index(fields=["status", "listed_publicly", "name_folded"]),
            models.Index(fields=["kind", "status", "listed_publicly", "name_folded"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_folded = fold(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_folded"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("stakeholders:institution_detail", args=[self.pk])

    @property
    def is_archived(self) -> bool:
        return self.status == InstitutionStatus.ARCHIVED


class ContactPersonQuerySet(models.QuerySet["ContactPerson"]):
    def current(self) -> ContactPersonQuerySet:
        return self.filter(anonymised_at__isnull=True)


class ContactPerson(models.Model):
    """A person the office works with at an institution. Personal data under RODO."""

    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    position = models.CharField(_("role at the institution"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_person",
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("stakeholders:contact_detail", args=[self.pk])


class ConsentRecord(models.Model):
    """The legal basis or consent for holding a contact's data: what, when, by whom, until."""

    contact = models.ForeignKey(
        ContactPerson, on_delete=models.CASCADE, related_name="consents", verbose_name=_("person")
    )
    basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    scope = models.CharField(
        _("what was agreed"),
        max_length=300,
        help_text=_("e.g. contact about WZK matters; newsletter; listing in the directory"),
    )
    given_at = models.DateTimeField(_("given at"))
    source = models.CharField(
        _("how it was given"), max_length=200, blank=True, help_text=_("form, letter, e-mail…")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("consent or legal basis")
        verbose_name_plural = _("consents and legal bases")

    def __str__(self) -> str:
        return f"{self.get_basis_display()}: {self.scope}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class JoinApplication(models.Model):
    """A public application from an institution that wants to join the network."""

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.NEW,
        db_index=True,
    )
    # The form carries this key; a second submission of the same form finds the first.
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    institution_name = models.CharField(_("institution name"), max_length=300)
    kind = models.CharField(
        _("kind of institution"), max_length=30, choices=InstitutionKind.choices
    )
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    krs = models.CharField(_("KRS"), max_length=10, blank=True, validators=[validate_krs])
    county = models.ForeignKey(
        County, verbose_name=_("county"), on_delete=models.PROTECT, related_name="+"
    )
    city = models.CharField(_("town"), max_length=100)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    website = models.URLField(_("website"), blank=True)
    areas = models.ManyToManyField(
        StrategyArea, verbose_name=_("areas of interest"), blank=True, related_name="+"
    )
    contact_first_name = models.CharField(_("first name"), max_length=100)
    contact_last_name = models.CharField(_("last name"), max_length=100)
    contact_position = models.CharField(_("role at the institution"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    message = models.TextField(_("how would you like to cooperate?"), blank=True)
    consent_contact = models.BooleanField(_("consent to be contacted"), default=False)
    consent_listing = models.BooleanField(_("consent to be listed publicly"), default=False)
    decision_note = models.TextField(_("note to the applicant"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    submitted_from = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application to join")
        verbose_name_plural = _("applications to join")

    def __str__(self) -> str:
        return self.institution_name

    def get_absolute_url(self) -> str:
        return reverse("stakeholders:application_detail", args=[self.pk])


class Interaction(models.Model):
    """A meeting, call, e-mail or event between the office and an institution."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="interactions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InteractionKind.choices)
    date = models.DateField(_("date"))
    subject = models.CharField(_("subject"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contacts = models.ManyToManyField(
        ContactPerson, verbose_name=_("people involved"), blank=True, related_name="interactions"
    )
    follow_up = models.CharField(_("follow-up"), max_length=300, blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("stakeholders:institution_detail", args=[self.institution_id]) + "#timeline"


class ImportRun(models.Model):
    """One bulk import of institutions: what file, what it did, who ran it."""

    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    rows_total = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"
