"""Member pages, one per record of members.json.

No logo: the reference data holds none, and the site draws a member without
one a typographic mark of its own (components/member_mark.html).
"""

from home.demo.reference import citations, load
from home.demo.upsert import html_paragraph, model, upsert_page


def load_members(tree, *, tally):
    member_model = model("directory.MemberPage")
    members = {}
    for record in load("members"):
        fields = {
            "title": record["name"],
            "kind": "organisation",
            "acronym": record.get("acronym") or "",
            "sector": record["sector"],
            "membership_status": record["membership_status"],
            "country": record.get("country") or "",
            "logo": None,
            "description": html_paragraph(record["description"]),
            "sources": citations(record.get("sources")),
        }
        members[record["slug"]] = upsert_page(
            tree["members"], member_model, record["slug"], fields, tally=tally, kind="member pages"
        )
    return members
