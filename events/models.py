import zoneinfo
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from django_countries.fields import CountryField
from django_countries.serializer_fields import CountryField as CountrySerializerField
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers

from events.admin_forms import EventPageForm
from events.local_time import DatePrecision, event_instants, iso_date
from home.blocks import BodyBlock, SourcesBlock
from home.describing import DescribedPage, live_public, organisation
from home.models import Term

TIME_ZONE_CHOICES = [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class EventType(models.TextChoices):
    DIALOGUE = "dialogue", _("Dialogue")
    WEBINAR = "webinar", _("Webinar")
    WORKSHOP = "workshop", _("Workshop")
    CONFERENCE = "conference", _("Conference")
    MEETING = "meeting", _("Meeting")


class EventSeries(Term):
    """A recurring series of events, such as the private-sector dialogue series."""

    class Meta(Term.Meta):
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_eventseries_slug_per_locale")]


class EventIndexPage(DescribedPage, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    per_page = 12

    class Meta:
        verbose_name = _("event index page")

    def get_events(self):
        return (
            EventPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("image", "series")
            .prefetch_related("organisers", "image__renditions")
        )

    def get_context(self, request, *args, **kwargs):
        from events.selectors import event_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(event_listing(index=self, request=request, now=timezone.now()))
        return context

    @path("submit/")
    def submit(self, request):
        from events.views import submit_event

        return submit_event(request, index=self)

    @path("submit/thanks/")
    def submit_thanks(self, request):
        from home.submissions.views import submission_thanks

        return submission_thanks(request, index=self, kind="event")


class EventPage(DescribedPage, Page):
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text=_("Where the event takes place; online events use the organisers' time zone"),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DATETIME,
        help_text=_("What is known of the date: an event known only to the day, month or year shows no more"),
    )
    event_type = models.CharField(_("event type"), max_length=20, choices=EventType.choices)
    series = models.ForeignKey(
        EventSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("series"),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    is_online = models.BooleanField(_("online"), default=False, help_text=_("Held online, fully or in part"))
    online_url = models.URLField(_("online link"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    # Pages, offered from the members only: a member's page lists its events
    # through `events` without either app importing the other.
    organisers = ParentalManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="events",
        limit_choices_to={"content_type__app_label": "directory", "content_type__model": "memberpage"},
        verbose_name=_("organisers (members)"),
    )
    organiser_text = models.CharField(
        _("organisers as credited"),
        max_length=500,
        blank=True,
        help_text=_("The organisers as the event credits them, including those who are not members"),
    )
    intro = models.TextField(_("introduction"), help_text=_("A summary shown in listings and calendars"))
    body = StreamField(BodyBlock(), blank=True)
    image = models.ForeignKey("home.HubImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    topics = ParentalManyToManyField("home.Topic", blank=True, related_name="events")
    resources = StreamField(
        BodyBlock(),
        blank=True,
        help_text=_("Slides, recordings and reports, added after the event"),
    )
    sources = StreamField(SourcesBlock(), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("time_zone"), FieldPanel("date_precision")]),
            ],
            heading=_("When"),
        ),
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("series")]),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    place_panels = [
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldPanel("is_online"),
        FieldPanel("online_url"),
        FieldPanel("registration_url"),
    ]
    people_panels = [
        FieldPanel("organisers"),
        FieldPanel("organiser_text"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    after_panels = [FieldPanel("resources"), FieldPanel("sources")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(place_panels, heading=_("Place and registration")),
            ObjectList(people_panels, heading=_("Organisers and topics")),
            ObjectList(after_panels, heading=_("Resources and sources")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("city"),
        index.SearchField("organiser_text"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("event_type"),
        index.FilterField("series"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = [
        # As precisely as known, on the event's clock: "2026-06-12T09:00:00+02:00", "2019-06" or "2019".
        APIField("start", serializer=serializers.CharField(source="start_iso", read_only=True)),
        APIField("end", serializer=serializers.CharField(source="end_iso", read_only=True)),
        APIField("time_zone"),
        APIField("date_precision"),
        APIField("event_type"),
        APIField("series"),
        APIField("venue"),
        APIField("city"),
        # {"code": "FR", "name": "France"}, or null when no country is set.
        APIField("country", serializer=CountrySerializerField(country_dict=True, allow_null=True, read_only=True)),
        APIField("is_online"),
        APIField("online_url"),
        APIField("registration_url"),
        APIField("organisers"),
        APIField("organiser_text"),
        APIField("intro"),
        APIField("body"),
        APIField("image"),
        APIField("topics"),
        APIField("resources"),
        APIField("sources"),
    ]

    base_form_class = EventPageForm
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    vocabulary_fields = ("intro", "city", "venue")

    class Meta:
        verbose_name = _("event page")

    # For code that names this model only by its label (the demo loader in home).
    instants = staticmethod(event_instants)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone or "UTC")

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tz)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tz)

    @property
    def has_time(self):
        return self.date_precision == DatePrecision.DATETIME

    @property
    def in_calendar(self):
        # A calendar entry needs a day: one known only to the month or year has none (events/ical.py).
        return self.date_precision in (DatePrecision.DATETIME, DatePrecision.DAY)

    @property
    def start_iso(self):
        return iso_date(self.start, self.time_zone, self.date_precision)

    @property
    def end_iso(self):
        return iso_date(self.end, self.time_zone, self.date_precision)

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()

    @property
    def location_label(self):
        parts = [self.venue, self.city, self.country.name if self.country else ""]
        return ", ".join(part for part in parts if part)

    @cached_property
    def visible_organisers(self):
        # Read by the page and by its JSON-LD: once.
        return live_public(self.organisers)

    def search_result_date(self):
        # The day in the event's own time zone: a datetime would be shown in the
        # site's (UTC), a day early or late near midnight.
        return self.local_start.date()

    def structured_data(self, *, url, publisher, image=None, request=None):
        location = []
        if self.venue or self.city or self.country:
            address = {"@type": "PostalAddress"}
            if self.city:
                address["addressLocality"] = self.city
            if self.country:
                address["addressCountry"] = self.country.code
            name = self.venue or self.city or self.country.name
            location.append({"@type": "Place", "name": name, "address": address})
        if self.is_online:
            location.append({"@type": "VirtualLocation", "url": self.online_url or url})
        if self.is_online and len(location) > 1:
            mode = "https://schema.org/MixedEventAttendanceMode"
        elif self.is_online:
            mode = "https://schema.org/OnlineEventAttendanceMode"
        else:
            mode = "https://schema.org/OfflineEventAttendanceMode"
        data = {
            "@type": "Event",
            "name": self.title,
            # As precisely as known, on the event's clock: "2026-06-12T09:00:00+02:00", "2019-06", "2019".
            "startDate": self.start_iso,
            "endDate": self.end_iso,
            "eventAttendanceMode": mode,
            "eventStatus": "https://schema.org/EventScheduled",
            "organizer": [organisation(m.title, m.full_url) for m in self.visible_organisers] or publisher,
        }
        if location:
            data["location"] = location[0] if len(location) == 1 else location
        if self.registration_url:
            data["offers"] = {"@type": "Offer", "url": self.registration_url, "price": "0", "priceCurrency": "EUR"}
        return data

    @classmethod
    def home_page_section(cls, *, home, now):
        events = (
            cls.objects.live()
            .public()
            .descendant_of(home)
            .select_related("image")
            .prefetch_related("image__renditions")
        )
        upcoming = list(events.filter(end__gte=now).order_by("start")[:3])
        return {
            "upcoming_events": upcoming,
            # With nothing upcoming, the home page shows the latest past events instead.
            "past_events": [] if upcoming else list(events.filter(end__lt=now).order_by("-start")[:3]),
        }
