from django.db import migrations

PILLARS = [
    "oświata",
    "gospodarka",
    "zarządzanie strategiczne",
    "fundusze europejskie",
    "dialog społeczny",
]


def create(apps, schema_editor):
    Pillar = apps.get_model("stakeholders", "Pillar")
    for order, name in enumerate(PILLARS):
        Pillar.objects.get_or_create(name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
