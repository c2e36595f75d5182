"""The background work, through django-tasks (the database queue in production).

A task that fails to send leaves its deliveries unsent and logged; the next run (the
`send_following_mail` cron line every five minutes, or the next task) retries them, so a mail
server that is down loses nothing. Sending is idempotent: deliveries are marked sent in the
transaction that sends them, so a retried task finds nothing left to send.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks import default_task_backend, task

from . import sending
from .models import Follower


@task()
def send_confirmation_task(follower_id, language, frequency):
    follower = Follower.objects.filter(pk=follower_id).first()
    if follower is not None:
        sending.send_confirmation(follower, language, frequency)


@task()
def send_instant_messages_task():
    sending.send_instant_messages()


def schedule_instant_sending():
    """Send when the burst's window has passed: a queue that can wait runs it then; the
    immediate backend (development) leaves it to the cron line."""
    if default_task_backend.supports_defer:
        window = timedelta(minutes=settings.FOLLOWING_INSTANT_WINDOW_MINUTES, seconds=5)
        send_instant_messages_task.using(run_after=timezone.now() + window).enqueue()
