import uuid

from home.caching import content_version as current_content_version


def content_version(request):
    """The content version, for `{% wagtailcache %}` fragments that must be
    rendered afresh after every publish (see home.caching).

    When it cannot be read (the cache is down), a value of this request
    alone: the fragments are rendered, and whatever is stored is never read.
    """
    version = current_content_version()
    return {"content_version": uuid.uuid4().hex if version is None else version}
