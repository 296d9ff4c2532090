"""Member pages, one per record of members.json, with a placeholder logo."""

from home.demo.placeholders import initials, placeholder_image
from home.demo.reference import citations, load
from home.demo.upsert import html_paragraph, model, upsert_page


def load_members(tree, *, tally):
    member_model = model("directory.MemberPage")
    members = {}
    for record in load("members"):
        name = record["name"]
        label = record.get("acronym") or initials(name)
        logo = placeholder_image(key=f"member {record['slug']}", label=label, kind="Member logo", tally=tally)
        fields = {
            "title": name,
            "kind": "organisation",
            "acronym": record.get("acronym") or "",
            "sector": record["sector"],
            "membership_status": record["membership_status"],
            "country": record.get("country") or "",
            "logo": logo,
            "description": html_paragraph(record["description"]),
            "sources": citations(record.get("sources")),
        }
        members[record["slug"]] = upsert_page(
            tree["members"], member_model, record["slug"], fields, tally=tally, kind="member pages"
        )
    return members
