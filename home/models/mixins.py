from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, queryset, per_page):
    """Page a listing from the `page` GET parameter.

    A page that is not a number shows the first page and one past the end shows
    the last, so a shared or hand-edited URL never answers an error.
    """
    paginator = Paginator(queryset, per_page)
    raw = request.GET.get("page", "1")
    try:
        return paginator.page(raw)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = 1
        return paginator.page(paginator.num_pages if number > 1 else 1)
