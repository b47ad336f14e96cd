"""The preview's garbage collector (idlegc.py): rebuilds skip what the last build left, and
the idle collection still frees it: nothing is leaked."""

import gc
import time
import weakref

from govnews.perf.idlegc import IdleCollector


class Node:
    def __init__(self):
        self.me = self   # a reference cycle: only the cyclic collector frees it


def test_a_finished_build_is_frozen_and_collected_when_idle():
    collector = IdleCollector(delay=0.05)
    try:
        node = Node()
        ref = weakref.ref(node)
        collector.build_finished()
        assert gc.get_freeze_count() > 0   # the next rebuild's collections skip the heap
        del node
        gc.collect()
        assert ref() is not None   # frozen: a collection during a build does not scan it
        deadline = time.monotonic() + 5
        while ref() is not None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert ref() is None   # the idle collection saw the whole heap
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0


def test_a_build_that_starts_first_cancels_the_idle_collection():
    collector = IdleCollector(delay=0.2)
    try:
        collector.collect()   # the baseline: this heap is not "piled-up garbage"
        node = Node()
        ref = weakref.ref(node)
        collector.build_finished()
        del node
        collector.build_started()   # the editor saved again: no collection during the build
        time.sleep(0.4)
        assert ref() is not None
        collector.collect()
        assert ref() is None
    finally:
        collector.stop()


def test_edits_too_fast_to_be_idle_do_not_pile_up_garbage():
    collector = IdleCollector(delay=60)   # never idle in this test
    try:
        collector.collect()
        baseline = gc.get_freeze_count()
        for _ in range(8):   # builds that each leave cyclic garbage, one right after another
            collector.build_started()
            garbage = [Node() for _ in range(max(baseline, 100_000) // 2)]
            del garbage
            collector.build_finished()
        # collected once it passes twice the baseline (+ one build's garbage); kept, 8 builds'
        # garbage would be 5× the baseline
        assert gc.get_freeze_count() <= 3 * max(baseline, 100_000)
    finally:
        collector.stop()
