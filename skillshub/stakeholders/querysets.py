"""Querysets shared by the apps whose objects an institution provides (learning offers,
guidance services and events): who may list them for editing, in SQL and by the same rule as
``stakeholders.rules.represents_provider``."""

from __future__ import annotations

from typing import Any, Self, TypeVar

from django.db import models

_M = TypeVar("_M", bound=models.Model)


class ProvidedQuerySet(models.QuerySet[_M]):
    """For models with a ``provider`` foreign key to ``Institution``."""

    def editable_by(self, user: Any) -> Self:
        """Staff edit everything; a contact person the objects of the institution they represent
        (an anonymised contact represents nobody), exactly as the permission rule decides."""
        from skillshub.accounts.rules import is_office_staff

        from .rules import represented_institution_id

        if is_office_staff(user):
            return self.all()
        institution_id = represented_institution_id(user)
        if institution_id is None or not getattr(user, "is_active", False):
            return self.none()
        return self.filter(provider_id=institution_id)
