"""The one body StreamBlock shared by every page type, and the citation block."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "home/blocks/image_with_caption_block.html"
        label = _("Image with caption")
        description = _("An image with contextual alt text and an optional caption")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"
        label = _("Quote")
        description = _("A pull quote with its source")


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.URLBlock(required=False)
    link_label = blocks.CharBlock(max_length=60)

    class Meta:
        icon = "pick"
        template = "home/blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A heading, a sentence and one link: to a page or an address")


class VideoLinkBlock(blocks.StructBlock):
    """A link to a video, never an embed: embeds load third-party scripts."""

    title = blocks.CharBlock(max_length=200)
    url = blocks.URLBlock()
    duration = blocks.CharBlock(required=False, max_length=20, help_text=_("For example 12 min"))

    class Meta:
        icon = "media"
        template = "home/blocks/video_link_block.html"
        label = _("Video link")
        description = _("A link to a video hosted elsewhere (nothing is embedded)")


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=250)
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    items = blocks.ListBlock(AccordionItemBlock())

    class Meta:
        icon = "list-ul"
        template = "home/blocks/accordion_block.html"
        label = _("Accordion / FAQ")
        description = _("Questions and answers that open in place")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        max_length=120,
        template="home/blocks/heading_block.html",
        icon="title",
        label=_("Section heading"),
        description=_("A second-level heading that starts a section"),
    )
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        template="home/blocks/paragraph_block.html",
        icon="pilcrow",
        label=_("Rich text"),
        description=_("Paragraphs, lists and links"),
    )
    image = ImageWithCaptionBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    video_link = VideoLinkBlock()
    table = TableBlock(
        template="home/blocks/table_block.html",
        icon="table",
        label=_("Table"),
        description=_("A simple table with an optional header row"),
    )
    accordion = AccordionBlock()


class CitationBlock(blocks.StructBlock):
    """A source: every fact on the hub keeps the reference it came from."""

    title = blocks.CharBlock(max_length=500)
    url = blocks.URLBlock(required=False, max_length=1000)
    year = blocks.IntegerBlock(required=False, min_value=1900, max_value=2100)
    publisher = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "link"
        template = "home/blocks/citation_block.html"
        label = _("Source")
        description = _("A cited source with its address")


class SourcesBlock(blocks.StreamBlock):
    source = CitationBlock()
