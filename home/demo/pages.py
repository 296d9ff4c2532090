"""The text of the demo's standard pages, index pages and home page.

Every statement is taken from the reference data (home/reference_data) and
cited with the reference data's own source records; what the sources could not
confirm is said to be unconfirmed. Statements about the hub itself come from
the product brief (DESIGN.md).
"""

import datetime

from django.utils.html import escape

from home.demo.reference import load, source

# Addresses of the sources cited below; their titles come from the reference data.
ERA_LAUNCH = "https://era.gv.at/object/news/4169"
SOBIGDATA_LAUNCH = "http://sobigdata.eu/blog/launch-big-data-migration-alliance"
NYU_HUB_LAUNCH = "https://engineering.nyu.edu/news/global-collaboration-human-migration-launches-digital-hub"
K4P_HUB_LAUNCH = (
    "https://ec.europa.eu/knowledge4policy/news/"
    "new-platform-big-data-migration-bd4m-alliance-harness-new-data-sources-innovative-methodologies_en"
)
GMDAC_BD4M_PAGE = "https://gmdac.iom.int/data-innovation-migration"
ISPRA_WORKSHOP = (
    "https://knowledge4policy.ec.europa.eu/migration-demography/big-data-alternative-data-sources-migration_en"
)
HUB_HOME = "https://data4migration.org/"
SSIR_ARTICLE = "https://ssir.org/articles/entry/the_potential_and_practice_of_data_collaboratives_for_migration"
SSIR_SUMMARY = (
    "https://opening-governance.org/blog/stefaan-verhulst-and-andrew-young-in-stanford-social-innovation-review-"
    "the-potential-and-practice-of-data-collaboratives-for-migration"
)
CALL_TO_ACTION = (
    "https://gmdac.iom.int/news/"
    "big-data-migration-alliance-launches-call-harness-responsible-data-innovation-better-migration-governance"
)
STUDIO_REPORT = (
    "https://migrationdataportal.org/blog/"
    "designing-data-collaboratives-better-understand-human-mobility-and-migration-west-africa"
)
GDI_HANDBOOK = (
    "https://globalofficebrussels.iom.int/news/"
    "iom-and-partners-launch-handbook-data-innovation-and-foresight-migration-policy"
)
UCL_PAPER = "https://journals.uclpress.co.uk/ucloe/article/id/1272"
CTDC_DATASET = "https://www.ctdatacollaborative.org/global-dataset"
D4I_TERMS = "https://bluehub.jrc.ec.europa.eu/datachallenge/data"
D4R_PAPER = "https://ar5iv.labs.arxiv.org/html/1807.00523"


def heading(text):
    return {"type": "heading", "value": text}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def link(url, text):
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def cite(url, text=None):
    """A link to a reference source, labelled with its title unless told otherwise."""
    return link(url, text or source(url)["title"])


def _count_word(count):
    words = {1: "One question", 2: "Two questions", 3: "Three questions", 4: "Four questions", 5: "Five questions"}
    return words.get(count, f"{count} questions")


def sources_section(urls):
    """A closing "Sources" section listing each cited source with its publisher and year."""
    items = []
    for url in urls:
        record = source(url)
        details = ", ".join(str(part) for part in (record.get("publisher"), record.get("year")) if part)
        suffix = f" ({escape(details)})" if details else ""
        items.append(f"<li>{link(url, record['title'])}{suffix}</li>")
    return [heading("Sources"), paragraph(f"<ul>{''.join(items)}</ul>")]


HOME = {
    "title": "Big Data for Migration Alliance",
    "hero_heading": "Responsible data innovation on migration",
    "hero_text": (
        "The Big Data for Migration Alliance (BD4M) is a network convened in 2018 by the European Commission's "
        "Knowledge Centre on Migration and Demography (Joint Research Centre) and IOM's Global Migration Data "
        "Analysis Centre (GMDAC). It fosters responsible data innovation and cross-sector data collaboratives "
        "on migration and human mobility."
    ),
    "hero_link_label": "Explore the directory",
    "intro": (
        "<p>This hub documents how new data sources, such as mobile phone records, social-media advertising "
        "data, satellite imagery and search queries, have been applied to questions about migration; who the "
        "Alliance's members and partners are; and which questions new data could help answer.</p>"
    ),
}

