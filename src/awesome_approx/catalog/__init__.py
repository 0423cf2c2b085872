"""The vocabulary every stage shares: the data model, problems, identifiers, and when two entries are one.

    model.py        Entry, Category, Catalog, field names, the entry files' schema modeline
    problems.py     Problem (file, line, column, stable code, message, hint) and its output formats
    identifiers.py  arXiv ids, DOIs, IEEE document numbers, GitHub repositories, URLs: parse and normalise
    identity.py     the one rule for "the same paper" (validate's duplicates and add's refusal)
    entry_ids.py    the one rule for entry ids: what is valid, and how a new one is made from the fields
"""
