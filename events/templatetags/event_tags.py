"""How an event's dates read on pages and cards: only as precisely as they are known."""

from django import template
from django.utils.formats import date_format

from events.local_time import DatePrecision
from home.templatetags.hub_tags import precise_date

register = template.Library()


@register.simple_tag
def event_dates(event):
    """The event's dates on its own clock, never finer than its `date_precision`.

    "25 June 2018, 14:00–16:00", "25 June 2018, 14:00 – 26 June 2018, 16:00",
    "25 June 2018", "1 December 2016 – 3 December 2016", "June 2019" or "2019".
    """
    start, end = event.local_start, event.local_end
    precision = event.date_precision or DatePrecision.DATETIME
    if precision != DatePrecision.DATETIME:
        first, last = precise_date(start, precision), precise_date(end, precision)
        return first if first == last else f"{first} – {last}"
    if start.date() == end.date():
        return f"{date_format(start, 'DATE_FORMAT')}, {date_format(start, 'H:i')}–{date_format(end, 'H:i')}"
    first, last = (f"{date_format(moment, 'DATE_FORMAT')}, {date_format(moment, 'H:i')}" for moment in (start, end))
    return f"{first} – {last}"
