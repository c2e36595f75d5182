"""Helpers for the admin's page forms and their inline formsets."""


def live_forms(formset):
    """The inline forms that will be saved: filled in and not marked for deletion."""
    formset.is_valid()
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


def duplicates(values):
    """The values that occur more than once, in the order they first repeat."""
    seen, repeated = set(), []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated
