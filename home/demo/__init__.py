"""Demo content for local use: the site tree, the reference data and placeholder images.

`manage.py load_demo_content` calls `loader.load_demo_content`; the text of the
standard pages lives in `pages.py`, the placeholder cards in `placeholders.py`
and the hand-checked links between records in `mappings.py`.
"""
