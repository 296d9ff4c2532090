from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework import serializers

from directory.models.responsibility import DataResponsibilityRecord
from home.blocks import BodyBlock, SourcesBlock
from home.describing import DescribedPage
from home.licences import data_licence

# What an entry's card shows beside its own fields: tags, picture, locator map.
CARD_PREFETCH = ("data_sources", "image__renditions", "country_links", "regions")
YEAR_VALIDATORS = [MinValueValidator(1950), MaxValueValidator(2100)]


class EntryStatus(models.TextChoices):
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    UNKNOWN = "unknown", _("Not known")


class YearBasis(models.TextChoices):
    START = "start", _("Start year")
    PUBLICATION = "publication", _("First publication")


class TypeAssignedBy(models.TextChoices):
    GOVLAB = "govlab", _("The GovLab")
    EDITORIAL = "editorial", _("BD4M editors")
    SUBMITTER = "submitter", _("the person who submitted it")
    # A public submission that left the type blank: nobody has said whether data crossed sectors.
    NOT_STATED = "not_stated", _("nobody yet (not stated)")


class DirectoryEntryForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("year_started"), cleaned.get("year_ended")
        if started and ended and ended < started:
            self.add_error("year_ended", ValidationError(_("The end year cannot be before the start year.")))
        return cleaned

    def save(self, commit=True):
        from directory.regions import regions_for_countries

        page = super().save(commit=False)
        codes = [
            str(form.cleaned_data["country"])
            for form in self.formsets["country_links"].forms
            if form.cleaned_data.get("country") and not form.cleaned_data.get("DELETE")
        ]
        page.regions = list({*page.regions.all(), *regions_for_countries(codes, page.locale_id)})
        if commit:
            page.save()
        return page


class TermNamesSerializer(serializers.Field):
    """Taxonomy terms in the API as readable values, not ids."""

    def to_representation(self, value):
        return [{"slug": term.slug, "name": term.name} for term in value.all()]


