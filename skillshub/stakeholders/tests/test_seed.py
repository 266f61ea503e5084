import pytest
from django.core.management import call_command
from django.test import Client

from skillshub.core.models import County
from skillshub.stakeholders.models import ContactPerson, Institution, JoinApplication

pytestmark = pytest.mark.usefixtures("region")


def test_seed_demo_covers_every_county_with_fictional_people():
    call_command("seed_demo")
    assert 140 <= Institution.objects.count() <= 200
    covered = set(Institution.objects.values_list("county__teryt", flat=True))
    assert covered == set(County.objects.in_region().values_list("teryt", flat=True))
    assert not Institution.objects.filter(is_demo=False).exists()
    assert Institution.objects.filter(name="Uniwersytet Zielonogórski", nip="").exists()
    for person in ContactPerson.objects.all():
        assert person.is_demo and person.email.endswith("@example.invalid")
    assert JoinApplication.objects.count() == 3


def test_seed_demo_if_empty_is_a_no_op_the_second_time():
    call_command("seed_demo", "--if-empty")
    count = Institution.objects.count()
    call_command("seed_demo", "--if-empty")
    assert Institution.objects.count() == count


def test_demo_users_can_log_in():
    call_command("seed_demo")
    for username in ("admin", "biuro", "czlonek", "kontakt", "doradca"):
        assert Client().login(username=username, password="demo"), username


def test_seed_scale_bulk_creates_institutions_contacts_and_areas():
    call_command("seed_scale", "--institutions", "200", "--contacts", "600")
    assert Institution.objects.count() == 200
    assert ContactPerson.objects.count() == 600
    assert Institution.objects.filter(areas__isnull=False).distinct().count() == 200
    assert Institution.objects.filter(name_folded__startswith="skala ").count() == 200
    call_command("seed_scale", "--institutions", "200", "--contacts", "600")
    assert Institution.objects.count() == 200
