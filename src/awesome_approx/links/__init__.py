"""The link checker: verify every entry by its identifiers first, by HTTP only where none exists.

Pipeline (each step its own module, small types between them, as in lychee):

    Catalog --targets--> Reference/Target --strategies (arxiv, doi, github, ieee, http)--> Result
            --cache (freshness, dead confirmation)--> checker (scheduler, retries, safety) --> report

Outcomes: `ok`, `dead` (the owner of the link says it does not exist), `blocked` (bot protection,
recognised by status, headers or a challenge page), `unknown` (we could not tell), `moved` (a soft 404:
the page redirects to a home page or a generic page); warnings: `redirected`, `mismatch`, `archived`.
With `--suggest`, dead and moved pages get the closest Wayback Machine snapshot (links/wayback.py).
"""
