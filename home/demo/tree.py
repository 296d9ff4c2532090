"""The site tree: the home page at the site's root, the index and standard pages under it, site settings."""

from django.conf import settings
from django.core.management.base import CommandError

from wagtail.models import Locale, Page, Site

from home.demo import data_handling, pages
from home.demo.placeholders import placeholder_image
from home.demo.upsert import field_differs, model, upsert_page
from home.site_address import SiteAddressError, update_default_site


def default_locale():
    try:
        return Locale.get_default()
    except Locale.DoesNotExist:
        return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def ensure_home(*, tally):
    """The HomePage at depth 2 with slug "home", as the root of the default site.

    Wagtail's own "Welcome" page (a plain Page with no children) is deleted to
    make room; any other page in the way is renamed, never deleted.
    """
    home_model = model("home.HomePage")
    root = Page.get_first_root_node()
    home = home_model.objects.child_of(root).filter(slug="home").first()
    if home is None:
        in_the_way = root.get_children().filter(slug="home").first()
        if in_the_way is not None:
            for site in Site.objects.filter(root_page=in_the_way):
                # Sites cascade-delete with their root page: point them at the root meanwhile.
                site.root_page = root
                site.save()
            if in_the_way.specific_class is Page and in_the_way.is_leaf():
                in_the_way.delete()
                tally.note("Removed Wagtail's default welcome page.")
            else:
                in_the_way.slug = f"home-previous-{in_the_way.pk}"
                in_the_way.save()
                tally.note(f"Renamed the page that used the slug 'home' to '{in_the_way.slug}'.")
        home = root.add_child(
            instance=home_model(title=pages.HOME["title"], slug="home", hero_heading=pages.HOME["hero_heading"])
        )
        tally.created("home page")
    # At the public address, so that absolute links never say localhost.
    try:
        site, changed = update_default_site(root_page=home, site_name=settings.WAGTAIL_SITE_NAME)
    except SiteAddressError as error:
        raise CommandError(f"WAGTAILADMIN_BASE_URL: {error}") from error
    if changed:
        tally.note(f"Pointed the default site at the home page, at {site.root_url}/.")
    return home, site


def build_tree(*, tally):
    """The home page and the pages under it. Returns the pages by slug, plus the site."""
    home, site = ensure_home(tally=tally)
    tree = {"home": home, "site": site}
    standard = {page["slug"]: (page, in_menus) for page, in_menus in pages.standard_pages()}
    standard[data_handling.SLUG] = (data_handling.how_we_handle_data_page(), False)

    def standard_page(slug):
        page, in_menus = standard[slug]
        fields = {"title": page["title"], "intro": page["intro"], "body": page["body"], "show_in_menus": in_menus}
        tree[slug] = upsert_page(home, model("home.StandardPage"), slug, fields, tally=tally, kind="standard pages")

    def index_page(slug, label):
        text = pages.INDEX_PAGES[slug]
        fields = {"title": text["title"], "intro": text["intro"], "show_in_menus": True}
        tree[slug] = upsert_page(home, model(label), slug, fields, tally=tally, kind="index pages")

    # Creation order is menu order.
    standard_page("about")
    index_page("directory", "directory.DirectoryIndexPage")
    index_page("members", "directory.MemberIndexPage")
    questions = pages.questions_page()
    tree["questions"] = upsert_page(
        home,
        model("directory.QuestionsPage"),
        "questions",
        {"title": questions["title"], "intro": questions["intro"], "body": questions["body"], "show_in_menus": True},
        tally=tally,
        kind="index pages",
    )
    index_page("news", "home.NewsIndexPage")
    index_page("events", "events.EventIndexPage")
    standard_page("how-to-join")
    standard_page("objectives")
    standard_page("data-responsibility")
    standard_page(data_handling.SLUG)
    return tree


def finish_home(tree, *, tally):
    """The home page's own content, which links to pages made after it."""
    hero = placeholder_image(key="hero bd4m", label="BD4M", kind="Big Data for Migration Alliance", tally=tally)
    text = pages.HOME
    fields = {
        "title": text["title"],
        "hero_heading": text["hero_heading"],
        "hero_text": text["hero_text"],
        "hero_image": hero,
        "hero_link": tree["directory"],
        "hero_link_label": text["hero_link_label"],
        "intro": text["intro"],
    }
    root = Page.get_first_root_node()
    tree["home"] = upsert_page(root, model("home.HomePage"), "home", fields, tally=tally, kind="home page")
    return hero


def load_site_settings(tree, hero, *, tally):
    site_settings = model("home.SiteSettings").for_site(tree["site"])
    # The footer links to it (hub/templates/includes/footer.html).
    fields = {"privacy_page": tree[data_handling.SLUG], "default_social_image": hero}
    if any(field_differs(site_settings, name, value) for name, value in fields.items()):
        for name, value in fields.items():
            setattr(site_settings, name, value)
        site_settings.save()
        tally.updated("site settings")
    else:
        tally.unchanged("site settings")
