from django.contrib import admin

from .models import AuditEntry, Commune, County, StrategyArea, TargetGroup, Voivodeship

admin.site.register([Voivodeship, County, Commune, StrategyArea, TargetGroup])


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_repr", "action", "verb", "object_repr")
    list_filter = ("action", "content_type")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
