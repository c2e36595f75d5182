"""Signed links: nothing about a follower is in a link but a signed number.

A confirmation link expires after CONFIRMATION_DAYS and carries the language and frequency
chosen in the form, applied only when the owner of the address clicks it. The links to manage
and to unsubscribe do not expire; they die with the follower (a new follower is a new number).
"""

from django.conf import settings
from django.core import signing

CONFIRM = "following.confirm"
MANAGE = "following.manage"
UNSUBSCRIBE = "following.unsubscribe"


def confirmation_token(follower, subscription_ids, language, frequency) -> str:
    data = {"f": follower.pk, "s": sorted(subscription_ids), "l": language, "q": frequency}
    return signing.dumps(data, salt=CONFIRM, compress=True)


def read_confirmation(token):
    """The signed data, or None when the link is tampered with or expired."""
    max_age = settings.FOLLOWING_CONFIRMATION_DAYS * 24 * 3600
    try:
        return signing.loads(token, salt=CONFIRM, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired too
        return None


def follower_token(follower, salt=MANAGE) -> str:
    return signing.dumps(follower.pk, salt=salt)


def read_follower_token(token, salt=MANAGE):
    try:
        return signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
