"""Residents registered for a meeting are told when it is cancelled: on publishing, since a
draft that ticks "cancelled" changes nothing a resident sees."""

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published

from .models import MeetingPage
from .registrations import enqueue_cancellation_notices


@receiver(page_published, sender=MeetingPage)
def tell_registered_residents_of_cancellation(sender, instance, **kwargs):
    if instance.cancelled:
        transaction.on_commit(lambda: enqueue_cancellation_notices(instance))
