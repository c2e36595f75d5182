from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import post_page_move

from .councils import retire_council, sync_council
from .models import LocalAreaPlanPage, UnderPlanPage


@receiver(post_page_move)
def keep_plan_in_step(sender, instance, parent_page_after, **kwargs):
    """A move saves a plain Page, not the project or survey, so its plan is updated here:
    a survey moved to another area must count as that area's, also for who sees its answers."""
    if issubclass(sender, UnderPlanPage):
        is_plan = parent_page_after.specific_class is LocalAreaPlanPage
        sender.objects.filter(pk=instance.pk).update(
            plan_id=parent_page_after.pk if is_plan else None
        )


@receiver(post_save, sender=LocalAreaPlanPage)
def keep_council_in_step(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_council(instance)


@receiver(post_delete, sender=LocalAreaPlanPage)
def retire_council_with_its_plan(sender, instance, **kwargs):
    retire_council(instance)
