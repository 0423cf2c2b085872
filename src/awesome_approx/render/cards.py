"""An entry's card on its category page, as HTML (pure).

The card has a stable anchor (its id) on its <h3>, the citation as a COinS span (render/coins.py) for
Zotero, the meta line, the description, the link buttons (`entry_buttons`, which keeps only http(s)
URLs), the BibTeX record for the copy button, the edit link and the tags. Every value from data goes
through `escape`.

Written in Python rather than as a Jinja block of templates/site/category.md.j2, as the README's entry
line is (render/readme.py), for issue 9's target of a site build at most 1.5x a bare `mkdocs build`:
Jinja's cost per expression and per `set` made the cards the largest step of the build. Measured side
by side against the card as a template block, with the same HTML byte for byte: the category pages of
10,000 entries in 1.0-1.4 against 1.7-2.4 s (interleaved rounds), and of 2,000 entries in 0.72x the
instructions and 0.75x the estimated cycles (cachegrind).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from awesome_approx.catalog.model import Entry
from awesome_approx.render.coins import entry_coins
from awesome_approx.render.entry_view import author_list, entry_buttons
from awesome_approx.render.exports import entry_bibtex


@dataclass(frozen=True)
class CardLinks:
    """What a card links to besides the entry's own URLs."""

    browse_url: str  # the browse table, relative to the card's page (tags link to it, filtered)
    edit_url: Callable[[Entry], str]  # the repository's web editor on the entry's file
    archived: frozenset[str]  # ids of entries whose code repository is archived or gone


ARCHIVED = (' <span class="aa-badge aa-badge--archived" title="The code repository is archived or gone">'
            'archived</span>')


def entry_card(entry: Entry, links: CardLinks) -> Markup:
    """The card of `entry`, from <article> to </article>, each part on its own line."""
    key = escape(entry.id)
    badge = ARCHIVED if entry.id in links.archived else ""
    lines = [
        f'<article class="aa-entry" data-entry="{key}">',
        f'<h3 id="{key}" class="aa-entry__title">{escape(entry.title)}{badge}'
        f'<a class="headerlink" href="#{key}" title="Link to this entry">&para;</a></h3>',
        f'<span class="Z3988" title="{escape(entry_coins(entry))}"></span>',
    ]
    meta = [(kind, text) for kind, text in (("authors", author_list(entry)), ("year", entry.year),
                                            ("venue", entry.venue)) if text]
    if meta:
        spans = " &middot; ".join(f'<span class="aa-entry__{kind}">{escape(text)}</span>' for kind, text in meta)
        lines.append(f'<p class="aa-entry__meta">{spans}</p>')
    description = (f'<p class="aa-entry__description">{escape(entry.description)}</p>' if entry.description
                   else "")
    lines.append(f'{description}<p class="aa-entry__links">')
    lines += [f'<a class="md-button aa-button aa-button--{b.kind}" href="{escape(b.href)}">{escape(b.label)}</a>'
              for b in entry_buttons(entry)]
    lines += [f'<button type="button" class="md-button aa-button aa-button--bibtex" '
              f'data-bibtex="{escape(entry_bibtex(entry))}" title="Copy the BibTeX record">BibTeX</button>',
              f'<a class="aa-entry__edit" href="{escape(links.edit_url(entry))}" '
              'title="Edit this entry\'s YAML file">Edit this entry</a>', "</p>"]
    if entry.tags:
        browse = escape(links.browse_url)
        tags = "".join(f'<a class="aa-tag" href="{browse}?tag={escape(quote(tag, safe="/"))}">{escape(tag)}</a> '
                       for tag in entry.tags)
        lines.append(f'<p class="aa-entry__tags">{tags}</p>')
    lines.append("</article>")
    return Markup("\n".join(lines))
