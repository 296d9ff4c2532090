"""The Wagtail page form for EventPage: start and end typed on the event's clock."""

from wagtail.admin.forms import WagtailAdminPageForm

from events.local_time import EventTimesMixin, WallClockDateTimeField, to_wall_clock

TIME_FIELDS = ("start", "end")


class EventPageForm(EventTimesMixin, WagtailAdminPageForm):
    """Reads the typed start and end in the event's time zone, not the editor's or the
    server's, and shows stored times on that clock again, so re-saving moves nothing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance_zone = self.instance.time_zone or "UTC"
        for name in TIME_FIELDS:
            generated = self.fields.get(name)
            if generated is None:
                continue
            self.fields[name] = WallClockDateTimeField(
                label=generated.label,
                help_text=generated.help_text,
                required=generated.required,
                widget=generated.widget,
            )
            stored = self.initial.get(name)
            if stored is not None and getattr(stored, "tzinfo", None) is not None:
                self.initial[name] = to_wall_clock(stored, instance_zone)

    def clean(self):
        return self.clean_event_times(super().clean())