INDEX_PAGES = {
    "news": {
        "title": "News",
        "intro": "News about the Alliance, its members and partners, each item with the sources it is based on.",
    },
    "events": {
        "title": "Events",
        "intro": (
            "Events the Alliance and its partners convened or took part in. Dates are as precise as the sources "
            "allow: some are known only to the month or the year."
        ),
    },
    "members": {
        "title": "Members",
        "intro": (
            "Organisations with a documented link to the Alliance. Each profile says how firmly that link is "
            "documented: convener, member, partner, or not confirmed by any source found."
        ),
    },
    "directory": {
        "title": "Data Innovation Directory",
        "intro": (
            "Applications of new data sources and methods to questions about migration and displacement, each "
            "with its value proposition, data sources, methods, organisations, kind of collaboration, places and "
            "how it handled data responsibility."
        ),
    },
}


def about_page():
    return {
        "title": "About the alliance",
        "slug": "about",
        "intro": (
            "The Big Data for Migration Alliance (BD4M) was convened in 2018 by the European Commission's Knowledge "
            "Centre on Migration and Demography (Joint Research Centre) and IOM's Global Migration Data Analysis "
            "Centre (GMDAC)."
        ),
        "body": [
            heading("How it started"),
            paragraph(
                "<p>On 30 November 2017 a preparatory expert workshop at the Joint Research Centre in Ispra, Italy, "
                "reviewed applications of big data to migration, identified promising uses and obstacles, and "
                "proposed follow-up steps. Participants came from UN agencies, the Commission, EU agencies, "
                f"research and companies ({cite(ISPRA_WORKSHOP, 'workshop page')}).</p>"
                "<p>The Alliance was launched in Brussels on 25 June 2018 as a network to tap big data, such as "
                "social media and mobile phone data, for timelier insights on migration while addressing the "
                "challenges of access, analysis and privacy "
                f"({cite(ERA_LAUNCH, 'launch announcement')}). At the launch the conveners invited international "
                "organisations, NGOs, statistical offices, companies and researchers to take part "
                f"({cite(SOBIGDATA_LAUNCH, 'SoBigData report of the launch')}).</p>"
            ),
            heading("Who convenes it"),
            paragraph(
                "<p>The Alliance is convened by the Knowledge Centre on Migration and Demography of the European "
                "Commission's Joint Research Centre and by IOM's Global Migration Data Analysis Centre. The "
                "Governance Lab (The GovLab) at NYU Tandon School of Engineering joined them as a convening partner "
                "and hosts the Alliance's online hub, data4migration.org, launched on 2 June 2020 "
                f"({cite(NYU_HUB_LAUNCH, 'NYU Tandon press release')}).</p>"
            ),
            heading("What it does"),
            paragraph(
                "<ul>"
                "<li>Presents its members, objectives, ongoing projects, events and collaboration opportunities, "
                "with priority questions on migration from the 100 Questions Initiative "
                f"({cite(NYU_HUB_LAUNCH, 'hub launch')}).</li>"
                "<li>Announced in June 2020 a dialogue series with the private sector on collaborative frameworks "
                f"for using new data sources for migration ({cite(K4P_HUB_LAUNCH, 'Knowledge for Policy')}).</li>"
                "<li>Held its first Studio in 2021, where more than 40 stakeholders prototyped data collaboratives "
                "to answer questions on cross-border mobility, diaspora communities and drivers of migration in "
                f"West Africa ({cite(STUDIO_REPORT, 'Studio report')}).</li>"
                "<li>With the African Union, launched a six-point call to action on responsible data innovation for "
                "migration at an event in Berlin on 29 November 2021 hosted by the Robert Bosch Foundation "
                f"({cite(CALL_TO_ACTION, 'IOM GMDAC')}).</li>"
                "<li>Partnered with IOM's Global Data Institute on a handbook on data innovation and foresight for "
                f"migration policy ({cite(GDI_HANDBOOK, 'IOM Brussels')}).</li>"
                "</ul>"
            ),
            *sources_section(
                [ISPRA_WORKSHOP, ERA_LAUNCH, SOBIGDATA_LAUNCH, NYU_HUB_LAUNCH, K4P_HUB_LAUNCH, STUDIO_REPORT]
                + [CALL_TO_ACTION, GDI_HANDBOOK, GMDAC_BD4M_PAGE]
            ),
        ],
    }


