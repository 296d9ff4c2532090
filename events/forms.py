"""The public event form (/events/submit/)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from events.local_time import EventTimesMixin, WallClockDateTimeField
from events.models import TIME_ZONE_CHOICES, EventSeries, EventType
from home.models import Topic
from home.submissions.forms import PublicSubmissionForm, TermChoiceField


class EventSubmissionForm(EventTimesMixin, PublicSubmissionForm):
    name_fields = ("title", "organiser_text", "venue", "city", "submitter_name", "submitter_organisation")

    title = forms.CharField(label=_("Name of the event"), max_length=255)
    event_type = forms.ChoiceField(
        label=_("Kind of event"), choices=[("", _("Choose a kind"))] + list(EventType.choices)
    )
    start = WallClockDateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Local time where the event takes place."),
    )
    end = WallClockDateTimeField(
        label=_("Ends"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Local time where the event takes place."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES, initial="UTC")
    series = forms.ModelChoiceField(EventSeries.objects.live(), label=_("Part of a series (optional)"), required=False)
    intro = forms.CharField(
        label=_("Summary"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences shown in listings and calendars."),
    )
    organiser_text = forms.CharField(label=_("Organisers"), max_length=500)
    venue = forms.CharField(label=_("Venue (optional)"), max_length=255, required=False)
    city = forms.CharField(label=_("City (optional)"), max_length=120, required=False)
    country = forms.ChoiceField(
        label=_("Country (optional)"), required=False, choices=[("", _("Choose a country"))] + list(countries)
    )
    is_online = forms.BooleanField(label=_("Held online, fully or in part"), required=False)
    online_url = forms.URLField(label=_("Online link (optional)"), required=False, assume_scheme="https")
    registration_url = forms.URLField(label=_("Registration link (optional)"), required=False, assume_scheme="https")
    topics = TermChoiceField(Topic.objects.all(), label=_("Topics"))

    def clean(self):
        # The times are local to the event's time zone, whatever the site's is.
        cleaned = self.clean_event_times(super().clean())
        if cleaned.get("is_online") is False and not (cleaned.get("city") or cleaned.get("venue")):
            self.add_error("city", forms.ValidationError(_("Give the city or venue, or tick 'Held online'.")))
        return cleaned
