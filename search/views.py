from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from home.models.mixins import paginate
from home.search_query import clean_query

# The public page types a visitor can narrow results to, by a short name.
RESULT_TYPES = {
    "entry": ("directory.DirectoryEntryPage", _("Directory entries")),
    "news": ("home.NewsPage", _("News")),
    "event": ("events.EventPage", _("Events")),
    "member": ("directory.MemberPage", _("Members")),
    "page": ("home.StandardPage", _("Pages")),
}
PER_PAGE = 10


def search(request):
    from django.apps import apps

    query = clean_query(request.GET.get("q", ""))
    result_type = request.GET.get("type", "")
    if result_type not in RESULT_TYPES:
        result_type = ""

    promotions = []
    results_page = None
    if query:
        pages = Page.objects.live().public().specific()
        if result_type:
            pages = pages.type(apps.get_model(RESULT_TYPES[result_type][0]))
        hit = Query.get(query)
        hit.add_hit()
        promotions = [p.page.specific for p in hit.editors_picks.select_related("page") if p.page.live]
        results = pages.search(query, operator="and")
        if not results.count():
            results = pages.autocomplete(query)
        results_page = paginate(request, results, PER_PAGE)

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "result_type": result_type,
            "result_types": [(key, label) for key, (_label, label) in RESULT_TYPES.items()],
            "promotions": promotions,
            "results_page": results_page,
        },
    )
