"""The contributor workflow: `add` (a new entry from its identifier) and `fmt` (the canonical file form)."""
