"""Test options: ``--thorough`` runs the cross-checks of tests/test_cross_checks.py with 10× the examples;
in CI (``CI`` set, as .ci/run does) hypothesis is derandomized, so a run is reproducible."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_addoption(parser):
    parser.addoption("--thorough", action="store_true",
                     help="10x the examples of the independent cross-checks (tests/test_cross_checks.py)")


def pytest_configure(config):
    if config.getoption("--thorough"):
        os.environ["RELUGEOM_THOROUGH"] = "1"
