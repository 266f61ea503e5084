"""Personas and shared fixtures. Tests read as sentences: `coordinator`, `outsider`, …"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from skillshub.accounts.choices import Role
from skillshub.accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    # No trained occupation coder unless a test asks for one (the ``occupation_coder`` fixture).
    settings.OCCUPATION_CODER_DIR = str(tmp_path / "models")
    settings.OCCUPATION_CODER_RETRAIN_SAMPLE = 300  # the retrain button trains a small model
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
        },
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.core.cache import caches
    from django.core.cache.backends import locmem

    caches["default"].clear()
    caches["pages"].clear()
    # Every in-memory cache of the process, whatever its LOCATION: a live server thread or a
    # module-scoped fixture may have rendered pages under other settings, and on PostgreSQL a
    # page rendered for an earlier test's rows (other primary keys) must never be served.
    for store in list(locmem._caches.values()):
        store.clear()
    for expiry in list(locmem._expire_info.values()):
        expiry.clear()
    # The search form keeps the counties' (pk, name) in the process for five minutes: each test
    # loads the region again under new primary keys, so an earlier test's choices would offer
    # "powiat żarski" under a key that no longer exists.
    from skillshub.portal import forms_search

    forms_search._choices_cache.clear()


@pytest.fixture
def region(db):  # type: ignore[no-untyped-def]
    """Lubuskie's counties and communes and the ZSU 2030 reference data."""
    call_command("load_region", "08", stdout=None)
    call_command("load_reference", stdout=None)


def _client_for(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def office_admin(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="office-admin", role=Role.OFFICE_ADMIN)


@pytest.fixture
def coordinator(db):  # type: ignore[no-untyped-def]
    """Office staff: runs the registry every day."""
    return UserFactory(username="coordinator", role=Role.OFFICE_STAFF)


@pytest.fixture
def team_member(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="team-member", role=Role.TEAM_MEMBER)


@pytest.fixture
def stakeholder_contact(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="stakeholder-contact", role=Role.INSTITUTION_CONTACT)


@pytest.fixture
def guidance_editor(db):  # type: ignore[no-untyped-def]
    return UserFactory(username="guidance-editor", role=Role.GUIDANCE_EDITOR)


@pytest.fixture
def outsider(db):  # type: ignore[no-untyped-def]
    """Signed in, but with no business here."""
    return UserFactory(username="outsider", role=Role.INSTITUTION_CONTACT)


@pytest.fixture
def coordinator_client(coordinator) -> Client:  # type: ignore[no-untyped-def]
    return _client_for(coordinator)


@pytest.fixture
def admin_client_(office_admin) -> Client:  # type: ignore[no-untyped-def]
    return _client_for(office_admin)


@pytest.fixture
def outsider_client(outsider) -> Client:  # type: ignore[no-untyped-def]
    return _client_for(outsider)


@pytest.fixture
def anonymous_client() -> Client:
    return Client()


# --- The job-ad occupation coder -----------------------------------------------------------------

# Hand-coded ads in the small model the tests train (with every text of the codes drawn).
CODER_SAMPLE = 600


@pytest.fixture(scope="session")
def _small_coder_dir(tmp_path_factory):  # type: ignore[no-untyped-def]
    from skillshub.labour_market.coding.model import OccupationCoder
    from skillshub.labour_market.coding.services import coder_material

    directory = tmp_path_factory.mktemp("coder")
    examples = coder_material(sample=CODER_SAMPLE)
    OccupationCoder.train(examples, seed=2030).save(directory)
    return directory


@pytest.fixture
def occupation_coder(settings, _small_coder_dir, tmp_path):  # type: ignore[no-untyped-def]
    """A small model trained once per test session on a subsample of the shipped material,
    copied into this test's own model directory (so retraining in a test stays in it)."""
    import shutil

    from skillshub.labour_market.coding import runtime

    directory = tmp_path / "models"
    shutil.copytree(_small_coder_dir, directory, dirs_exist_ok=True)
    settings.OCCUPATION_CODER_DIR = str(directory)
    runtime.forget_loaded()
    yield directory
    runtime.forget_loaded()
