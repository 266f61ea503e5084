"""The two threshold sets the office starts from (their numbers are editable data)."""

from django.db import migrations

from skillshub.labour_market.indicators import DEFAULT_SETS


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    ThresholdSet = apps.get_model("labour_market", "ThresholdSet")
    for spec in DEFAULT_SETS:
        ThresholdSet.objects.get_or_create(
            name=spec["name"],
            version=1,
            defaults={
                "method": str(spec["method"]),
                "params": spec["params"],
                "note": spec["note"],
            },
        )


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    ThresholdSet = apps.get_model("labour_market", "ThresholdSet")
    ThresholdSet.objects.filter(name__in=[s["name"] for s in DEFAULT_SETS], version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("labour_market", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
