"""Small measures that keep large policies fast (see `make bench`)."""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_garbage_collection_paused() -> Iterator[None]:
    """Loading and rendering create millions of short-lived objects without cycles, which reference counting
    frees; the cyclic collector would meanwhile scan the whole policy again and again (half the
    render time of a policy with 1,000 activities)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What survived the pause goes straight to the oldest generation (a list splice, no scan): left in
            # the youngest, the first collection after the pause would scan all of it (2 % of a small build).
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def no_final_collection() -> None:
    """At exit, move every object into the permanent generation, so that the interpreter's shutdown does not
    scan them all once more for cycles (50 ms of a 0.4 s build of the example: the model classes' schemas and
    the imported modules are hundreds of thousands of objects). The process ends; the memory is freed anyway.
    Registered once, however often a command runs in one process (the tests)."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
