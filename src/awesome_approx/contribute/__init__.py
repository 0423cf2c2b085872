"""Tools for contributors: adding entries, formatting entry files, importing hand-written lists."""
