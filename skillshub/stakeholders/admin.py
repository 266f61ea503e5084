from django.contrib import admin

from .models import (
    ConsentRecord,
    ContactPerson,
    ImportRun,
    Institution,
    Interaction,
    JoinApplication,
    Pillar,
)


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ("name", "order")


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "county", "status", "listed_publicly")
    list_filter = ("kind", "status", "county")
    search_fields = ("name", "nip", "regon")
    readonly_fields = ("version",)


admin.site.register([ContactPerson, ConsentRecord, JoinApplication, Interaction, ImportRun])
