"""The strategies, as one registry of {matches, check} (lychee's quirks shape): the first that matches a
target checks it. `check_batch` checks many targets in one go (arXiv); `depends_on`/`derive` let a target
take another's outcome (an IEEE document judged through its DOI); `asks` names the URL a strategy
requests first, so the scheduler queues the job behind that host.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from awesome_approx.links.results import Result
from awesome_approx.links.strategies import arxiv, doi, github, http, ieee
from awesome_approx.links.strategies.common import Context
from awesome_approx.links.targets import Target
from awesome_approx.sources.endpoints import Endpoints


def _target_url(target: Target, endpoints: Endpoints) -> str:
    return target.url


@dataclass(frozen=True)
class Strategy:
    name: str
    matches: Callable[[Target], bool]
    check: Callable[[Target, Context], Result] | None = None
    check_batch: Callable[[list[Target], Context], Iterator[tuple[Target, Result]]] | None = None
    depends_on: Callable[[Target], str | None] | None = None
    derive: Callable[[Target, Result], Result] | None = None
    asks: Callable[[Target, Endpoints], str] = _target_url


REGISTRY: tuple[Strategy, ...] = (
    Strategy("arxiv", arxiv.matches, check_batch=arxiv.check_batch, asks=lambda _, ends: ends.arxiv),
    Strategy("doi", doi.matches, doi.check, asks=lambda _, ends: ends.doi),
    Strategy("github", github.matches, github.check, asks=lambda _, ends: ends.github),
    Strategy("ieee", ieee.matches, ieee.check, depends_on=ieee.depends_on, derive=ieee.derive),
    Strategy("http", http.matches, http.check),
)


def strategy_for(target: Target) -> Strategy:
    return next(s for s in REGISTRY if s.matches(target))
