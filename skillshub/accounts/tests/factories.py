from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from skillshub.accounts.choices import Role
from skillshub.accounts.models import User

# Obviously fictional people: the demo must never look like a real person's data.
FICTIONAL_FIRST = ["Demo", "Testowa", "Przykładowy", "Fikcyjna", "Próbny", "Wzorcowa"]
FICTIONAL_LAST = ["Użytkownik", "Osoba", "Kontakt", "Demonstracyjna", "Przykład", "Testowy"]


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"demo-user-{n}")
    first_name = factory.Iterator(FICTIONAL_FIRST)
    last_name = factory.Sequence(lambda n: f"{FICTIONAL_LAST[n % len(FICTIONAL_LAST)]} {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    role = Role.INSTITUTION_CONTACT
    is_demo = True
    password = factory.django.Password("demo-password-123")
