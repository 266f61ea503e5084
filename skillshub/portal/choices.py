from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferKind(models.TextChoices):
    SCHOOL_OCCUPATION = "school_occupation", _("vocational school occupation")
    QUALIFICATION_COURSE = "kkz", _("vocational qualification course (KKZ)")
    COURSE = "course", _("course or training")
    STUDIES = "studies", _("studies or postgraduate studies")
    OTHER = "other", _("other")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting approval")
    RETURNED = "returned", _("returned for changes")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")
