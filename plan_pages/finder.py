"""Find my area: the plans whose villages, parishes or postcodes a resident typed."""

from places.names import name_keys, split_place_names

MAX_QUERY = 100
MIN_PREFIX = 3  # "glu" finds Glumsø; "g" finds nothing rather than half the municipality


def names_of(plan) -> list[str]:
    return [plan.title, *split_place_names(plan.place_names)]


def plans_named(query: str, plans) -> list:
    """The plans one of whose names is the query (in any of its spellings); failing that, those
    with a name that begins with it. In the order given."""
    typed = name_keys(query[:MAX_QUERY])
    if not query.strip():
        return []
    keyed = [(plan, {key for name in names_of(plan) for key in name_keys(name)}) for plan in plans]
    exact = [plan for plan, keys in keyed if typed & keys]
    if exact or len(query.strip()) < MIN_PREFIX:
        return exact
    return [plan for plan, keys in keyed if any(key.startswith(t) for key in keys for t in typed)]


def all_place_names(plans) -> list[str]:
    """Every name of every plan once, sorted as Danish readers expect æ, ø, å (after z)."""
    names = {name for plan in plans for name in split_place_names(plan.place_names)}
    return sorted(names, key=danish_order)


# Æ, Ø and Å come after Z, as the characters after "z" in ASCII.
AFTER_Z = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def danish_order(name: str) -> str:
    return name.casefold().translate(AFTER_Z)
