"""The rights and workflow of translated vocabularies, granted by each app's
migration for its own term models (home.translations.vocabularies says why).

Editors and Moderators may change a vocabulary (its translations only: the
English terms stay the administrators'); Moderators may publish; every term
model is moderated by the site's "Moderation" workflow. Uses the migration's
historical models only, and is idempotent.
"""

WORKFLOW_NAME = "Moderation"


def moderate_vocabularies(apps, app_label, model_names):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    editors = Group.objects.filter(name="Editors").first()
    moderators = Group.objects.filter(name="Moderators").first()
    for name in model_names:
        model = apps.get_model(app_label, name)
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=name)

        def permission(action, model=model, content_type=content_type, name=name):
            found, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{name}",
                defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
            )
            return found

        change, publish = permission("change"), permission("publish")
        if editors is not None:
            editors.permissions.add(change)
        if moderators is not None:
            moderators.permissions.add(change, publish)
        if workflow is not None:
            WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
