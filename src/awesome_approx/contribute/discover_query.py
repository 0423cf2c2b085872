"""The arXiv search syntax a category's `discover` query may use, checked before any request is sent.

    abs:"post-training quantization" AND cat:cs.LG
    (ti:pruning OR abs:"structured sparsity") ANDNOT ti:survey

What is accepted (a subset of the arXiv API's `search_query` language, chosen so a typo fails at load
time instead of silently matching nothing or everything):
- a term is a field prefix and a value: `ti:` title, `abs:` abstract, `au:` author, `cat:` subject
  category, `all:` all of these (also `co:` comment, `jr:` journal reference, `rn:` report number);
- a value is one word (no spaces, quotes or parentheses) or a "quoted phrase" (not empty, no quote inside);
- terms are joined by the operators AND, OR and ANDNOT, written in capitals, one between every two terms
  (arXiv reads a bare space between terms as OR, which is rarely what was meant);
- parentheses group, and must balance; the whole query is at most MAX_LENGTH characters, on one line.

Hand-written because no library knows arXiv's query language; it is a small recursive-descent parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIELD_PREFIXES = ("ti", "abs", "au", "cat", "all", "co", "jr", "rn")
OPERATORS = ("AND", "OR", "ANDNOT")
MAX_LENGTH = 500
TOKEN = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<term>(?P<prefix>[A-Za-z]+):(?:"(?P<phrase>[^"]*)"'
                   r'|(?P<word>[^\s()"]+))?)|(?P<operator>[A-Za-z]+)(?=[\s()]|$)|(?P<other>\S))')


class QueryError(ValueError):
    """The query is not in the accepted syntax; the message says where and what to write instead."""


@dataclass(frozen=True)
class Token:
    kind: str  # "open", "close", "term", "operator"
    text: str
    column: int  # 1-based


def tokens(query: str) -> list[Token]:
    found = []
    position = 0
    while position < len(query):
        match = TOKEN.match(query, position)
        if match is None or match.end() == position:  # only trailing spaces are left
            break
        column = match.start(match.lastgroup or 0) + 1
        if match["other"] is not None:
            char = match["other"]
            hint = "a quote must close a phrase that follows a field prefix" if char == '"' else \
                "write field:value terms joined by AND, OR, ANDNOT"
            raise QueryError(f"unexpected '{char}' at column {column}: {hint}")
        if match["term"] is not None:
            _check_term(match, column)
            found.append(Token("term", match["term"], column))
        elif match["operator"] is not None:
            word = match["operator"]
            if word not in OPERATORS:
                known = ", ".join(OPERATORS)
                if word.upper() in OPERATORS:
                    raise QueryError(f"operator '{word}' at column {column} must be written {word.upper()}")
                raise QueryError(f"'{word}' at column {column} is neither a field:value term nor an operator "
                                 f"({known}); prefix it, e.g. all:{word}")
            found.append(Token("operator", word, column))
        else:
            found.append(Token("open" if match["open"] else "close", match.group(match.lastgroup), column))
        position = match.end()
    return found


def _check_term(match: re.Match[str], column: int) -> None:
    prefix = match["prefix"]
    if prefix not in FIELD_PREFIXES:
        raise QueryError(f"unknown field prefix '{prefix}:' at column {column}; use one of "
                         + ", ".join(f"{p}:" for p in FIELD_PREFIXES))
    if match["phrase"] is None and match["word"] is None:
        rest = match.string[match.end():match.end() + 1]
        if rest == '"':
            raise QueryError(f"the phrase after '{prefix}:' at column {column} has no closing quote")
        raise QueryError(f"'{prefix}:' at column {column} has no value: write {prefix}:word or {prefix}:\"a phrase\"")
    if match["phrase"] is not None and not match["phrase"].strip():
        raise QueryError(f"the phrase after '{prefix}:' at column {column} is empty")


def check_query(query: object) -> str:
    """The query itself when it is in the accepted syntax; QueryError naming the first problem otherwise."""
    if not isinstance(query, str) or not query.strip():
        raise QueryError("a discover query must be a non-empty text such as abs:\"post-training quantization\"")
    if "\n" in query or "\r" in query or any(ord(ch) < 32 for ch in query):
        raise QueryError("a discover query must be one line without control characters")
    if len(query) > MAX_LENGTH:
        raise QueryError(f"a discover query may be at most {MAX_LENGTH} characters, not {len(query)}")
    found = tokens(query)
    end = _expression(found, 0)
    if end < len(found):
        token = found[end]
        raise QueryError(f"unexpected '{token.text}' at column {token.column}"
                         + ("" if token.kind != "close" else ": no '(' to close"))
    return query


def _expression(found: list[Token], index: int) -> int:
    """expression := operand (OPERATOR operand)*; returns the index after it."""
    index = _operand(found, index)
    while index < len(found) and found[index].kind != "close":
        token = found[index]
        if token.kind != "operator":
            raise QueryError(f"'{token.text}' at column {token.column} follows another term without an "
                             "operator: join terms with AND, OR or ANDNOT")
        index = _operand(found, index + 1)
    return index


def _operand(found: list[Token], index: int) -> int:
    """operand := term | '(' expression ')'."""
    if index >= len(found):
        raise QueryError("the query ends where a field:value term or '(' is expected")
    token = found[index]
    if token.kind == "term":
        return index + 1
    if token.kind == "open":
        end = _expression(found, index + 1)
        if end >= len(found) or found[end].kind != "close":
            raise QueryError(f"the '(' at column {token.column} is never closed")
        return end + 1
    raise QueryError(f"unexpected '{token.text}' at column {token.column}: a field:value term or '(' is "
                     "expected here")
