"""The two roles are Django groups with the permissions their work needs; admins are staff users."""

from django.db import migrations

ROLES = {
    "Reviewers": [
        "view_article",
        "add_article",
        "view_claim",
        "view_label",
        "add_label",
        "change_label",
        "view_evidence",
        "add_evidence",
        "change_evidence",
        "delete_evidence",
        "view_labelevent",
    ],
}
ROLES["Leads"] = ROLES["Reviewers"] + ["change_article", "change_claim"]


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; this migration needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
