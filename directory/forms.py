"""Public forms: a directory entry (/directory/submit/) and an application to join (/members/join/)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from directory.models import (
    Answer,
    CollaborativeType,
    DataArrangement,
    DataProtection,
    DataSource,
    EntryStatus,
    MemberKind,
    Method,
    PriorityQuestion,
    Sector,
    Sensitivity,
    SharingLevel,
    ValueProposition,
)
from home.models import Topic
from home.plain_text import check_one_line_name
from home.submissions.forms import PublicSubmissionForm, TermChoiceField

YEAR_MIN, YEAR_MAX = 1950, 2100


def record_choice(label, choices, help_text=""):
    """One optional question of the data responsibility record: "Not stated" unless answered."""
    return forms.ChoiceField(
        label=label,
        choices=choices.choices,
        required=False,
        initial=Answer.NOT_STATED,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


class EntrySubmissionForm(PublicSubmissionForm):
    title = forms.CharField(label=_("Name of the initiative"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Two to four sentences: what was done, with what data, and why."),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "More detail: the question, the data, the method, the results. Separate paragraphs by a blank line."
        ),
    )
    organisations = forms.CharField(
        label=_("Organisations involved"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One organisation per line."),
    )
    year_started = forms.IntegerField(
        label=_("Year started (optional)"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    year_ended = forms.IntegerField(
        label=_("Year ended (optional)"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    status = forms.ChoiceField(label=_("Status"), choices=EntryStatus.choices, initial=EntryStatus.UNKNOWN)
    countries = forms.MultipleChoiceField(
        label=_("Countries (optional)"),
        required=False,
        choices=list(countries),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("The countries the work applies to. Hold Ctrl (or Cmd) to choose several."),
    )
    data_sources = TermChoiceField(DataSource.objects.all(), label=_("Data sources"))
    methods = TermChoiceField(Method.objects.all(), label=_("Methods"))
    value_propositions = TermChoiceField(ValueProposition.objects.all(), label=_("Value propositions"))
    collaborative_type = forms.ModelChoiceField(
        CollaborativeType.objects.all(),
        label=_("Kind of data collaborative (optional)"),
        required=False,
        widget=forms.RadioSelect,
        empty_label=_("Not known, or no data crossed sectors"),
    )
    topics = TermChoiceField(Topic.objects.all(), label=_("Topics"))
    questions = TermChoiceField(PriorityQuestion.objects.all(), label=_("Priority questions it addresses"))
    data_responsibility = forms.CharField(
        label=_("Data responsibility (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How personal data was protected: anonymisation, aggregation, access agreements, ethics review."),
    )
    # The structured record (directory/models/responsibility.py); every question is optional.
    personal_data = record_choice(_("Did the data include data about identifiable people? (optional)"), Answer)
    sharing_level = record_choice(_("Level at which data were shared (optional)"), SharingLevel)
    protections = TermChoiceField(DataProtection.objects.all(), label=_("Protection applied (optional)"))
    arrangements = TermChoiceField(DataArrangement.objects.all(), label=_("Legal and technical arrangement (optional)"))
    ethics_review = record_choice(_("Was there an ethics review? (optional)"), Answer)
    group_privacy = record_choice(
        _("Were risks to groups considered, not only to individuals? (optional)"),
        Answer,
        help_text=_("For example, whether results could reveal where a community lives or moves."),
    )
    sensitivity = record_choice(_("How sensitive are the data? (optional)"), Sensitivity)
    source_url = forms.URLField(
        label=_("Link to a report or article (optional)"), required=False, max_length=1000, assume_scheme="https"
    )

    def clean_organisations(self):
        names = [line.strip() for line in self.cleaned_data["organisations"].splitlines() if line.strip()]
        for number, name in enumerate(names, start=1):
            try:
                check_one_line_name(name)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("Line %(number)s: %(problem)s"), params={"number": number, "problem": error.messages[0]}
                ) from error
        return "\n".join(names)

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("year_started"), cleaned.get("year_ended")
        if started and ended and ended < started:
            self.add_error("year_ended", forms.ValidationError(_("The end year cannot be before the start year.")))
        return cleaned


class MembershipApplicationForm(PublicSubmissionForm):
    title = forms.CharField(
        label=_("Name of the organisation or expert"),
        max_length=255,
        help_text=_("As it should appear on the members page."),
    )
    kind = forms.ChoiceField(label=_("Applying as"), choices=MemberKind.choices, widget=forms.RadioSelect)
    acronym = forms.CharField(label=_("Acronym (optional)"), max_length=40, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", _("Choose a sector"))] + list(Sector.choices))
    country = forms.ChoiceField(
        label=_("Country (optional)"), required=False, choices=[("", _("Choose a country"))] + list(countries)
    )
    website = forms.URLField(label=_("Website (optional)"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("About you"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Your work on data and migration, and what you would bring to the alliance."),
    )
    topics = TermChoiceField(Topic.objects.all(), label=_("Topics you work on"))

    image_label = _("Logo or photo (optional)")
    name_fields = (*PublicSubmissionForm.name_fields, "acronym")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].label = self.image_label
