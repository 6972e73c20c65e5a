"""Hypothesis profiles for the whole suite.

Two profiles, chosen by the environment variable ``HYPOTHESIS_PROFILE``:

``ci`` (the default)
    200 examples a property (fewer for the costly ones, which scale their
    count from this one), derandomised so that every run, the README's test
    command and CI's alike, tests the same examples, a failure can be
    reproduced, and the known misses (strict xfails) stay decided.
``fast``
    30 examples a property, derandomised too: quick enough to run on every
    change while working, though the strict xfails of the generative
    properties are decided for the ``ci`` examples only.

Parsing takes a few milliseconds a text, so no profile has a deadline and
neither minds slow data generation: a slow example is not a failure, a
wrong one is.  Properties that parse say how much of the profile's count
they can afford with :func:`hypothesis.settings` of their own, scaled from
``settings().max_examples`` (a half, a quarter, a tenth).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fast",
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same examples every run, so that strict xfails stay decided
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
