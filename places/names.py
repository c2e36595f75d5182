"""Place names as residents type them: "Glumsø", "glumsoe", "GLUMSØ " and "Glumso" all match."""

import re
import unicodedata

# Danish letters as they are written without them (as in addresses and slugs), and a second
# spelling people use on keyboards without them ("Glumso").
SPELLINGS = ({"æ": "ae", "ø": "oe", "å": "aa"}, {"æ": "a", "ø": "o", "å": "a"})


def split_place_names(text: str) -> list[str]:
    """The names in a list separated by commas, semicolons or new lines, each once."""
    names = (name.strip() for name in re.split(r"[,;\n]", text or ""))
    return list(dict.fromkeys(name for name in names if name))


def name_keys(name: str) -> set[str]:
    """The forms of a name that a search for it compares: lower case, spaces tidied, the
    Danish letters written out both ways, other accents dropped."""
    base = " ".join(name.casefold().split())
    keys = set()
    for spelling in SPELLINGS:
        written = "".join(spelling.get(char, char) for char in base)
        keys.add(
            "".join(
                c for c in unicodedata.normalize("NFKD", written) if not unicodedata.combining(c)
            )
        )
    return keys
