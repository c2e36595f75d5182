from django.dispatch import receiver

from wagtail.signals import post_page_move

from .models import LocalAreaPlanPage, ProjectPage


@receiver(post_page_move)
def keep_project_plan_in_step(sender, instance, parent_page_after, **kwargs):
    """A move saves a plain Page, not the project, so its plan is updated here."""
    if issubclass(sender, ProjectPage):
        plan_id = (
            parent_page_after.pk if parent_page_after.specific_class is LocalAreaPlanPage else None
        )
        ProjectPage.objects.filter(pk=instance.pk).update(plan_id=plan_id)
