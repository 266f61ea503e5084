import pytest
from django.core.management import call_command

from skillshub.core.models import Commune, County


@pytest.mark.django_db
def test_load_region_loads_lubuskie_with_real_teryt_codes():
    call_command("load_region", "08")
    assert County.objects.in_region().count() == 14
    assert County.objects.get(teryt="0809").name == "zielonogórski"
    assert County.objects.get(teryt="0812").name == "wschowski"
    assert County.objects.get(teryt="0862").name == "Zielona Góra"
    assert County.objects.get(teryt="0862").kind == "city"
    assert Commune.objects.filter(county__teryt="0811").exists()


@pytest.mark.django_db
def test_load_region_is_idempotent():
    call_command("load_region", "08")
    call_command("load_region", "08")
    assert County.objects.count() == 14


@pytest.mark.django_db
def test_other_regions_load_from_the_380_county_file():
    call_command("load_region", "30")
    assert County.objects.filter(voivodeship__teryt="30").count() == 35
