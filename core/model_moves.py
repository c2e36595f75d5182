"""Moving models between our apps without losing a row, for the apps' migrations.

A model keeps its content type row, renamed to its new app: pages, revisions, permissions,
translation sources and the reference index all point at that row by id, so they follow.
"""

from django.core.management.color import no_style


def rename_content_types(apps, old_app, new_app, model_names):
    """Give the content types of `model_names` the label `new_app`. A content type already
    made for the new app (by an earlier `migrate`) holds nothing yet and is removed first."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for name in model_names:
        old = ContentType.objects.filter(app_label=old_app, model=name).first()
        if old is None:
            continue
        ContentType.objects.filter(app_label=new_app, model=name).delete()
        old.app_label = new_app
        old.save(update_fields=["app_label"])


def copy_rows(old_model, new_model, connection):
    """Copy every row of `old_model` into `new_model` (same columns, same primary keys)."""
    fields = [field.attname for field in new_model._meta.concrete_fields]
    new_model.objects.bulk_create(
        new_model(**{name: getattr(row, name) for name in fields})
        for row in old_model.objects.order_by("pk")
    )
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [new_model]):
            cursor.execute(sql)
