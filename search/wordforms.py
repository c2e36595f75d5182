"""The word forms a search word stands for, the same on SQLite and PostgreSQL.

Both databases stem with Snowball (PostgreSQL's `danish`/`english` configurations, the
`snowballstemmer` package on SQLite), but stems alone miss pairs a resident expects to match:
Danish Snowball gives "legeplads" → `legeplad` and "legepladser" → `legeplads`, "cykel" →
`cykel` and "cykler" → `cykl`, and nothing joins "cykel" to "cykelparkering". So each word of
a query is looked for as several forms, any of which may match:

- its stem, and the stem of its stem ("legepladser" → `legeplads`, `legeplad`);
- in Danish, the stem with or without the unstressed e of -el/-er/-en ("cykel" ⇄ `cykl`,
  "regel" ⇄ `regl`), which Danish drops before an ending;
- as a prefix, when the form has at least PREFIX_FROM letters ("cykel" finds
  "cykelparkering"); shorter forms ("sø", "sti", "bus") must match whole, or they would
  find far too much.
"""

import re
from functools import lru_cache

from django.conf import settings

import snowballstemmer

PREFIX_FROM = 4
CONSONANT = "bcdfghjklmnpqrstvwxz"
# A Danish stem whose last syllable has an e that drops before an ending: cykel → cykl.
WITH_E = re.compile(rf"^(.+[{CONSONANT}])e([lnr])$")
# And the other way: cykl → cykel.
WITHOUT_E = re.compile(rf"^(.*[aeiouyæøå].*[{CONSONANT}])([lnr])$")
WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text, lower case, without punctuation or operators."""
    return WORD.findall(text.lower())


def algorithm(language_code: str | None) -> str:
    """The Snowball algorithm for a language code: the name of its PostgreSQL configuration."""
    configs = settings.SEARCH_CONFIG_BY_LANGUAGE
    return configs.get((language_code or "")[:2], configs[settings.LANGUAGE_CODE])


@lru_cache(maxsize=8)
def stemmer(name: str):
    return snowballstemmer.stemmer(name)


def stem_text(text: str, language_code: str | None) -> str:
    """The text as the stems of its words: what the SQLite index holds."""
    return " ".join(stemmer(algorithm(language_code)).stemWords(words(text)))


def forms(word: str, language_code: str | None) -> list[tuple[str, bool]]:
    """The forms (stem, is it a prefix) that a query word matches, in a stable order."""
    name = algorithm(language_code)
    stem = stemmer(name).stemWord(word.lower())
    found = [stem, stemmer(name).stemWord(stem)]
    if name == "danish" and len(stem) >= PREFIX_FROM:
        if match := WITH_E.match(stem):
            found.append(match[1] + match[2])
        elif match := WITHOUT_E.match(stem):
            found.append(match[1] + "e" + match[2])
    unique = dict.fromkeys(form for form in found if form)
    return [(form, len(form) >= PREFIX_FROM) for form in unique]


def query_forms(text: str, language_code: str | None) -> list[list[tuple[str, bool]]]:
    """For each word of a query, the forms it matches (every word must match one of them)."""
    return [forms(word, language_code) for word in dict.fromkeys(words(text))]
