"""Redline's admin site: Django's, with autocomplete entries that tell namesakes apart.

The admin's speaker autocomplete showed a bare name, so twenty speakers called "Biden"
looked the same; here each entry says the speaker's role, quote count and slug.
"""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(obj)
        return result


class RedlineAdminSite(admin.AdminSite):
    site_header = "Redline editors"
    site_title = "Redline editors"
    index_title = "The archive"

    def autocomplete_view(self, request):
        return LabelledAutocompleteJsonView.as_view(admin_site=self)(request)
