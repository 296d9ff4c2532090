"""The export's columns, declared once: the CSV and JSON exporters write them
in this order and the data package's Table Schemas (directory/catalogue.py)
are generated from the same declarations, so a column cannot reach the export
without its type, meaning and constraints.

Column names are part of the public contract (docs/open-data.md): add columns
at the end, never rename, reorder or remove one.
"""

from dataclasses import dataclass, field

from directory.models.entries import EntryStatus, YearBasis
from directory.models.responsibility import Answer, Sensitivity, SharingLevel

YEAR_CONSTRAINTS = {"minimum": 1950, "maximum": 2100}
# In CSV, lists are joined with "; " (countries: ISO codes) and sources with " | ".
LIST_JOIN = "; "
SOURCES_JOIN = " | "
COUNTRY_LIST_PATTERN = r"([A-Z]{2}(; [A-Z]{2})*)?"


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    # Table Schema types of the cell in the CSV and in the JSON export.
    csv_type: str = "string"
    json_type: str = "string"
    format: str | None = None
    constraints: dict = field(default_factory=dict)
    # The fixed values of a choice column (a vocabulary that editors cannot extend).
    enum: tuple = ()

    def schema_field(self, target):
        """The Table Schema field of this column in the "csv" or "json" export."""
        is_list = self.json_type == "array"
        spec = {"name": self.name, "type": self.csv_type if target == "csv" else self.json_type}
        spec["description"] = self.description
        if self.format and spec["type"] == self.csv_type:
            spec["format"] = self.format
        constraints = dict(self.constraints)
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints and not (is_list and target == "json"):
            spec["constraints"] = constraints
        return spec


def _choices(choices):
    return tuple(value for value, _label in choices.choices)


def _list(name, description, **kwargs):
    return Column(name, description, json_type="array", **kwargs)


EXPORT_COLUMNS = (
    Column(
        "slug",
        "Stable identifier of the entry; its page is /directory/<slug>/",
        constraints={"required": True, "unique": True, "pattern": r"[-\w]+"},
    ),
    Column("title", "Title of the entry", constraints={"required": True}),
    Column("url", "Absolute URL of the entry's page", format="uri"),
    Column("summary", "Two to four sentences: what was done, with what data, why"),
    Column(
        "year_started",
        "Year the work started (or was first published, see year_basis)",
        csv_type="integer",
        json_type="integer",
        constraints=YEAR_CONSTRAINTS,
    ),
    Column("year_basis", "What year_started means", enum=_choices(YearBasis)),
    Column("year_ended", "Year the work ended", csv_type="integer", json_type="integer", constraints=YEAR_CONSTRAINTS),
    Column("status", "Whether the work is ongoing", enum=_choices(EntryStatus)),
    _list("data_sources", "Names of the data sources"),
    _list("methods", "Names of the methods"),
    _list("value_propositions", "Names of the value propositions"),
    Column("collaborative_type", "GovLab type of data collaborative; empty when no data crosses sectors"),
    _list("topics", "Names of the migration topics"),
    _list(
        "countries",
        "ISO 3166-1 alpha-2 codes of the countries the work applies to",
        constraints={"pattern": COUNTRY_LIST_PATTERN},
    ),
    _list("regions", "Names of the World Bank regions (or Global)"),
    _list("organisations", "Organisations as credited"),
    Column("data_responsibility", "Notes on data responsibility, as plain text"),
    _list(
        "sources",
        'Cited sources, as objects {title, url, year, publisher}; in CSV, their URLs (or titles) joined with " | "',
    ),
    Column(
        "last_published_at",
        "When the entry was last published (ISO 8601)",
        csv_type="datetime",
        json_type="datetime",
    ),
    Column("personal_data", "Whether the data included data about identifiable people", enum=_choices(Answer)),
    Column("sharing_level", "Level at which data were shared", enum=_choices(SharingLevel)),
    _list("protections", "Names of the protections applied; empty: none stated"),
    _list("arrangements", "Names of the legal and technical arrangements; empty: not stated"),
    Column("ethics_review", "Whether an ethics review took place", enum=_choices(Answer)),
    Column("group_privacy", "Whether group-privacy risks were considered", enum=_choices(Answer)),
    Column("sensitivity", "Sensitivity class", enum=_choices(Sensitivity)),
)

COLUMNS = [column.name for column in EXPORT_COLUMNS]
PRIMARY_KEY = "slug"


def table_schema(target, columns=EXPORT_COLUMNS):
    """The Frictionless Table Schema of the "csv" or "json" export."""
    return {
        "fields": [column.schema_field(target) for column in columns],
        "primaryKey": [PRIMARY_KEY],
        "missingValues": [""],
    }
