"""Validate: from data/ to a checked `Catalog` and every problem found on the way.

    pipeline.py     load_catalog: list files, read categories, check each file (cached), cross-entry rules
    categories.py   data/categories.yaml into the category tree
    schema.py       the JSON Schema applied to one entry
    entry_rules.py  the rules beyond the schema, as a table (field, predicate, code, message, hint)
    entry.py        one entry file on its own: read, schema, rules, Entry
    cross_entry.py  no paper twice
    cache.py        per-file results kept between runs
"""

from awesome_approx.validate.pipeline import LoadResult, load_catalog

__all__ = ["LoadResult", "load_catalog"]
