from django.utils.translation import gettext as _

from wagtail.admin.forms import WagtailAdminPageForm

from core.forms import live_forms


class HomePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        for form in live_forms(self.formsets["featured_projects"]):
            project = form.cleaned_data.get("project")
            # The page chooser lists pages of every language (wagtail-localize #534).
            if project and project.locale_id != self.instance.locale_id:
                form.add_error("project", _("Choose a project in the same language as this page."))
        return cleaned_data
