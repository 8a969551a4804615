"""Imports every topic module so that its claims are registered (see ``claims.all_claims``)."""

import importlib

TOPICS = ("bounds", "generic", "sampling", "shallow", "arrangements")

for _topic in TOPICS:
    try:
        importlib.import_module(f"{__package__}.{_topic}")
    except ModuleNotFoundError as exc:  # a topic module not written yet
        if exc.name != f"{__package__}.{_topic}":
            raise
