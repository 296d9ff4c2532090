"""The open licences the site's data can be published under (a site setting,
home.models.SiteSettings.data_licence): SPDX identifiers, with the names and
deeds the exports, the data package, the DCAT catalogue and citations state."""

from dataclasses import dataclass

DEFAULT_LICENCE = "CC-BY-4.0"


@dataclass(frozen=True)
class Licence:
    id: str
    name: str
    url: str

    def as_dict(self):
        return {"id": self.id, "name": self.name, "url": self.url}


LICENCES = {
    licence.id: licence
    for licence in (
        Licence(
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        Licence(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution-ShareAlike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
        ),
        Licence("CC0-1.0", "CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
        Licence(
            "ODbL-1.0", "Open Data Commons Open Database License v1.0", "https://opendatacommons.org/licenses/odbl/1-0/"
        ),
    )
}
LICENCE_CHOICES = [(licence.id, licence.name) for licence in LICENCES.values()]


def data_licence(site=None, request=None):
    """The licence chosen for `site`'s data (the default site's when None); the
    default licence when no setting was saved or the site is unknown. Given the
    request, read from the settings the page's header and footer read anyway."""
    from wagtail.models import Site

    from home.caching import cached
    from home.models import SiteSettings

    if request is not None:
        return LICENCES.get(SiteSettings.for_request(request).data_licence, LICENCES[DEFAULT_LICENCE])

    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return LICENCES[DEFAULT_LICENCE]
    # Read for every entry the API lists: cached until content (a setting) changes.
    chosen = cached(("data-licence", site.pk), lambda: SiteSettings.for_site(site).data_licence)
    return LICENCES.get(chosen, LICENCES[DEFAULT_LICENCE])