def objectives_page():
    terms = load("vocabularies")["value_propositions"]["terms"]
    propositions = "".join(f"<li><b>{escape(term['label'])}</b>: {escape(term['definition'])}</li>" for term in terms)
    return {
        "title": "Objectives",
        "slug": "objectives",
        "intro": "What the Alliance works towards, as its conveners and partners have described it.",
        "body": [
            heading("Mission"),
            paragraph(
                "<p>The Alliance's hub describes its mission as the responsible and ethical use of new data "
                "sources, public-private partnerships, peer learning and capacity building "
                f"({cite(HUB_HOME)}). At its launch in 2018 its conveners set out to tap big data for timelier "
                "insights on migration while addressing the challenges of access, analysis and privacy "
                f"({cite(ERA_LAUNCH, 'launch announcement')}).</p>"
            ),
            heading("What data collaboratives can offer"),
            paragraph(
                "<p>In 2018 Stefaan Verhulst and Andrew Young of The GovLab argued that cross-sector data sharing "
                "could fill information gaps on migration and proposed four value propositions "
                f"({cite(SSIR_ARTICLE, 'Stanford Social Innovation Review')}):</p>"
                f"<ul>{propositions}</ul>"
                "<p>They recommended that data collaboratives be mapped, that data stewards be nurtured and that "
                f"responsibility frameworks be developed ({cite(SSIR_SUMMARY, 'summary')}). The Data Innovation "
                "Directory on this hub records each entry's value propositions in these terms.</p>"
            ),
            heading("Responsible data innovation"),
            paragraph(
                "<p>In November 2021 the Alliance and the African Union presented six action points for investing "
                "in ethical, responsible data innovation capacities for migration analysis and policy in Europe "
                f"and Africa ({cite(CALL_TO_ACTION, 'call to action')}).</p>"
            ),
            *sources_section([HUB_HOME, ERA_LAUNCH, SSIR_ARTICLE, SSIR_SUMMARY, CALL_TO_ACTION]),
        ],
    }


def how_to_join_page():
    statuses = load("vocabularies")["membership_status"]["terms"]
    status_items = "".join(
        f"<li><b>{escape(term['label'])}</b>: {escape(term['definition'])}</li>" for term in statuses
    )
    return {
        "title": "How to join",
        "slug": "how-to-join",
        "intro": (
            "The Alliance is open to international organisations, NGOs, the private sector, researchers and "
            "individual experts."
        ),
        "body": [
            heading("Who can take part"),
            paragraph(
                "<p>The Alliance is open to international organisations, NGOs, the private sector, researchers and "
                f"individual experts ({cite(NYU_HUB_LAUNCH, 'NYU Tandon press release')}). At its launch in 2018 "
                "the conveners invited international organisations, NGOs, statistical offices, companies and "
                f"researchers to take part ({cite(SOBIGDATA_LAUNCH, 'SoBigData')}), and the Alliance's own hub "
                f"carries a call to join it ({cite(HUB_HOME)}).</p>"
            ),
            heading("Apply through this hub"),
            paragraph(
                '<p>Use the <a href="/members/join/">application form</a>. Your application becomes a draft member '
                "profile that a moderator reviews; nothing is published before a moderator approves it.</p>"
                '<p>You can also <a href="/directory/submit/">submit a directory entry</a> about a data '
                'collaborative on migration, or <a href="/events/submit/">propose an event</a>. Both go through '
                "the same review.</p>"
            ),
            heading("How member profiles are labelled"),
            paragraph(
                "<p>Each member profile says how firmly its link to the Alliance is documented in the cited "
                f"sources:</p><ul>{status_items}</ul>"
            ),
            *sources_section([NYU_HUB_LAUNCH, SOBIGDATA_LAUNCH, HUB_HOME]),
        ],
    }


