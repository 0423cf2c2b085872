"""Real HTTP servers on loopback that play arXiv, doi.org, Crossref, GitHub and faulty web hosts in tests."""
