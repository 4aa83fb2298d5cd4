"""Quotes an editor has reviewed (the review queue holds the others), and speaker merges
recorded so that they can be undone; the Editors group may see the merges."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def editors_see_merges(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(content_type__app_label="archive", codename="view_mergerecord")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0008_quote_confidence"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="quote",
            name="reviewed_at",
            field=models.DateTimeField(
                blank=True, help_text="When an editor accepted or rejected it; empty: in the review queue.", null=True
            ),
        ),
        migrations.AddField(
            model_name="quote",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.CreateModel(
            name="MergeRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("survivor_name", models.CharField(max_length=300)),
                (
                    "merged_names",
                    models.CharField(help_text="The speakers folded in, as they were named.", max_length=1000),
                ),
                ("moved", models.JSONField()),
                ("merged_at", models.DateTimeField(auto_now_add=True)),
                ("undone_at", models.DateTimeField(blank=True, null=True)),
                (
                    "merged_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="speaker_merges",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "survivor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="merges",
                        to="archive.speaker",
                    ),
                ),
                (
                    "undone_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "speaker merge", "ordering": ["-merged_at", "-pk"]},
        ),
        migrations.RunPython(editors_see_merges, migrations.RunPython.noop),
    ]
