from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_delete, post_save


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Redline archive"

    def ready(self):
        from .caching import touch_archive_version

        for model in self.get_models():
            post_save.connect(touch_archive_version, sender=model, dispatch_uid=f"version-{model.__name__}-save")
            post_delete.connect(touch_archive_version, sender=model, dispatch_uid=f"version-{model.__name__}-delete")


class RedlineAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with Redline's site (archive/admin_site.py), named in INSTALLED_APPS."""

    default = False  # "archive" itself is ArchiveConfig
    default_site = "archive.admin_site.RedlineAdminSite"
