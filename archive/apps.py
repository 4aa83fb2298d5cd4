from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Redline archive"

    def ready(self):
        from .caching import touch_archive_version

        for model in self.get_models():
            post_save.connect(touch_archive_version, sender=model, dispatch_uid=f"version-{model.__name__}-save")
            post_delete.connect(touch_archive_version, sender=model, dispatch_uid=f"version-{model.__name__}-delete")
