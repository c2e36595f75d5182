from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.signals import page_published, post_page_move, task_rejected, workflow_approved

from core.middleware import current_request

from .councils import retire_council, sync_council
from .models import LocalAreaPlanPage, ProjectPage, UnderPlanPage
from .progress import record_status


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


def title_and_sender(workflow_state):
    sender = workflow_state.requested_by
    return {
        "title": workflow_state.content_object.get_admin_display_title(),
        "person": (sender.get_full_name() or sender.get_username()) if sender else _("the council"),
    }


@receiver(workflow_approved)
def confirm_approval(sender, instance, user=None, **kwargs):
    """Wagtail says nothing after an approval from the start page, and only "updated" after one
    from the page editor: the editor is told in words what happened."""
    if request := current_request():
        messages.success(
            request, _("“%(title)s” is approved and published.") % title_and_sender(instance)
        )


@receiver(task_rejected)
def confirm_request_for_changes(sender, instance, user=None, **kwargs):
    if request := current_request():
        messages.success(
            request,
            _("“%(title)s” is sent back to %(person)s with your comment, to be changed.")
            % title_and_sender(instance.workflow_state),
        )


@receiver(page_published, sender=ProjectPage)
def record_status_change(sender, instance, **kwargs):
    """A project's status enters its history when residents can see it: on publish, never on a
    draft save (a status waiting for approval has not changed yet)."""
    record_status(instance, instance.last_published_at or timezone.now())
