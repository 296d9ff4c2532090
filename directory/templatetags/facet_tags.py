"""The directory's facet panel markup. Read-only; one tag, `{% facet_options facet %}`."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from home.templatetags.figure_tags import data_source_icon

register = template.Library()


@register.simple_tag
def facet_options(facet):
    """A facet's checkboxes as <li> elements, every value escaped.

    Plain string building rather than a template loop or format_html_join: at
    10,000 entries the panel holds some 270 options, which the template engine
    renders in about 45 ms, format_html_join in 10 ms and this in under 1 ms.
    """
    param = escape(facet.param)
    with_icons = facet.param == "data_source"

    def icon(value):
        # The data sources carry their icon (aria-hidden; the label says the name).
        return data_source_icon(value, 16) if with_icons else ""

    return mark_safe(  # noqa: S308 - every interpolated value is escaped
        "".join(
            f'<li><input type="checkbox" id="facet-{param}-{number}" name="{param}" value="{escape(option.value)}"'
            f'{" checked" if option.selected else ""}><label for="facet-{param}-{number}">'
            f"{icon(option.value)}{escape(option.label)}"
            f' <span class="facet__count">({int(option.count)})</span></label></li>'
            for number, option in enumerate(facet.options, start=1)
        )
    )
