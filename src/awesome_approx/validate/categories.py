"""data/categories.yaml: the ordered tree of sections, read into `Category` values with every problem.

The tree is at most MAX_CATEGORY_DEPTH levels deep (a README heading per level: deeper would be
unreadable), and titles are plain text: they become headings, navigation and page titles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from awesome_approx.catalog.model import CITATION, NAMED, Category
from awesome_approx.catalog.problems import Problem
from awesome_approx.contribute.discover_query import QueryError, check_query
from awesome_approx.load.document import Document, read_document

CATEGORY_KEYS = ("id", "title", "description", "style", "children", "discover")
STYLES = (CITATION, NAMED)
MAX_CATEGORY_DEPTH = 4
MARKUP = ("<", ">")


def load_categories(path: Path, problems: list[Problem]) -> tuple[Category, ...]:
    doc = read_document(path)
    problems.extend(doc.problems)
    if doc.data is None:
        return ()
    if not isinstance(doc.data, list):
        problems.append(doc.problem("category-file", "categories.yaml must be a list of categories",
                                    "start each category with '- id: ...'"))
        return ()
    seen: set[str] = set()
    return _build_categories(doc, doc.data, (), 0, None, seen, problems)


def _build_categories(doc: Document, items: list[Any], at: tuple[str | int, ...], depth: int,
                      parent: str | None, seen: set[str], problems: list[Problem]) -> tuple[Category, ...]:
    built = []
    for index, item in enumerate(items):
        where = (*at, "children", index) if at else (index,)
        if not isinstance(item, dict):
            problems.append(doc.problem("category-file", "a category must be a mapping with id and title",
                                        at=where))
            continue
        unknown = sorted(set(item) - set(CATEGORY_KEYS))
        cid, title = item.get("id"), item.get("title")
        style = item.get("style", NAMED)
        if unknown or not isinstance(cid, str) or not isinstance(title, str) or style not in STYLES:
            problems.append(doc.problem(
                "category-file",
                f"category {index + 1} needs a string id and title, style one of {', '.join(STYLES)}"
                + (f"; unknown keys: {', '.join(map(str, unknown))}" if unknown else ""),
                at=where))
            continue
        if cid in seen:
            problems.append(doc.problem("category-file", f"category id '{cid}' is used twice", at=where))
            continue
        seen.add(cid)
        if any(mark in title for mark in MARKUP):
            problems.append(doc.problem("category-file", f"the title of category '{cid}' contains < or >",
                                        "titles are plain text: write the words without < and >", at=where))
            continue
        discover = item.get("discover")
        if discover is not None:
            try:
                check_query(discover)
            except QueryError as error:
                problems.append(doc.problem("category-file", f"discover query of '{cid}': {error}", at=where))
                discover = None
        children = item.get("children") or []
        if not isinstance(children, list):
            problems.append(doc.problem("category-file", f"children of '{cid}' must be a list", at=where))
            children = []
        if children and depth + 1 >= MAX_CATEGORY_DEPTH:
            problems.append(doc.problem(
                "category-file", f"category '{cid}' has children deeper than {MAX_CATEGORY_DEPTH} levels",
                f"categories nest at most {MAX_CATEGORY_DEPTH} levels deep: move its children up a level",
                at=where))
            children = []
        kids = _build_categories(doc, children, where, depth + 1, cid, seen, problems)
        built.append(Category(cid, title, str(item.get("description") or ""), style, kids, depth, parent,
                              discover or ""))
    return tuple(built)
