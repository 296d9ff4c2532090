"""The structured data responsibility record of a directory entry.

Every question defaults to "not stated": the directory documents what the
sources say, and silence is recorded as silence, never as "no". Single answers
are choice columns (never null, so filters and counts behave the same on
SQLite and PostgreSQL); the two questions with several answers are
vocabularies (`DataProtection`, `DataArrangement`), so the facet engine, the
exports and the API treat them like the directory's other terms, and an empty
set reads "not stated".
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField

from modelcluster.fields import ParentalManyToManyField

from home.models import Term

NOT_STATED = "not_stated"
# The record's single-answer questions, as DirectoryEntryPage fields.
CHOICE_FIELDS = ("personal_data", "sharing_level", "ethics_review", "group_privacy", "sensitivity")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_STATED = NOT_STATED, _("Not stated")


class SharingLevel(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual records")
    AGGREGATED = "aggregated", _("Aggregated data")
    MODEL_OUTPUTS = "model_outputs", _("Model outputs only")
    NOT_STATED = NOT_STATED, _("Not stated")


class Sensitivity(models.TextChoices):
    NON_SENSITIVE = "non_sensitive", _("Non-sensitive")
    UNCERTAIN = "uncertain", _("Uncertain")
    SENSITIVE = "sensitive", _("Sensitive")
    NOT_STATED = NOT_STATED, _("Not stated")


class DataProtection(Term):
    """A protection applied to the data (anonymisation, differential privacy...)."""

    class Meta(Term.Meta):
        verbose_name = _("data protection")
        verbose_name_plural = _("data protections")
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_dataprotection_slug_per_locale")]


class DataArrangement(Term):
    """A legal or technical arrangement under which data were shared (agreement, licence...)."""

    class Meta(Term.Meta):
        verbose_name = _("data arrangement")
        verbose_name_plural = _("data arrangements")
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_dataarrangement_slug_per_locale")
        ]


def _answer_field(verbose_name, help_text):
    return models.CharField(
        verbose_name, max_length=12, choices=Answer.choices, default=Answer.NOT_STATED, help_text=help_text
    )


class DataResponsibilityRecord(models.Model):
    """The record's columns, mixed into DirectoryEntryPage (kept here so the page
    model stays readable). The free text `data_responsibility` stays on the page
    as the record's notes."""

    personal_data = _answer_field(
        _("personal data involved"), _("Did the data shared or analysed include data about identifiable people?")
    )
    sharing_level = models.CharField(
        _("level at which data were shared"),
        max_length=16,
        choices=SharingLevel.choices,
        default=SharingLevel.NOT_STATED,
    )
    protections = ParentalManyToManyField(
        "directory.DataProtection",
        blank=True,
        related_name="entries",
        verbose_name=_("protection applied"),
        help_text=_("Leave all unticked when the sources state none"),
    )
    arrangements = ParentalManyToManyField(
        "directory.DataArrangement",
        blank=True,
        related_name="entries",
        verbose_name=_("legal and technical arrangement"),
        help_text=_("Leave all unticked when the sources state none"),
    )
    ethics_review = _answer_field(_("ethics review"), _("Was the work reviewed by an ethics board?"))
    group_privacy = _answer_field(
        _("group-privacy risks considered"),
        _("Did the work consider risks to groups (e.g. revealing where a community is), not only individuals?"),
    )
    sensitivity = models.CharField(
        _("sensitivity class"), max_length=16, choices=Sensitivity.choices, default=Sensitivity.NOT_STATED
    )

    class Meta:
        abstract = True

    record_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("personal_data"), FieldPanel("sharing_level")]),
                FieldPanel("protections", widget=forms.CheckboxSelectMultiple),
                FieldPanel("arrangements", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("ethics_review"), FieldPanel("group_privacy")]),
                FieldPanel("sensitivity"),
            ],
            heading=_("Data responsibility record"),
            help_text=_("Fill in only what the sources state; everything else stays 'Not stated'."),
        )
    ]
    record_api_fields = [
        APIField("personal_data"),
        APIField("sharing_level"),
        APIField("ethics_review"),
        APIField("group_privacy"),
        APIField("sensitivity"),
    ]

    def responsibility_record(self):
        """(label, shown value) of every question, in the record's order, for the entry page."""
        not_stated = Answer.NOT_STATED.label

        def names(related):
            return ", ".join(str(term) for term in related.all()) or not_stated

        return [
            (_("Personal data involved"), self.get_personal_data_display()),
            (_("Level at which data were shared"), self.get_sharing_level_display()),
            (_("Protection applied"), names(self.protections)),
            (_("Legal and technical arrangement"), names(self.arrangements)),
            (_("Ethics review"), self.get_ethics_review_display()),
            (_("Group-privacy risks considered"), self.get_group_privacy_display()),
            (_("Sensitivity class"), self.get_sensitivity_display()),
        ]
