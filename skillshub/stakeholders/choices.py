from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionKind(models.TextChoices):
    SCHOOL = "school", _("school")
    CKZ_CKU = "ckz_cku", _("CKZ / CKU")
    UNIVERSITY = "university", _("university")
    TRAINING_PROVIDER = "training_provider", _("training provider")
    LABOUR_OFFICE = "labour_office", _("labour office (PUP/WUP)")
    OHP = "ohp", _("OHP (Voluntary Labour Corps)")
    EMPLOYER = "employer", _("employer")
    EMPLOYERS_ORGANISATION = "employers_org", _("chamber or employers' organisation")
    TRADE_UNION = "trade_union", _("trade union")
    LOCAL_GOVERNMENT = "local_government", _("local government")
    NGO = "ngo", _("NGO")
    OTHER = "other", _("other")


class InstitutionStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    ARCHIVED = "archived", _("archived")


class LegalBasis(models.TextChoices):
    """RODO art. 6(1) bases the office relies on for contact data."""

    CONSENT = "consent", _("consent (art. 6(1)(a))")
    CONTRACT = "contract", _("contract (art. 6(1)(b))")
    LEGAL_OBLIGATION = "legal_obligation", _("legal obligation (art. 6(1)(c))")
    PUBLIC_TASK = "public_task", _("public task (art. 6(1)(e))")
    LEGITIMATE_INTEREST = "legitimate_interest", _("legitimate interest (art. 6(1)(f))")


class ApplicationStatus(models.TextChoices):
    NEW = "new", _("new")
    INFO_REQUESTED = "info_requested", _("more information requested")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class InteractionKind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    CALL = "call", _("phone call")
    EMAIL = "email", _("e-mail")
    EVENT = "event", _("event")
    OTHER = "other", _("other")
