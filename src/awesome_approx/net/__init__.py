"""The network edge, shared by `links` and `add`/`enrich`/`discover`.

    transport.py    the one HTTP reader: a slot per host, no automatic redirects, a capped and time-boxed body
    safety.py       what may be fetched at all: http(s) only, never an internal or metadata address
"""