class DirectoryEntryPage(DescribedPage, DataResponsibilityRecord, Page):
    summary = models.TextField(_("summary"), help_text=_("Two to four sentences: what was done, with what data, why"))
    body = StreamField(BodyBlock(), blank=True)
    image = models.ForeignKey("home.HubImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    year_started = models.PositiveSmallIntegerField(
        _("year started"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    year_basis = models.CharField(
        _("year basis"),
        max_length=12,
        choices=YearBasis.choices,
        default=YearBasis.START,
        help_text=_("For research, the year of first publication"),
    )
    year_ended = models.PositiveSmallIntegerField(_("year ended"), null=True, blank=True, validators=YEAR_VALIDATORS)
    status = models.CharField(_("status"), max_length=12, choices=EntryStatus.choices, default=EntryStatus.UNKNOWN)

    data_sources = ParentalManyToManyField(
        "directory.DataSource", blank=True, related_name="entries", verbose_name=_("data sources")
    )
    methods = ParentalManyToManyField("directory.Method", blank=True, related_name="entries", verbose_name=_("methods"))
    value_propositions = ParentalManyToManyField(
        "directory.ValueProposition", blank=True, related_name="entries", verbose_name=_("value propositions")
    )
    collaborative_type = models.ForeignKey(
        "directory.CollaborativeType",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
        verbose_name=_("collaborative type"),
        help_text=_("Leave empty when no data crosses sectors"),
    )
    collaborative_type_assigned_by = models.CharField(
        _("type assigned by"), max_length=12, choices=TypeAssignedBy.choices, default=TypeAssignedBy.EDITORIAL
    )
    topics = ParentalManyToManyField("home.Topic", blank=True, related_name="directory_entries")
    regions = ParentalManyToManyField(
        "directory.Region",
        blank=True,
        related_name="entries",
        verbose_name=_("regions"),
        help_text=_("Filled in from the countries on save; add 'Global' for worldwide work"),
    )
    questions = ParentalManyToManyField(
        "directory.PriorityQuestion",
        blank=True,
        related_name="entries",
        verbose_name=_("priority questions addressed"),
    )

    # The notes of the data responsibility record (directory/models/responsibility.py).
    data_responsibility = RichTextField(
        _("notes on data responsibility"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("What the sources say about how data were protected, in their words"),
    )
    legal_technical_arrangement = RichTextField(
        _("notes on the legal and technical arrangement"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    impact_measurement = RichTextField(_("impact measurement"), blank=True, features=["bold", "italic", "link", "ul"])
    authors = models.TextField(_("authors"), blank=True, help_text=_("Authors of the cited work, one per line"))
    listed_in = models.CharField(
        _("also listed in"), max_length=255, blank=True, help_text=_("Other catalogues that document this work")
    )
    sources = StreamField(SourcesBlock(), blank=True)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the data stewards approve their review step"),
    )

    base_form_class = DirectoryEntryForm
    exclude_fields_in_copy = ["last_reviewed"]  # a copy has not been reviewed

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year_started"), FieldPanel("year_basis")]),
                FieldRowPanel([FieldPanel("year_ended"), FieldPanel("status")]),
            ],
            heading=_("Dates"),
        ),
    ]
    classification_panels = [
        FieldPanel("data_sources", widget=forms.CheckboxSelectMultiple),
        FieldPanel("methods", widget=forms.CheckboxSelectMultiple),
        FieldPanel("value_propositions", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("collaborative_type"), FieldPanel("collaborative_type_assigned_by")]),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel(
            "questions",
            help_text=_(
                "Only the questions this work itself answers: each link counts in the evidence gap map on "
                "the priority questions page"
            ),
        ),
    ]
    place_panels = [
        InlinePanel("country_links", label=_("Countries")),
        FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
    ]
    people_panels = [InlinePanel("organisation_links", label=_("Organisations")), FieldPanel("authors")]
    responsibility_panels = DataResponsibilityRecord.record_panels + [
        FieldPanel("data_responsibility"),
        FieldPanel("legal_technical_arrangement"),
        FieldPanel("impact_measurement"),
    ]
    sources_panels = [FieldPanel("sources"), FieldPanel("listed_in")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(classification_panels, heading=_("Classification")),
            ObjectList(place_panels, heading=_("Places")),
            ObjectList(people_panels, heading=_("Organisations")),
            ObjectList(responsibility_panels, heading=_("Data responsibility")),
            ObjectList(sources_panels, heading=_("Sources")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.AutocompleteField("summary"),
        index.SearchField("body"),
        index.SearchField("data_responsibility"),
        index.SearchField("authors"),
        index.FilterField("year_started"),
        index.FilterField("status"),
        index.FilterField("collaborative_type"),
        index.FilterField("personal_data"),
        index.FilterField("sharing_level"),
        index.FilterField("sensitivity"),
        index.RelatedFields("data_sources", [index.SearchField("name")]),
        index.RelatedFields("methods", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("organisation_links", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("image"),
        APIField("year_started"),
        APIField("year_basis"),
        APIField("year_ended"),
        APIField("status"),
        APIField("data_sources", serializer=TermNamesSerializer(read_only=True)),
        APIField("methods", serializer=TermNamesSerializer(read_only=True)),
        APIField("value_propositions", serializer=TermNamesSerializer(read_only=True)),
        APIField("collaborative_type", serializer=serializers.StringRelatedField(read_only=True)),
        APIField("topics", serializer=TermNamesSerializer(read_only=True)),
        APIField("regions", serializer=TermNamesSerializer(read_only=True)),
        APIField("country_codes"),
        APIField("organisation_links"),
        APIField("data_responsibility"),
        *DataResponsibilityRecord.record_api_fields,
        APIField("protections", serializer=TermNamesSerializer(read_only=True)),
        APIField("arrangements", serializer=TermNamesSerializer(read_only=True)),
        APIField("legal_technical_arrangement"),
        APIField("impact_measurement"),
        APIField("sources"),
        APIField("last_reviewed"),
        APIField("licence"),
    ]

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = []

    summary_fields = ("summary",)
    vocabulary_fields = ("summary",)
    vocabulary_relations = ("data_sources", "methods", "value_propositions", "topics")

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")

    def permissions_for_user(self, user):
        """Publishing waits for the data stewards' review (directory/entry_permissions.py)."""
        from directory.entry_permissions import EntryPermissionTester

        return EntryPermissionTester(user, self)

    def with_content_json(self, content):
        # The review date belongs to the page, not to a draft: publishing a revision
        # saved before the stewards' approval keeps it (directory/stewardship.py).
        page = super().with_content_json(content)
        page.last_reviewed = self.last_reviewed
        return page

    @classmethod
    def search_suggestions(cls):
        """The countries the live entries cover, by name in the current language."""
        from directory.selectors import entry_country_names

        return entry_country_names()

    def embedding_text(self):
        # The countries by name: a query says "Haiti", never "HT".
        countries = ", ".join(str(link.country.name) for link in self.country_links.all())
        return ". ".join(part for part in (super().embedding_text(), countries) if part)

    @property
    def licence(self):
        """The open licence of the directory's data (a site setting), for the API."""
        return data_licence(self.get_site()).as_dict()

    @property
    def country_codes(self):
        return [link.country.code for link in self.country_links.all()]

    @cached_property
    def locator(self):
        """Where the entry is, for a card or page without a photo (directory.maps.entry_locator)."""
        from directory.maps import entry_locator

        return entry_locator(self)

    @cached_property
    def relations(self):
        """The organisations and countries the page shows, with its taxonomy
        prefetched for the key facts and the JSON-LD (directory.selectors.entry_relations).

        Read by the template inside its cached content fragment and by
        `structured_data`, so the page rendered again under the same content
        version (a URL the page cache has not seen, such as a new query string)
        runs none of these queries.
        """
        from directory.selectors import entry_relations

        return entry_relations(self)

    def structured_data(self, *, url, publisher, image=None, request=None):
        def names(related):
            return [str(item) for item in related.all()]

        self.relations  # noqa: B018 - one prefetch shared with the key facts
        sources, topics = names(self.data_sources), names(self.topics)
        data = {
            "@type": "CreativeWork",
            "name": self.title,
            "about": sources + topics,
            "keywords": ", ".join(sources + names(self.methods) + topics),
            "spatialCoverage": [
                {"@type": "Country", "name": link.country.name, "identifier": link.country.code}
                for link in self.country_links.all()
            ],
            "creator": [{"@type": "Organization", "name": link.name} for link in self.organisation_links.all()],
            "publisher": publisher,
            "isPartOf": {"@type": "Dataset", "name": "BD4M Data Innovation Directory"},
        }
        if self.year_started:
            data["temporalCoverage"] = f"{self.year_started}/{self.year_ended or '..'}"
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        return data

    @classmethod
    def home_page_section(cls, *, home, now):
        """The entries the home page features, or the three newest when it features none,
        and the directory's key figures and data-source entry points."""
        from directory.selectors import directory_home_figures

        live_entries = (
            cls.objects.live().public().descendant_of(home).select_related("image").prefetch_related(*CARD_PREFETCH)
        )
        featured = list(live_entries.filter(pk__in=home.featured_entries.values("entry_id")))
        return {
            "featured_entries": featured or list(live_entries.order_by("-year_started")[:3]),
            **directory_home_figures(home=home),
        }


class EntryCountry(Orderable):
    """One country an entry applies to: a row each, so filters and facets stay in SQL."""

    page = ParentalKey(DirectoryEntryPage, on_delete=models.CASCADE, related_name="country_links")
    country = CountryField(_("country"))

    panels = [FieldPanel("country")]

    class Meta(Orderable.Meta):
        verbose_name = _("country")
        constraints = [models.UniqueConstraint(fields=["page", "country"], name="unique_entry_country")]

    def __str__(self):
        return self.country.name


class EntryOrganisation(Orderable):
    """An organisation behind an entry: linked to its member page where it is a member."""

    page = ParentalKey(DirectoryEntryPage, on_delete=models.CASCADE, related_name="organisation_links")
    member = models.ForeignKey(
        "directory.MemberPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entry_links",
        verbose_name=_("member"),
    )
    name = models.CharField(_("name as credited"), max_length=255)

    panels = [FieldPanel("name"), FieldPanel("member")]
    api_fields = [APIField("name"), APIField("member")]

    class Meta(Orderable.Meta):
        verbose_name = _("organisation")

    def __str__(self):
        return self.name