def data_responsibility_page():
    topics = {term["slug"]: term for term in load("vocabularies")["migration_topics"]["terms"]}
    ethics = topics["ethics-privacy-security"]["definition"].removeprefix("UCL topic: ")
    guiding = next(
        topic["guiding_question"]
        for topic in load("questions")["ucl_2020_topics"]
        if topic["slug"] == "ethics-privacy-security"
    )
    return {
        "title": "Data responsibility principles",
        "slug": "data-responsibility",
        "intro": (
            "Data about migration is often data about people in vulnerable situations. This page sets out what "
            "responsible use means for the work the hub documents, and for the hub itself."
        ),
        "body": [
            heading("Why it matters"),
            paragraph(
                "<p>Franklinos et al. (2020) name ethical, privacy and security concerns as one of six key topics "
                f"for big data in migration research and policy: {escape(ethics)} "
                f"Restated as a question: {escape(guiding)} ({cite(UCL_PAPER, 'UCL Open: Environment')})</p>"
                "<p>Verhulst and Young recommend nurturing data stewards and developing responsibility frameworks "
                f"for data collaboratives on migration ({cite(SSIR_SUMMARY, 'summary')}), and in 2021 the Alliance "
                "and the African Union called for investment in ethical, responsible data innovation capacities "
                f"({cite(CALL_TO_ACTION, 'call to action')}).</p>"
            ),
            heading("How the directory records it"),
            paragraph(
                "<p>Every directory entry records how the work protected the people in the data, as far as its "
                "sources say. Some examples from the directory:</p>"
                "<ul>"
                "<li>The Counter-Trafficking Data Collaborative publishes a k-anonymised dataset (k=11) and uses "
                f"synthetic data and differential privacy to protect victims ({cite(CTDC_DATASET)}).</li>"
                "<li>Teams in the JRC's Data Challenge on Integration of Migrants in Cities received only derived "
                "gridded data, for use within the scope and duration of the challenge, after submitting a "
                f"proposal ({cite(D4I_TERMS, 'D4I terms and conditions')}).</li>"
                "<li>The Data for Refugees challenge released anonymised call detail records under a strict "
                f"confidentiality agreement for non-commercial research ({cite(D4R_PAPER, 'Salah et al.')}).</li>"
                "</ul>"
                "<p>Where a source says nothing about data protection, the entry says nothing either: an empty "
                "field means not documented, not that nothing was done.</p>"
            ),
            heading("Personal data on this hub"),
            paragraph(
                "<p>The hub stores no personal data about migrants. The only personal data it holds are staff "
                "accounts and the contact details of people who submit entries or events: these are visible to "
                "moderators only, never published or exported, and deleted on request. Public pages load no "
                "third-party scripts, fonts or trackers.</p>"
            ),
            *sources_section([UCL_PAPER, SSIR_SUMMARY, CALL_TO_ACTION, CTDC_DATASET, D4I_TERMS, D4R_PAPER]),
        ],
    }


def standard_pages():
    """The standard pages in menu order, with whether each shows in the main navigation."""
    return [
        (about_page(), True),
        (objectives_page(), False),
        (how_to_join_page(), True),
        (data_responsibility_page(), False),
    ]


def questions_page():
    """The priority questions page, citing the 100 Questions and UCL facts from questions.json."""
    questions = load("questions")
    q100 = questions["q100_migration_domain"]
    ucl = questions["ucl_2020_context"]
    areas = "".join(f"<li>{escape(area)}</li>" for area in q100["thematic_areas"])
    partners = ", ".join(q100["partners"])
    verified = (
        "Its final list of questions is published by the initiative."
        if q100.get("final_question_list_verified")
        else (
            f"The final list of its {q100['number_of_questions']} migration questions could not be verified from "
            "the sources we consulted, so it is not reproduced here."
        )
    )
    launched = datetime.date.fromisoformat(q100["launched"])
    q100_urls = [item["url"] for item in q100["sources"]]
    ucl_urls = [item["url"] for item in ucl["sources"]]
    studio_urls = sorted({item["url"] for q in questions["bd4m_studio_questions"] for item in q["sources"]})
    return {
        "title": "Priority questions",
        "slug": "questions",
        "intro": (
            "Questions on migration that new data could help answer, grouped by topic, each with the directory "
            "entries that address it."
        ),
        "body": [
            heading("Where the questions come from"),
            paragraph(
                "<p>Most questions here paraphrase Table 1 of Franklinos et al. (2020), which wrote up a "
                "cross-disciplinary expert workshop on big data for migration research and policy "
                f"({cite(UCL_PAPER, 'UCL Open: Environment')}). {escape(ucl['workshop'])} The paper groups its "
                "questions under six topics; the one-sentence question under each topic is our editorial "
                "restatement of the topic, not a quotation.</p>"
                f"<p>{_count_word(len(questions['bd4m_studio_questions']))} come from the Alliance's 2021 West "
                "Africa Studio, which derived them from the "
                f"outputs of the 100 Questions migration domain ({cite(STUDIO_REPORT, 'Studio report')}).</p>"
            ),
            heading("The 100 Questions Initiative"),
            paragraph(
                f"<p>On {launched.day} {launched:%B %Y} The GovLab announced the "
                "100 Questions Initiative, which set out to identify the most important societal questions that "
                f"data could answer, beginning with migration ({cite(q100_urls[0], 'announcement')}). Partners "
                f"in the migration domain: {escape(partners)}. {escape(q100['method'])} The migration domain "
                f"covered four thematic areas:</p><ul>{areas}</ul><p>{escape(verified)}</p>"
            ),
            *sources_section(list(dict.fromkeys(ucl_urls + [UCL_PAPER] + q100_urls + studio_urls))),
        ],
    }
