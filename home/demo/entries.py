"""Directory entries, one per record of directory.json, linked to members and vocabularies."""

from home.demo import mappings
from home.demo.placeholders import initials, placeholder_image
from home.demo.reference import citations, load
from home.demo.upsert import html_paragraph, model, upsert_page
from home.demo.vocabularies import terms


def load_entries(tree, members, *, locale, tally):
    entry_model = model("directory.DirectoryEntryPage")
    entries = {}
    records = load("data_responsibility")["entries"]
    for record in load("directory"):
        responsibility = records.get(record["slug"], {})
        countries_ = record.get("countries") or []
        # The reference data's regions already include those its countries fall in
        # (World Bank regions, as directory.regions derives them in the admin).
        region_slugs = record.get("regions") or []
        collaborative_type = (
            terms("directory.CollaborativeType", [record["collaborative_type"]], locale)[0]
            if record.get("collaborative_type")
            else None
        )
        image = placeholder_image(
            key=f"entry {record['slug']}", label=initials(record["title"]), kind="Directory entry", tally=tally
        )
        fields = {
            "title": record["title"],
            "summary": record["summary"],
            "image": image,
            "year_started": record.get("year_started"),
            "year_basis": record.get("year_basis") or "start",
            "status": "unknown",
            "collaborative_type": collaborative_type,
            "collaborative_type_assigned_by": record.get("collaborative_type_assigned_by") or "editorial",
            "data_responsibility": html_paragraph(record.get("data_responsibility")),
            # What data_responsibility.json does not answer stays "not stated".
            **{
                name: responsibility.get(name, "not_stated")
                for name in ("personal_data", "sharing_level", "ethics_review", "group_privacy", "sensitivity")
            },
            "authors": "\n".join(record.get("authors") or []),
            "listed_in": ", ".join(mappings.CATALOGUES.get(slug, slug) for slug in record.get("listed_in") or []),
            "sources": citations(record.get("sources")),
        }
        m2m = {
            "data_sources": terms("directory.DataSource", record.get("data_sources"), locale),
            "methods": terms("directory.Method", record.get("methods"), locale),
            "value_propositions": terms("directory.ValueProposition", record.get("value_proposition"), locale),
            "topics": terms("home.Topic", record.get("migration_topics"), locale),
            "regions": terms("directory.Region", region_slugs, locale),
            "protections": terms("directory.DataProtection", responsibility.get("protections"), locale),
            "arrangements": terms("directory.DataArrangement", responsibility.get("arrangements"), locale),
        }
        children = {
            "country_links": [{"country": code} for code in countries_],
            "organisation_links": [
                {"name": name, "member": members.get(mappings.ORGANISATION_MEMBERS.get(name))}
                for name in record.get("organisations") or []
            ],
        }
        entries[record["slug"]] = upsert_page(
            tree["directory"],
            entry_model,
            record["slug"],
            fields,
            m2m=m2m,
            children=children,
            tally=tally,
            kind="directory entries",
        )
    return entries
