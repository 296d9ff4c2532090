"""Demo content for local use: the site tree and the reference data (no generated images).

`manage.py load_demo_content` calls `loader.load_demo_content`, which loads each
kind of content through its own module (`tree`, `vocabularies`, `members`,
`entries`, `events`, `news`, `users`, built on `upsert`) and then indexes once
(`indexing`). The text of the standard pages lives in `pages.py`, the
hand-checked links between records in `mappings.py`, and the links from
entries to the priority questions they answer, each with its reason, in
`question_links.py`.
"""
