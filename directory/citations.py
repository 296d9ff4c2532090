"""Citations of the directory and of its entries: APA text, BibTeX, RIS,
CSL-JSON and, in each release, CITATION.cff.

Nothing is made up: the directory's author is its publisher; an entry's
authors are the authors its record lists or, failing that, the organisations
it credits, as written there; the version is the latest release's (for an
entry, only if that release holds it); the year is the release's, or the
year the entry was last published.
"""

import datetime
import json
from dataclasses import dataclass, field

from django.utils.html import escape

from directory.catalogue import DATASET_TITLE, PUBLISHER, dataset_summary, latest_release

BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


@dataclass
class Citation:
    key: str
    title: str
    url: str
    accessed: datetime.date
    authors: list = field(default_factory=list)
    # The whole directory is a data set; an entry is a record within it.
    kind: str = "dataset"
    container: str = ""
    version: str | None = None
    issued: datetime.date | None = None
    licence: object = None


def directory_citation(index, request, *, accessed):
    """The directory as a data set: its latest release, or the live directory when none was made."""
    from directory.releases import release_page_url
    from home.licences import data_licence

    version = dataset_summary(index)["version"]
    # A release's version is its date.
    date = datetime.date.fromisoformat(version) if version else None
    if version:
        url = release_page_url(index, version, request)
    else:
        url = index.get_full_url(request) or request.build_absolute_uri(index.get_url(request))
    return Citation(
        key=f"bd4m-directory-{version}" if version else "bd4m-directory",
        title=DATASET_TITLE,
        url=url,
        accessed=accessed,
        authors=[PUBLISHER],
        version=version,
        issued=date,
        licence=data_licence(request=request),
    )


def entry_citation(entry, request, *, accessed):
    from directory.models import DirectoryRelease
    from home.licences import data_licence

    release = latest_release()
    # The latest release's version only if that release holds the entry.
    holds = release and DirectoryRelease.objects.filter(version=release[0], fingerprints__has_key=entry.slug).exists()
    authors = [line.strip() for line in (entry.authors or "").splitlines() if line.strip()]
    if not authors:
        authors = [link.name for link in entry.organisation_links.all()]
    published = entry.last_published_at
    return Citation(
        key=f"bd4m-{entry.slug}",
        title=entry.title,
        url=entry.get_full_url(request) or request.build_absolute_uri(entry.get_url(request)),
        accessed=accessed,
        authors=authors,
        kind="entry",
        container=DATASET_TITLE,
        version=release[0] if holds else None,
        issued=published.date() if published else None,
        licence=data_licence(request=request),
    )


def _names(authors):
    if len(authors) <= 2:
        return " & ".join(authors)
    return ", ".join(authors[:-1]) + ", & " + authors[-1]


def apa(citation, *, html=False):
    """APA 7 style: "Author. (Year). Title (Version v) [Data set]. Publisher. Retrieved Month D, YYYY, from URL"."""
    text = escape if html else str

    def italic(value):
        return f"<em>{escape(value)}</em>" if html else value

    year = f"({citation.issued.year})" if citation.issued else "(n.d.)"
    version = f" (Version {text(citation.version)})" if citation.version else ""
    if citation.kind == "dataset":
        title, source = f"{italic(citation.title)}{version} [Data set].", f"{text(PUBLISHER)}."
    else:
        title, source = f"{text(citation.title)}.", f"In {italic(citation.container)}{version}. {text(PUBLISHER)}."
    # Without an author, APA moves the title to the author's place.
    head = f"{text(_names(citation.authors))}. {year}. {title}" if citation.authors else f"{title} {year}."
    accessed = citation.accessed
    retrieved = f"Retrieved {accessed.strftime('%B')} {accessed.day}, {accessed.year}, from {text(citation.url)}"
    return f"{head} {source} {retrieved}"


def _bibtex_value(value):
    return "".join(BIBTEX_SPECIALS.get(char, char) for char in " ".join(str(value).split()))


def bibtex(citation):
    fields = [
        ("author", " and ".join("{" + _bibtex_value(name) + "}" for name in citation.authors)),
        ("title", "{" + _bibtex_value(citation.title) + "}"),
        ("howpublished", _bibtex_value(f"In {citation.container}") if citation.container else ""),
        ("publisher", _bibtex_value(PUBLISHER)),
        ("year", str(citation.issued.year) if citation.issued else ""),
        ("version", _bibtex_value(citation.version or "")),
        ("url", citation.url),
        ("urldate", citation.accessed.isoformat()),
        ("note", _bibtex_value(f"Data set. Licence: {citation.licence.name}") if citation.licence else ""),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{citation.key},\n{body}\n}}\n"


def _ris_date(date):
    return date.strftime("%Y/%m/%d")


def ris(citation):
    lines = [("TY", "DATA" if citation.kind == "dataset" else "ELEC")]
    lines += [("AU", name) for name in citation.authors]
    lines.append(("TI", citation.title))
    if citation.container:
        lines.append(("T2", citation.container))
    if citation.issued:
        lines += [("PY", str(citation.issued.year)), ("DA", _ris_date(citation.issued))]
    lines.append(("PB", PUBLISHER))
    if citation.version:
        lines.append(("ET", citation.version))
    lines += [("UR", citation.url), ("Y2", _ris_date(citation.accessed))]
    if citation.licence:
        lines.append(("N1", f"Licence: {citation.licence.name} ({citation.licence.url})"))
    lines.append(("ER", ""))
    # RIS is one field a line: line breaks in a value would start a bogus field.
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


def _date_parts(date):
    return {"date-parts": [[date.year, date.month, date.day]]}


def csl_json(citation):
    item = {
        "id": citation.key,
        "type": "dataset" if citation.kind == "dataset" else "entry",
        "title": citation.title,
        "author": [{"literal": name} for name in citation.authors],
        "publisher": PUBLISHER,
        "URL": citation.url,
        "accessed": _date_parts(citation.accessed),
    }
    if citation.container:
        item["container-title"] = citation.container
    if citation.version:
        item["version"] = citation.version
    if citation.issued:
        item["issued"] = _date_parts(citation.issued)
    if citation.licence:
        item["license"] = citation.licence.url
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


def citation_cff(*, version, date, url, licence, abstract):
    """CITATION.cff (Citation File Format 1.2.0) of a release; strings as JSON
    strings, which YAML reads as double-quoted scalars."""
    quoted = json.dumps
    return (
        "cff-version: 1.2.0\n"
        'message: "If you use these data, please cite them as below."\n'
        "type: dataset\n"
        f"title: {quoted(DATASET_TITLE)}\n"
        f"version: {quoted(version)}\n"
        f"date-released: {date.isoformat()}\n"
        "authors:\n"
        f"  - name: {quoted(PUBLISHER)}\n"
        f"license: {licence.id}\n"
        f"url: {quoted(url)}\n"
        f"abstract: {quoted(abstract)}\n"
    )


FORMATS = {
    "bib": (bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}
