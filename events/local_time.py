"""Event times on the event's own clock: the one path from what a person types
(in the admin or the public form) to the stored instant, and back.

An event's start and end are typed as wall-clock times where the event takes
place, whatever the time zone of the server or of the person typing. They are
stored as instants (UTC) and shown again on the event's clock.
"""

import calendar
import datetime
import zoneinfo

from django import forms
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    """How much of an event's date is known; anything finer is never shown or exported."""

    DATETIME = "datetime", _("Day and time")
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time as typed, without a time zone.

    Django's field reads the typed time in the active time zone (the server's
    or the admin user's); an event's time belongs to the event's zone, which is
    another field of the same form, so the form applies it (`EventTimesMixin`).
    An offset in the text is ignored: the time is read on the event's clock.
    """

    def prepare_value(self, value):
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.replace(tzinfo=None)
        if isinstance(value, datetime.date):
            return datetime.datetime(value.year, value.month, value.day)
        try:
            result = parse_datetime(value.strip())
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if result is None:
            # The input formats (e.g. the admin widget's "2026-06-12 09:00"), as Django reads them.
            result = forms.fields.BaseTemporalField.to_python(self, value)
        return result.replace(tzinfo=None)


def zone(time_zone):
    return zoneinfo.ZoneInfo(time_zone or "UTC")


def to_instant(wall_clock, time_zone, *, strict=True):
    """The UTC instant of `wall_clock` (naive) in `time_zone`.

    Strict, it raises ValueError for a time the clocks skip (e.g. 02:30 when
    summer time starts): no such moment exists there. A time that happens twice
    (when the clocks go back) is read as the first one.
    """
    tz = zone(time_zone)
    instant = wall_clock.replace(tzinfo=tz).astimezone(datetime.UTC)
    if strict and to_wall_clock(instant, time_zone) != wall_clock:
        raise ValueError(f"{wall_clock:%Y-%m-%d %H:%M} does not exist in {time_zone}")
    return instant


def to_wall_clock(instant, time_zone):
    """The naive wall-clock time of an aware `instant` in `time_zone`, as a person there reads it."""
    return instant.astimezone(zone(time_zone)).replace(tzinfo=None)


def period_bounds(first, last, precision):
    """Naive (start, end) covering the days, months or years `first` and `last` fall in.

    An event known to the day, month or year lasts, as far as anyone knows,
    from the first moment of its first period to the last moment of its last.
    With a known time, the times are kept as they are.
    """
    if precision == DatePrecision.DATETIME:
        return first, last
    start_day, end_day = first.date(), last.date()
    if precision == DatePrecision.MONTH:
        start_day = start_day.replace(day=1)
        end_day = end_day.replace(day=calendar.monthrange(end_day.year, end_day.month)[1])
    elif precision == DatePrecision.YEAR:
        start_day, end_day = start_day.replace(month=1, day=1), end_day.replace(month=12, day=31)
    return (
        datetime.datetime.combine(start_day, datetime.time.min),
        datetime.datetime.combine(end_day, datetime.time.max),
    )


def event_instants(first, last, *, precision, time_zone):
    """The stored (start, end) of an event from its naive first and last wall-clock times."""
    start, end = period_bounds(first, last, precision)
    strict = precision == DatePrecision.DATETIME
    return to_instant(start, time_zone, strict=strict), to_instant(end, time_zone, strict=strict)


ISO_FORMATS = {DatePrecision.DAY: "%Y-%m-%d", DatePrecision.MONTH: "%Y-%m", DatePrecision.YEAR: "%Y"}


def iso_date(instant, time_zone, precision):
    """ISO 8601 as precisely as it is known: "2026-06-12T09:00:00+02:00" (on the
    event's clock, with its offset), "2026-06-12", "2019-06" or "2019"."""
    local = instant.astimezone(zone(time_zone))
    if precision in ISO_FORMATS:
        return local.strftime(ISO_FORMATS[precision])
    return local.isoformat()


class EventTimesMixin:
    """Reads a form's naive `start` and `end` on the clock of its `time_zone`.

    For the admin's page form and the public form alike: after `clean()`,
    `start` and `end` are UTC instants. A form with a `date_precision` field
    has them widened to the whole day, month or year it names.
    """

    def clean_event_times(self, cleaned):
        start, end = cleaned.get("start"), cleaned.get("end")
        time_zone = cleaned.get("time_zone")
        if start is None or end is None or not time_zone:
            return cleaned
        precision = cleaned.get("date_precision") or DatePrecision.DATETIME
        start, end = period_bounds(start, end, precision)
        for name, wall_clock in (("start", start), ("end", end)):
            try:
                # Without a known time, midnight may be skipped (a few zones change clocks then): no matter.
                cleaned[name] = to_instant(wall_clock, time_zone, strict=precision == DatePrecision.DATETIME)
            except ValueError:
                message = _("This time does not exist in %(zone)s: the clocks change then.")
                self.add_error(name, forms.ValidationError(message, params={"zone": time_zone}))
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", forms.ValidationError(_("The event cannot end before it starts.")))
        return cleaned
