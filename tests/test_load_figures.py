"""The load benchmark compares each run with the kept figures by shares of the cached overview's
rate (benchmarks/load.py): a slower machine flags nothing, a page that got slower is named."""

from benchmarks.load import compare


def figures(**rates):
    reference = rates["cached: overview"]
    return {
        page: {"req_s": rate, "share_of_cached_overview": round(rate / reference, 4)}
        for page, rate in rates.items()
    }


KEPT = figures(**{"cached: overview": 2000.0, "uncached: plan": 30.0, "uncached: search": 60.0})


def test_a_run_on_a_machine_twice_as_slow_flags_no_page():
    slower_machine = figures(
        **{"cached: overview": 1000.0, "uncached: plan": 15.0, "uncached: search": 30.0}
    )
    assert compare(slower_machine, KEPT) == []


def test_a_page_whose_share_fell_by_more_than_15_percent_is_named_and_no_other():
    run = figures(**{"cached: overview": 1000.0, "uncached: plan": 12.0, "uncached: search": 30.0})
    assert compare(run, KEPT) == [
        "SLOWER: uncached: plan: 1/83 of the cached overview, was 1/67 (20% slower)"
    ]


def test_a_page_new_since_the_kept_figures_is_not_compared():
    run = figures(**{"cached: overview": 2000.0, "uncached: survey": 10.0})
    assert compare(run, KEPT) == []
