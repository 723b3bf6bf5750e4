"""A bounded worker pool with a queue and a per-request time limit.

At most ``workers`` requests compute at once and ``queue`` more wait; beyond that a request is refused
at once with 503 (try again) instead of piling up. A request that exceeds the time limit is answered
with 503; its worker finishes in the background (Python threads cannot be stopped) and keeps its
place in the count until then, so runaway work cannot overload the server.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from kkik_xl.server.errors import ApiError

T = TypeVar("T")
BUSY = "Tjänsten är upptagen just nu. Försök igen om en stund."
TIMEOUT = "Kontrollen tog för lång tid och avbröts. Försök igen senare eller dela upp filen."


class WorkerPool:
    """Run blocking work off the event loop, bounded in concurrency and waiting room."""

    def __init__(self, workers: int, queue: int, timeout: float) -> None:
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kkik-worker")
        self._capacity = workers + queue
        self._timeout = timeout
        self._in_flight = 0
        self._lock = threading.Lock()

    def _admit(self) -> None:
        with self._lock:
            if self._in_flight >= self._capacity:
                raise ApiError(503, BUSY)
            self._in_flight += 1

    def _release(self, _future: Future[Any]) -> None:
        with self._lock:
            self._in_flight -= 1

    async def run(self, work: Callable[[], T]) -> T:
        """``work()`` in a worker thread; 503 when full or when it takes longer than the time limit."""
        self._admit()
        future = self._executor.submit(work)
        future.add_done_callback(self._release)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self._timeout)
        except TimeoutError:
            raise ApiError(503, TIMEOUT) from None

    def shutdown(self) -> None:
        """Stop accepting work (running work finishes)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
