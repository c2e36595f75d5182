"""A host site with only Wagtail, wagtail-localize and sdg: proof that sdg stands alone
(sdg/tests/test_standalone.py)."""
