from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OfferKind(models.TextChoices):
    SCHOOL_OCCUPATION = "school_occupation", _("vocational school occupation")
    QUALIFICATION_COURSE = "kkz", _("vocational qualification course (KKZ)")
    COURSE = "course", _("course or training")
    STUDIES = "studies", _("studies or postgraduate studies")
    OTHER = "other", _("other")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("offer status", "draft")
    SUBMITTED = "submitted", pgettext_lazy("offer status", "awaiting approval")
    RETURNED = "returned", pgettext_lazy("offer status", "returned for changes")
    PUBLISHED = "published", pgettext_lazy("offer status", "published")
    ARCHIVED = "archived", pgettext_lazy("offer status", "archived")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("publication status", "draft")
    PUBLISHED = "published", pgettext_lazy("publication status", "published")
    ARCHIVED = "archived", pgettext_lazy("publication status", "archived")
