from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "following"
urlpatterns = [
    path(_("follow/"), views.follow, name="follow"),
    path(_("follow/check-your-email/"), views.asked, name="asked"),
    path(_("follow/confirm/<str:token>/"), views.confirm_view, name="confirm"),
    path(_("follow/manage/<str:token>/"), views.manage, name="manage"),
    path(_("follow/unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
    path(_("follow/deleted/"), views.gone, name="gone"),
]
