from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from django_countries.fields import CountryField
from django_countries.serializer_fields import CountryField as CountrySerializerField
from modelcluster.fields import ParentalManyToManyField

from home.blocks import SourcesBlock
from home.describing import DescribedPage


class MemberKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    INDIVIDUAL = "individual", _("Individual expert")


class Sector(models.TextChoices):
    INTERNATIONAL_ORGANISATION = "international-organisation", _("International organisation")
    GOVERNMENT = "government", _("Government")
    NGO = "ngo", _("NGO")
    PRIVATE_SECTOR = "private-sector", _("Private sector")
    RESEARCH = "research", _("Research")
    INDIVIDUAL_EXPERT = "individual-expert", _("Individual expert")


class MembershipStatus(models.TextChoices):
    CONVENER = "convener", _("Convener")
    VERIFIED_MEMBER = "verified-member", _("Member")
    PARTNER = "partner", _("Partner")
    UNVERIFIED = "unverified", _("Link not confirmed")


class MemberIndexPage(DescribedPage, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.MemberPage"]
    max_count_per_parent = 1
    per_page = 24

    class Meta:
        verbose_name = _("member index page")

    def get_members(self):
        return (
            MemberPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("logo")
            .prefetch_related("logo__renditions")
            .order_by("title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        from directory.selectors import member_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(member_listing(index=self, request=request))
        return context

    @path("join/")
    def join(self, request):
        from directory.views import join

        return join(request, index=self)

    @path("join/thanks/")
    def join_thanks(self, request):
        from home.submissions.views import submission_thanks

        return submission_thanks(request, index=self, kind="membership")


class MemberPage(DescribedPage, Page):
    kind = models.CharField(_("kind"), max_length=20, choices=MemberKind.choices, default=MemberKind.ORGANISATION)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    sector = models.CharField(_("sector"), max_length=40, choices=Sector.choices)
    membership_status = models.CharField(
        _("membership status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.VERIFIED_MEMBER,
        help_text=_("How firmly the link to the alliance is documented"),
    )
    country = CountryField(_("country"), blank=True)
    logo = models.ForeignKey(
        "home.HubImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("logo")
    )
    website = models.URLField(_("website"), blank=True)
    description = RichTextField(_("description"), features=["bold", "italic", "link", "ul"])
    topics = ParentalManyToManyField("home.Topic", blank=True, related_name="members")
    is_data_steward = models.BooleanField(
        _("data steward"),
        default=False,
        help_text=_("Has a data steward: someone charged with sharing data responsibly for the public good"),
    )
    sources = StreamField(SourcesBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("acronym")]),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("country")]),
        FieldPanel("membership_status"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("is_data_steward"),
    ]
    relations_panels = [FieldPanel("topics", widget=forms.CheckboxSelectMultiple), FieldPanel("sources")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Profile")),
            ObjectList(relations_panels, heading=_("Topics and sources")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("acronym"),
        index.AutocompleteField("acronym"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("sector"),
        index.FilterField("country"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("acronym"),
        APIField("sector"),
        APIField("membership_status"),
        # {"code": "FR", "name": "France"}, or null when no country is set.
        APIField("country", serializer=CountrySerializerField(country_dict=True, allow_null=True, read_only=True)),
        APIField("logo"),
        APIField("website"),
        APIField("description"),
        APIField("topics"),
        APIField("is_data_steward"),
        APIField("sources"),
    ]

    parent_page_types = ["directory.MemberIndexPage"]
    subpage_types = []

    summary_fields = ("description",)
    vocabulary_fields = ("acronym",)

    class Meta:
        verbose_name = _("member page")

    def share_image(self):
        return self.logo

    def structured_data(self, *, url, publisher, image=None, request=None):
        kind = "Person" if self.kind == MemberKind.INDIVIDUAL else "Organization"
        data = {"@type": kind, "name": self.title}
        if self.website:
            data["sameAs"] = [self.website]
        if self.acronym and kind == "Organization":
            data["alternateName"] = self.acronym
        if self.country and kind == "Organization":
            data["address"] = {"@type": "PostalAddress", "addressCountry": self.country.code}
        data["memberOf"] = publisher
        if image:
            # schema.org gives an organisation a logo and a person an image.
            data["logo" if kind == "Organization" else "image"] = image["url"]
        return data

    @classmethod
    def home_page_section(cls, *, home, now):
        from directory.selectors import member_count
        from home.selectors import key_figure

        members = (
            cls.objects.live()
            .public()
            .descendant_of(home)
            .select_related("logo")
            .prefetch_related("logo__renditions")
            .order_by("title")
        )
        count = member_count(home=home)
        figure = key_figure(
            order=40,
            count=count,
            label=npgettext("key figure", "member", "members", count),
            page_type="directory.MemberIndexPage",
        )
        return {"members_strip": members[:12], "key_figures": [figure]}

    def get_context(self, request, *args, **kwargs):
        from directory.selectors import member_activity

        context = super().get_context(request, *args, **kwargs)
        context.update(member_activity(self, request))
        return context
