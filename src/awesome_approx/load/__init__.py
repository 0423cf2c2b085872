"""The input edge: which files are entries (listing.py), and YAML read with positions (document.py)."""
