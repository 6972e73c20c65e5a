"""Hypothesis profiles for the whole suite.

Two profiles, chosen by the environment variable ``HYPOTHESIS_PROFILE``:

``fast`` (the default)
    30 examples a property, random: quick enough to run on every change.
``ci``
    200 examples a property (fewer for the costly ones, which scale their
    count from this one), derandomised so that a commit's CI run always
    tests the same examples and a failure can be reproduced; ``.ci/run``
    selects it.

Parsing takes a few milliseconds a text, so no profile has a deadline and
neither minds slow data generation: a slow example is not a failure, a
wrong one is.  Properties that parse say how much of the profile's count
they can afford with :func:`hypothesis.settings` of their own, scaled from
``settings().max_examples`` (a half, a quarter, a tenth).  Set
``HYPOTHESIS_PROFILE=ci`` to run locally what CI runs.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fast",
    max_examples=30,
    deadline=None,
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
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))
