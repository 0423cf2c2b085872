"""doi.org handle API: does a DOI exist?

`GET {base}/api/handles/{doi}` answers JSON with `responseCode` 1 when the handle exists and 100 when it
does not (with HTTP 404). Anything else (2 = server error, 5xx, unparsable) means we do not know.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

EXISTS = 1
NOT_FOUND = 100


def handle_url(base_url: str, doi: str) -> str:
    # Keep '/' (part of every DOI); escape what would end the path (?, #, spaces...).
    return f"{base_url.rstrip('/')}/api/handles/{quote(doi.strip(), safe='/')}"


def exists_from_answer(status: int, body: Any) -> bool | None:
    """True/False from the handle API's answer, None when it does not say."""
    code = body.get("responseCode") if isinstance(body, dict) else None
    if code == EXISTS and status == 200:
        return True
    if code == NOT_FOUND and status in (200, 404):
        return False
    return None
