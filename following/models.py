"""What following keeps: a follower's address and language, what they follow, the changes
seen on published pages, who is owed which change, and a log of what was sent.

The follower's data is the address, the language, how often they want mail and the
subscriptions (docs/following.md); nothing else about them is stored, and the send log names
no address.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    INSTANT = "instant", _("At once")
    WEEKLY = "weekly", _("A weekly digest")


class Follower(models.Model):
    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    frequency = models.CharField(
        _("how often"), max_length=8, choices=Frequency.choices, default=Frequency.INSTANT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the last confirmation e-mail went out: one at most per CONFIRMATION_INTERVAL, so
    # a stranger cannot flood an address with them.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("follower")

    def __str__(self):
        return f"follower {self.pk}"


class Target(models.TextChoices):
    EVERYTHING = "all", _("Everything in Næstved")
    AREA = "area", _("Local area")
    PROJECT = "project", _("Project")
    GOAL = "goal", _("UN goal")


class Subscription(models.Model):
    """One thing followed: an area or a project (by its pages' translation key, so the Danish
    and English pages are one), a UN goal (by number), or everything."""

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="subscriptions")
    target = models.CharField(max_length=8, choices=Target.choices)
    key = models.CharField(max_length=36, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        constraints = [
            models.UniqueConstraint(
                fields=["follower", "target", "key"], name="one_subscription_per_target"
            )
        ]

    def __str__(self):
        return f"{self.target} {self.key}".strip()


class ChangeKind(models.TextChoices):
    NEW_PROJECT = "new_project", _("New projects")
    PROJECT_STATUS = "project_status", _("Projects that changed status")
    SURVEY_OPENED = "survey_opened", _("Surveys opened")
    SURVEY_CLOSED = "survey_closed", _("Surveys closed")
    ANNUAL_REPORT = "annual_report", _("New annual reports")
    MILESTONE_DONE = "milestone_done", _("Milestones reached")
    PROJECT_UPDATE = "project_update", _("News from the projects")
    MEETING = "meeting", _("Meetings announced")
    OTHER = "other", _("Other news")


class Change(models.Model):
    """Something that happened on a published, public page, recorded once under its `key`."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    area_key = models.CharField(max_length=36, blank=True)
    project_key = models.CharField(max_length=36, blank=True)
    goals = models.JSONField(default=list, blank=True)
    # What the message says beyond the page's title, e.g. the new status (a choice's value).
    detail = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("change")

    def __str__(self):
        return self.key


class Delivery(models.Model):
    """A change owed to one follower: made once per (follower, change), however many of their
    subscriptions the change matches, and marked sent in the transaction that sends it."""

    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="deliveries")
    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["follower", "change"], name="one_delivery_per_change")
        ]

    def __str__(self):
        return f"{self.change} → follower {self.follower_id}"


class MessageKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation")
    INSTANT = "instant", _("At once")
    DIGEST = "digest", _("Weekly digest")


class SendStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")


class SendLogEntry(models.Model):
    """One e-mail sent (or not), once per area it told about. Never an address: a council
    reads its own area's rows, and the figures are all it needs."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=MessageKind.choices)
    area_key = models.CharField(max_length=36, blank=True)
    area_title = models.CharField(_("area"), max_length=255, blank=True)
    changes = models.PositiveIntegerField(_("changes"), default=0)
    status = models.CharField(_("status"), max_length=8, choices=SendStatus.choices)
    error = models.CharField(_("error"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
