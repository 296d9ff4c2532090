"""The public read-only API (Wagtail API v2): published, public pages only.

Wagtail's pages endpoint already lists only live pages visible to anonymous
visitors, but a page's fields can point at other pages (featured entries,
related members, organisers), and those links carry the linked page's title.
The endpoint below removes every link to a page that is not live and public,
so a draft or restricted page's title never leaves the site through the API.
"""

from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db import connection, models
from django.http import QueryDict

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from taggit.managers import TaggableManager

from home.media_privacy import visible_images
from home.search_query import clean_query


def _page_links(data):
    """Yield (container, key or index) of every nested page link in serialized data."""
    if isinstance(data, dict):
        for key, value in data.items():
            if _is_page_link(value):
                yield data, key
            else:
                yield from _page_links(value)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if _is_page_link(value):
                yield data, index
            else:
                yield from _page_links(value)


def _is_page_link(value):
    if not isinstance(value, dict) or "id" not in value or not isinstance(value.get("meta"), dict):
        return False
    meta = value["meta"]
    # Links to pages point at the pages endpoint; images and documents elsewhere.
    return "/pages/" in str(meta.get("detail_url", "")) or "html_url" in meta


def hide_private_links(data):
    """Drop links to pages that are not live and public, in place; one query."""
    top = data.get("items", [data]) if isinstance(data, dict) else []
    links = []
    for item in top:
        meta = item.get("meta") if isinstance(item, dict) else None
        if isinstance(meta, dict) and _is_page_link(meta.get("parent")):
            links.append((meta, "parent"))
        for field_name, value in item.items() if isinstance(item, dict) else []:
            if field_name in {"meta", "id"}:
                continue
            links.extend(_page_links(value))
    if not links:
        return data
    ids = {container[key]["id"] for container, key in links}
    visible = set(Page.objects.live().public().filter(pk__in=ids).values_list("pk", flat=True))
    # Remove from the end so list indices stay valid.
    for container, key in reversed(links):
        if container[key]["id"] not in visible:
            if isinstance(container, list):
                del container[key]
            else:
                container[key] = None
    return data


# Wagtail passes some parameters on to the database or the search backend
# unchecked, which then fail (a 500): NUL bytes (PostgreSQL refuses them),
# an unknown search operator, an offset or id past the column's range, a
# filter value of the wrong type. Every endpoint checks them first and
# answers 400 with Wagtail's usual {"message": ...}.
MAX_PARAMETER_LENGTH = 1000
SEARCH_OPERATORS = ("and", "or")


def check_parameters(params):
    """Refuse parameters that no endpoint could answer, whatever the model."""
    for name in params:
        if "\x00" in name or any("\x00" in value for value in params.getlist(name)):
            raise BadRequestError("null characters are not allowed")
        if any(len(value) > MAX_PARAMETER_LENGTH for value in params.getlist(name)):
            raise BadRequestError(f"{name} cannot be longer than {MAX_PARAMETER_LENGTH} characters")
    operator = params.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    for name in ("offset", "id"):
        if name in params:
            try:
                number = int(params[name])
            except ValueError:
                number = -1
            if number < 0 or not _in_range(number, "BigAutoField"):
                raise BadRequestError(f"{name} must be a positive integer no higher than the largest id")


def _in_range(number, internal_type):
    """Whether the database's column of that type can hold `number`."""
    try:
        low, high = connection.ops.integer_field_range(internal_type)
    except KeyError:
        return True
    return (low is None or low <= number) and (high is None or number <= high)


def check_field_values(params, model, filterable):
    """Refuse a field filter (?year_started=..., ?organisers=...) whose value
    the field cannot hold; Wagtail converts only some field types itself."""
    for name in set(filterable) & set(params):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        # Wagtail parses booleans itself; tags filter by name.
        if isinstance(field, (models.BooleanField, TaggableManager)):
            continue
        # A stream's or a JSON document's stored form cannot be compared with a string.
        if isinstance(field, (StreamField, models.JSONField)):
            raise BadRequestError(f"cannot filter by '{name}'")
        target = _filter_target(field)
        value = params[name]
        try:
            converted = target.to_python(value)
        except ValidationError as error:
            raise BadRequestError(f"field filter error. '{value}' is not a valid value for {name}") from error
        if isinstance(converted, int) and not _in_range(converted, target.get_internal_type()):
            raise BadRequestError(f"field filter error. {name} is out of range")


def _filter_target(field):
    """The column a filter value is compared with: for a relation, the related
    key, followed to its own column (a page's key is its link to wagtailcore.Page)."""
    for _ in range(3):
        if not field.is_relation:
            break
        try:
            field = field.target_field
        except (AttributeError, FieldError):
            field = field.related_model._meta.pk
    return field


class CheckedParametersMixin:
    """Checks and cleans the query parameters of an API endpoint before
    Wagtail reads them. Every endpoint of `api_router` uses it."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_parameters(request.GET)
        if "search" in request.GET:
            params = request.GET.copy()
            params["search"] = clean_query(params["search"])
            request._request.GET = params

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        model = queryset.model
        check_field_values(self.request.GET, model, self.get_available_fields(model, db_fields_only=True))


ENTRY_TYPE = "directory.DirectoryEntryPage"
# The API's own `type` names the page type, so the directory's `type` filter
# (collaborative type) is `collaborative_type` here.
DIRECTORY_RENAMED = {"collaborative_type": "type"}


def directory_filter_names():
    """The directory's filters (as /directory/ names them) the entries endpoint takes."""
    from directory.facets import choice_facets, term_facets

    names = {param for param, *_ in (*term_facets(), *choice_facets())} - {"type"}
    return names | {"collaborative_type", "country", "year", "q"}


class PublicPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    """Published pages only, only those visible to anonymous visitors, and links
    to other pages only where those are public too.

    With `type=directory.DirectoryEntryPage` it also takes the directory's own
    filters (`data_source`, `country`, `q`...), so "this selection" under a
    filtered listing is the same entries through the API."""

    directory_params = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.GET.get("type") != ENTRY_TYPE:
            return
        present = directory_filter_names() & set(request.GET)
        if present:
            params, directory = request.GET.copy(), QueryDict(mutable=True)
            for name in present:
                directory.setlist(DIRECTORY_RENAMED.get(name, name), params.pop(name))
            # Taken off the query, so Wagtail's own filters never see them.
            self.directory_params = directory
            request._request.GET = params

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.directory_params is not None:
            from directory.exports import directory_for
            from directory.listing import directory_listing

            ids = directory_listing(directory_for(self.request), self.directory_params).ids
            queryset = queryset.filter(pk__in=ids)
        return queryset

    def get_base_queryset(self):
        return super().get_base_queryset().live().public()

    def listing_view(self, request):
        response = super().listing_view(request)
        hide_private_links(response.data)
        return response

    def detail_view(self, request, pk):
        response = super().detail_view(request, pk)
        hide_private_links(response.data)
        return response


class PublicImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    """Only images in a public collection or used by a live public page: an image
    sent with a public submission is absent (listing, ?search=, detail) until a
    moderator publishes its page (home/media_privacy.py)."""

    def get_queryset(self):
        # Wagtail's own excludes every restricted collection, even images a live page shows.
        return visible_images(self.model.objects.all().order_by("id"), self.request)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
