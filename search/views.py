from django.template.response import TemplateResponse

from wagtail.models import Site

from home.caching.search_hits import mark
from home.fragments import cached_cards
from home.models.mixins import paginate
from home.search_query import clean_query, terms_of
from search.selectors import RESULT_TYPES, log_query, pages_for_ids, promoted_pages, search_results

PER_PAGE = 10


def search(request):
    """Site search: promoted results first, then live public pages best first.

    Any input answers 200: the query is cleaned before it reaches the backend,
    unknown types are ignored and out-of-range pages show the nearest page.
    """
    query = clean_query(request.GET.get("q", ""))
    result_type = request.GET.get("type", "")
    if result_type not in RESULT_TYPES:
        result_type = ""

    promotions = []
    results_page = None
    cross_lingual = False
    if query:
        site = Site.find_for_request(request)
        promotions = promoted_pages(query)
        if result_type:
            promotions = [page for page in promotions if page._meta.label == RESULT_TYPES[result_type][0]]
        promoted_ids = {page.pk for page in promotions}
        ranking = search_results(query, site=site, result_type=result_type)
        ids = [pk for pk in ranking.ids if pk not in promoted_ids]
        cross_lingual = ranking.cross_lingual and bool(ids)
        results_page = paginate(request, ids, PER_PAGE)
        results_page.cards = cached_cards(
            request,
            "components/search_result.html",
            results_page.object_list,
            pages_for_ids,
            as_name="result",
            # The query's words are marked in each excerpt: cards are kept per set of words.
            context={"highlight": " ".join(terms_of(query))},
        )
        if results_page.number == 1:
            log_query(query)
        if results_page.number > 1:
            # Promotions head the first page only.
            promotions = []

    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "result_type": result_type,
            "result_types": [(key, plural) for key, (_label, _singular, plural) in RESULT_TYPES.items()],
            "promotions": promotions,
            "cross_lingual": cross_lingual,
            "results_page": results_page,
            "result_count": (len(promotions) + results_page.paginator.count) if results_page else 0,
        },
    )
    if results_page is not None and results_page.number == 1:
        # Served again from the page cache, this page counts as a search too
        # (home.caching.search_hits); no cache in front of the site may keep it.
        mark(response, query)
    return response
