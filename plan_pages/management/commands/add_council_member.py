from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wagtail.models import Locale
from wagtail.users.models import UserProfile

from plan_pages.models import LocalAreaPlanPage, LocalCouncil


class Command(BaseCommand):
    help = (
        "Add a person to an area's local council: create or update the user, put them in the "
        "council's group and e-mail them a link to set their password."
    )

    def add_arguments(self, parser):
        parser.add_argument("area_slug", help="The slug of the area's Danish plan page.")
        parser.add_argument("email")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, area_slug, email, first_name, last_name, **options):
        email = email.strip()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not a valid e-mail address.") from error
        council = self.council_for(area_slug)
        user, created = self.ensure_user(email, first_name, last_name)
        user.groups.add(council.group)
        send_set_password_email(user)
        action = "Created" if created else "Updated"
        self.stdout.write(f"{action} {user.username} in {council}; a set-password e-mail was sent.")

    def council_for(self, area_slug):
        plans = LocalAreaPlanPage.objects.filter(locale=Locale.get_default())
        plan = plans.filter(slug=area_slug).first()
        council = plan and LocalCouncil.objects.filter(plan_key=plan.translation_key).first()
        if council is None:
            known = ", ".join(plans.order_by("slug").values_list("slug", flat=True)) or "none"
            raise CommandError(f"No local area has the slug {area_slug!r}. Known areas: {known}.")
        return council

    def ensure_user(self, email, first_name, last_name):
        User = get_user_model()
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            user = User(username=email.lower(), email=email)
            user.set_unusable_password()
        user.is_active = True
        user.first_name = first_name or user.first_name
        user.last_name = last_name or user.last_name
        user.save()
        profile = UserProfile.get_for_user(user)
        if not profile.preferred_language:
            profile.preferred_language = settings.LANGUAGE_CODE
            profile.save()
        return user, created


def send_set_password_email(user):
    """A link to Wagtail's own password form, in the user's admin language."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "url": f"{settings.WAGTAILADMIN_BASE_URL}{path}"}
    language = UserProfile.get_for_user(user).get_preferred_language()
    with translation.override(language):
        subject = render_to_string("emails/council_welcome_subject.txt", context).strip()
        body = render_to_string("emails/council_welcome.txt", context)
    send_mail(subject, body, None, [user.email])
