"""Live training: a user's training loop runs in a background thread, paced by Play / Pause / Step.

Every demo's `train(model, data, cfg, on_step, stop)` is driven unchanged: the job passes its own
`on_step`, which records the metrics, refreshes the view the page draws (at most every
`view_every` seconds, computed here between two steps so the model is never read mid-update)
and then waits for permission to take the next step. The page only reads `snapshot()`.

A server-wide `JobSlots` caps how many jobs train at once; a job that wants to train while the
slots are full waits in line and says so. Turns are fair: a job that has trained `turn_seconds`
while others wait gives its slot to the first in line and queues again at the back, so with N
students in line and C slots nobody waits much more than ceil(N / C) turns. A job parks (and gives
its slot back) when paused; it pauses by itself, and leaves the line, when its page stops asking for
it (`touch`) for `watch_timeout` seconds (a closed tab, a student gone to another page). A paused job
waits for its page however long; it ends with its session, or if it trains unwatched past `idle_timeout`.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable

log = logging.getLogger(__name__)

# The page touches its job 5 times a second while it trains (browsers slow a hidden tab's timers
# to about once a second), so a minute without a touch means the page is gone: free the slot.
IDLE_TIMEOUT = 60.0
# A few seconds without a touch while training or waiting in line: the tab was closed or the student
# went to another page. The job pauses, so its slot (or its place in line) goes to someone watching.
WATCH_TIMEOUT = 8.0
# A turn at a training slot while others wait: long enough to see a model learn, short enough that
# a class of 30 on a 2-core server gets its turn within a few minutes (a test may set it longer).
TURN_SECONDS = float(os.environ.get("LAYERLAB_TURN_SECONDS", "20"))
UNWATCHED = (
    "Paused: nobody was watching this page (closed, hidden or left), so its turn went to others. "
    "▶ Play goes on."
)

OnStep = Callable[[int, dict], None]
Stop = Callable[[], bool]
RunFn = Callable[[OnStep, Stop], Any]


class JobSlots:
    """At most `capacity` jobs train at once; the others wait first come, first served."""

    def __init__(self, capacity: int):
        self.capacity = max(1, capacity)
        self._cond = threading.Condition()
        self._active: set[int] = set()
        self._queue: deque[int] = deque()

    def acquire(self, job_id: int, cancelled: Stop) -> bool:
        """Block until `job_id` may train; False if `cancelled()` turned true while waiting."""
        with self._cond:
            if job_id in self._active:
                return True
            self._queue.append(job_id)
            try:
                while not (self._queue[0] == job_id and len(self._active) < self.capacity):
                    if cancelled():
                        return False
                    self._cond.wait(timeout=0.2)
                self._active.add(job_id)
                return True
            finally:
                self._queue.remove(job_id)
                self._cond.notify_all()

    def release(self, job_id: int) -> None:
        with self._cond:
            self._active.discard(job_id)
            self._cond.notify_all()

    def waiting(self) -> int:
        """How many jobs wait in line now."""
        with self._cond:
            return len(self._queue)

    def position(self, job_id: int) -> int | None:
        """1-based place in the waiting line, or None when not waiting."""
        with self._cond:
            return self._queue.index(job_id) + 1 if job_id in self._queue else None

    def active_count(self) -> int:
        with self._cond:
            return len(self._active)

    def must_wait(self, job_id: int) -> bool:
        """True when `job_id`, asking now or already in line, would have to wait for others."""
        with self._cond:
            first = not self._queue or self._queue[0] == job_id
            return job_id not in self._active and not (first and len(self._active) < self.capacity)


SLOTS = JobSlots(int(os.environ.get("LAYERLAB_MAX_JOBS", max(2, os.cpu_count() or 2))))


class History:
    """Metric rows for the curves, thinned by halves past `max_points` so memory stays flat."""

    def __init__(self, max_points: int = 2000):
        self.max_points = max_points
        self.rows: list[dict] = []
        self.stride = 1
        self._seen = 0

    def add(self, row: dict) -> None:
        if self._seen % self.stride == 0:
            self.rows.append(row)
            if len(self.rows) > self.max_points:
                self.rows = self.rows[::2]
                self.stride *= 2
        self._seen += 1


@dataclass(frozen=True)
class Snapshot:
    """What a page draws: everything is a copy, safe to read while the job trains on."""

    state: str  # idle | queued | running | paused | done | stopped | error
    step: int
    metrics: dict  # the latest step's metrics
    history: list[dict]  # thinned rows of {"step": ..., **metrics}
    view: Any  # the latest result of the job's view function
    steps_per_second: float
    queue_position: int | None
    message: str = ""  # why the job stopped or failed, in plain words
    wait_seconds: float | None = None  # while queued: the longest this job should wait for its turn
    extra: dict = field(default_factory=dict)


class TrainingJob:
    """One user's training run in a background thread."""

    _ids = iter(range(1, 1 << 62))

    def __init__(
        self,
        run: RunFn,
        *,
        view: Callable[[], Any] | None = None,
        model: Any = None,
        view_every: float = 0.2,
        slots: JobSlots = SLOTS,
        idle_timeout: float = IDLE_TIMEOUT,
        watch_timeout: float = WATCH_TIMEOUT,
        turn_seconds: float = TURN_SECONDS,
    ):
        self.id = next(TrainingJob._ids)
        self._run = run
        self.model = model  # the nn.Module being trained, for save and load (None: not offered)
        self._view_fn = view
        self.view_every = view_every
        self._slots = slots
        self.idle_timeout = idle_timeout
        self.watch_timeout = watch_timeout
        self.turn_seconds = turn_seconds
        self._slot_since = 0.0
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._allowance = 0.0  # steps the job may still take; inf while playing
        self._stop = False
        self._busy = False  # inside a step: the model is being changed
        self._readers = 0
        self._has_slot = False
        self._finished = False
        self._message = ""
        self._error = False
        self._step = 0
        self._metrics: dict = {}
        self._history = History()
        self._view: Any = None
        self._last_view = 0.0
        self._times: deque[tuple[float, int]] = deque(maxlen=64)
        self._last_seen = time.monotonic()

    # ----- controls (called from the page) -------------------------------------------------
    def play(self) -> None:
        self._permit(math.inf)

    def pause(self) -> None:
        with self._cond:
            self._allowance = 0.0
            self._cond.notify_all()

    def step(self, n: int = 1) -> None:
        self._permit(n)

    def stop(self, message: str = "") -> None:
        with self._cond:
            if not self._stop:
                self._stop = True
                self._message = self._message or message
            self._cond.notify_all()

    def touch(self) -> None:
        """The page is still looking: keep the job alive."""
        self._last_seen = time.monotonic()

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def playing(self) -> bool:
        return self._allowance == math.inf and not self._finished and not self._stop

    @property
    def active(self) -> bool:
        """True while the job still has steps to take (running, queued or stepping), or is inside one."""
        return (self._allowance > 0 or self._busy) and not self._finished and not self._stop

    @property
    def steps(self) -> int:
        return self._step

    @property
    def finished(self) -> bool:
        """True once the job has ended (its steps done, stopped, or failed)."""
        return self._finished or self._stop

    def settle(self, timeout: float = 2.0) -> None:
        """Wait until the steps already allowed are taken (for Step), at most `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while (self._allowance >= 1 or self._busy) and not self._finished and not self._stop:
                left = deadline - time.monotonic()
                if left <= 0 or (not self._has_slot and self._slots.must_wait(self.id)):
                    return  # queued behind other users: the page shows that instead of waiting
                self._cond.wait(timeout=left)

    def inspect(self, fn: Callable[[], Any]) -> Any:
        """Run `fn` (which may read the model) between two steps, never during one."""
        with self._cond:
            self._readers += 1  # counted while waiting too: the worker holds its next step for us
            while self._busy:
                self._cond.wait()
        try:
            return fn()
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    def state_dict(self) -> dict:
        """A copy of the model's weights, taken between two steps."""
        return self.inspect(
            lambda: {name: value.detach().clone() for name, value in self.model.state_dict().items()}
        )

    def load_state_dict(self, state: dict) -> None:
        """Start from saved weights; only before the first step, so nothing is training them."""
        if self._thread is not None:
            raise RuntimeError("weights can only be loaded into a job that has not started")
        self.model.load_state_dict(state)
        self._view = None

    def state(self) -> str:
        """idle | queued | running | paused | done | stopped | error, without drawing a view."""
        with self._cond:
            return self._state()

    def snapshot(self) -> Snapshot:
        if self._view is None and self._view_fn is not None and not self._finished:
            self._view = self.inspect(self._view_fn)
        with self._cond:
            return Snapshot(
                state=self._state(),
                step=self._step,
                metrics=dict(self._metrics),
                history=list(self._history.rows),
                view=self._view,
                steps_per_second=self._rate(),
                queue_position=self._slots.position(self.id),
                message=self._message,
                wait_seconds=self._wait_seconds(),
            )

    # ----- the worker ----------------------------------------------------------------------
    def _permit(self, n: float) -> None:
        with self._cond:
            if self._finished or self._stop:
                return
            self._allowance = (
                n if n == math.inf else (0.0 if self._allowance == math.inf else self._allowance) + n
            )
            self._last_seen = time.monotonic()
            if self._message == UNWATCHED:
                self._message = ""
            self._cond.notify_all()
            if self._thread is None:
                thread = threading.Thread(target=self._main, name=f"train-{self.id}", daemon=True)
                thread.start()  # before it is shared, so join() never meets a thread not yet started
                self._thread = thread

    def _main(self) -> None:
        try:
            if self._gate():
                self._run(self._on_step, self._should_stop)
            with self._cond:
                if not self._stop:
                    self._message = "Training finished."
        except Exception as exc:  # shown in the page in words; the traceback goes to the log
            log.exception("training job %s failed", self.id)
            with self._cond:
                self._error = True
                self._message = _plain_error(exc)
        finally:
            self._release_slot()
            if self._view_fn is not None and not self._error:
                try:
                    self._view = self._view_fn()
                except Exception:
                    log.exception("final view of job %s failed", self.id)
            with self._cond:
                self._finished = True
                self._busy = False
                self._cond.notify_all()

    def _should_stop(self) -> bool:
        return self._stop

    def _on_step(self, step: int, metrics: dict) -> None:
        now = time.monotonic()
        with self._cond:
            self._step = step
            self._metrics = metrics
            self._history.add({"step": step, **metrics})
            self._times.append((now, step))
            parking = self._allowance < 1
            if not all(math.isfinite(v) for v in metrics.values() if isinstance(v, (int, float))):
                self._stop = True
                self._message = BLEW_UP
        if self._view_fn is not None and (parking or self._stop or now - self._last_view >= self.view_every):
            self._view = self._view_fn()
            self._last_view = time.monotonic()
        with self._cond:
            self._busy = False  # the step and its view are done: readers may look now
            self._cond.notify_all()
        self._gate()

    def _gate(self) -> bool:
        """Wait for permission to take one more step; False when the job should end instead."""
        while True:
            with self._cond:
                self._pause_if_unwatched()
                while not self._stop and (self._allowance < 1 or self._readers):
                    if self._allowance < 1 and self._has_slot:
                        self._cond.release()
                        try:
                            self._release_slot()
                        finally:
                            self._cond.acquire()
                        continue
                    self._cond.wait(timeout=1.0)  # parked: a paused job waits for its page however long
                if self._stop:
                    return False
                if self._has_slot:
                    if time.monotonic() - self._last_seen > self.idle_timeout:
                        self._stop = True
                        self._message = "Training stopped: nobody has looked at this page for a while."
                        return False
                    if self._unwatched():
                        continue  # pauses at the top of the loop, which gives the slot back
                    if not self._turn_over():
                        self._allowance -= 1
                        self._busy = True
                        return True
            if self._has_slot:  # its turn is over and others wait: to the back of the line
                self._release_slot()
            got = self._slots.acquire(self.id, lambda: self._stop or self._allowance < 1 or self._unwatched())
            with self._cond:
                self._has_slot = got
                self._slot_since = time.monotonic()

    def _turn_over(self) -> bool:
        return time.monotonic() - self._slot_since > self.turn_seconds and self._slots.waiting() > 0

    def _wait_seconds(self) -> float | None:
        """At most one turn for each group of `capacity` jobs ahead, and the turn being trained now."""
        position = self._slots.position(self.id)
        if position is None:
            return None
        return math.ceil(position / self._slots.capacity) * self.turn_seconds

    def _unwatched(self) -> bool:
        return time.monotonic() - self._last_seen > self.watch_timeout

    def _pause_if_unwatched(self) -> None:
        """Called holding the lock: a job meant to train that no page watches pauses, and says why."""
        if self._allowance >= 1 and self._unwatched():
            self._allowance = 0.0
            self._message = UNWATCHED
            self._cond.notify_all()

    def _release_slot(self) -> None:
        if self._has_slot:
            self._slots.release(self.id)
            self._has_slot = False

    def _state(self) -> str:
        if self._error:
            return "error"
        if self._finished:
            return "stopped" if self._stop else "done"
        if self._stop:
            return "stopped"
        if self._thread is None:
            return "idle"
        if self._busy:
            return "running"
        if self._allowance >= 1 and not self._has_slot and self._slots.must_wait(self.id):
            return "queued"  # also in the moment before the worker reaches the line: it will wait
        return "running" if self._allowance >= 1 else "paused"

    def _rate(self) -> float:
        if len(self._times) < 2 or not self.active:
            return 0.0
        (t0, s0), (t1, s1) = self._times[0], self._times[-1]
        return (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0


BLEW_UP = "Training blew up: the loss is no longer a finite number. Try a smaller learning rate, then Reset."


def _plain_error(exc: Exception) -> str:
    text = str(exc).lower()
    if "nan" in text or "inf" in text:
        return BLEW_UP
    if "out of memory" in text:
        return "The computer ran out of memory for this model. Try a smaller model, then Reset."
    return f"Training stopped because of an error ({type(exc).__name__}). Try Reset or other settings."
