"""`{% similar_entries page as similar %}`: the entries like this one, for its page's foot."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def similar_entries(context, entry):
    """[{"card", "why"}] (directory/similar.py); read inside the entry page's cached
    fragment, so a fragment served from the cache runs none of its queries."""
    from directory.similar import similar_entries as find

    request = context.get("request")
    if request is None:
        return []
    return find(entry, request)
