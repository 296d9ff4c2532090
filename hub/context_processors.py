from home.search_query import content_version as current_content_version


def content_version(request):
    """The content version, for `{% wagtailcache %}` fragments that must be
    rendered afresh after every publish (see home.search_query)."""
    return {"content_version": current_content_version()}
