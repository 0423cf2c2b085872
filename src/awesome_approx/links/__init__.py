"""The link checker: verify every entry by its identifiers first, by HTTP only where none exists.

Pipeline (each step its own module, small types between them, as in lychee):

    Catalog --targets--> Reference/Target --strategies (arxiv, doi, github, ieee, http)--> Result
            --cache (freshness, dead confirmation)--> checker (scheduler, retries, safety) --> report

Outcomes: `ok`, `dead` (the owner of the link says it does not exist), `blocked` (bot protection),
`unknown` (we could not tell); warnings: `redirected`, `mismatch`, `archived`.
"""
