"""Demo content for local use: the site tree, the reference data and placeholder images.

`manage.py load_demo_content` calls `loader.load_demo_content`, which loads each
kind of content through its own module (`tree`, `vocabularies`, `members`,
`entries`, `events`, `news`, `users`, built on `upsert`) and then indexes once
(`indexing`). The text of the standard pages lives in `pages.py`, the
placeholder cards in `placeholders.py` and the hand-checked links between
records in `mappings.py`.
"""
