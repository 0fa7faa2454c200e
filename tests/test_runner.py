"""The live-training runner: Play / Pause / Step, the server-wide cap, idle and NaN stops."""

import math
import threading
import time

import pytest
import torch

from engine.runner import BLEW_UP, History, JobSlots, TrainingJob


def counting_train(total: int, delay: float = 0.0, log: list | None = None):
    """A train() in the engine's contract: on_step after every step, stop() checked before each."""

    def run(on_step, stop):
        for step in range(1, total + 1):
            if stop():
                return
            if log is not None:
                log.append(("start", step))
            time.sleep(delay)
            if log is not None:
                log.append(("end", step))
            on_step(step, {"loss": 1.0 / step})

    return run


def wait_for(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.005)


def test_nothing_runs_before_play():
    job = TrainingJob(counting_train(10))
    time.sleep(0.05)
    assert job.snapshot().state == "idle" and job.snapshot().step == 0


def test_step_takes_exactly_the_steps_asked_for():
    job = TrainingJob(counting_train(100))
    job.step()
    job.settle()
    assert job.snapshot().step == 1
    job.step(3)
    job.settle()
    time.sleep(0.05)
    snap = job.snapshot()
    assert snap.step == 4 and snap.state == "paused"
    job.stop()


def test_play_runs_to_the_end_and_pause_holds():
    job = TrainingJob(counting_train(400, delay=0.001))
    job.play()
    wait_for(lambda: job.snapshot().step > 5)
    job.pause()
    job.settle()
    held = job.snapshot().step
    time.sleep(0.1)
    assert job.snapshot().step == held and job.snapshot().state == "paused"
    job.play()
    job.join(10)
    snap = job.snapshot()
    assert snap.state == "done" and snap.step == 400 and snap.message == "Training finished."
    assert snap.history[-1]["step"] == 400 and snap.history[0]["step"] == 1


def test_view_is_refreshed_between_steps_and_at_the_end():
    model = torch.nn.Linear(2, 1)
    calls = []

    def run(on_step, stop):
        for step in range(1, 51):
            if stop():
                return
            with torch.no_grad():
                model.weight += 1.0
            on_step(step, {"loss": 0.0})

    job = TrainingJob(
        run, view=lambda: calls.append(1) or float(model.weight.detach()[0, 0]), view_every=10.0
    )
    start = float(model.weight.detach()[0, 0])
    assert job.snapshot().view == start  # before any step, the view shows the untrained model
    job.play()
    job.join(5)
    assert job.snapshot().view == pytest.approx(start + 50, abs=1e-4)


def test_inspect_never_overlaps_a_step():
    log: list = []
    job = TrainingJob(counting_train(300, delay=0.001, log=log))
    job.play()
    for _ in range(30):
        job.inspect(lambda: log.append(("inspect", None)))
    job.join(10)
    open_step = False
    for event, _ in log:
        open_step = {"start": True, "end": False}.get(event, open_step)
        if event == "inspect":
            assert not open_step, "inspect ran while a step was changing the model"


def test_server_wide_cap_queues_in_order():
    slots = JobSlots(1)
    first = TrainingJob(counting_train(10_000, delay=0.001), slots=slots)
    second = TrainingJob(counting_train(10_000, delay=0.001), slots=slots)
    third = TrainingJob(counting_train(10_000, delay=0.001), slots=slots)
    first.play()
    wait_for(lambda: first.snapshot().step > 0)  # it holds the slot
    second.play()
    wait_for(lambda: second.snapshot().queue_position == 1)  # each play reaches the line before the next:
    third.play()  # the two threads would otherwise race for it
    wait_for(lambda: third.snapshot().queue_position is not None)
    assert third.snapshot().state == "queued"
    assert second.snapshot().queue_position == 1 and third.snapshot().queue_position == 2
    assert slots.active_count() == 1
    first.pause()  # a paused job gives its slot back
    wait_for(lambda: second.snapshot().step > 0)
    assert second.snapshot().state == "running" and third.snapshot().state == "queued"
    assert third.snapshot().queue_position == 1
    for job in (first, second, third):
        job.stop()
        job.join(5)
    assert slots.active_count() == 0


def test_a_job_behind_a_full_cap_says_queued_at_once():
    """The page reruns right after Play: it must not show "running" before the worker reaches the line."""
    slots = JobSlots(1)
    first = TrainingJob(counting_train(10_000, delay=0.001), slots=slots)
    first.play()
    wait_for(lambda: first.snapshot().step > 0)
    second = TrainingJob(counting_train(10_000, delay=0.001), slots=slots)
    second.play()
    assert second.snapshot().state == "queued"
    second.step()  # Step while queued returns at once instead of blocking the page
    started = time.monotonic()
    second.settle()
    assert time.monotonic() - started < 0.5 and second.snapshot().step == 0
    for job in (first, second):
        job.stop()
        job.join(5)


def test_job_stops_when_nobody_looks():
    job = TrainingJob(counting_train(10**7, delay=0.001), idle_timeout=0.3)
    job.play()
    job.join(5)
    snap = job.snapshot()
    assert snap.state == "stopped" and "nobody" in snap.message


def test_touch_keeps_the_job_alive():
    # Touched every 0.05 s for three idle timeouts: without the touches it stops after the first one.
    # The timeout is a whole second so a busy machine's late wake-ups (CI: 0.3 s was once too short)
    # still fit.
    job = TrainingJob(counting_train(10**7, delay=0.001), idle_timeout=1.0)
    job.play()
    start = time.monotonic()
    while time.monotonic() - start < 3 * job.idle_timeout:
        time.sleep(0.05)
        job.touch()
    assert job.snapshot().state == "running"
    job.stop()
    job.join(5)


def test_non_finite_loss_stops_with_a_plain_message():
    def run(on_step, stop):
        for step in range(1, 100):
            if stop():
                return
            on_step(step, {"loss": math.inf if step == 7 else 1.0})

    job = TrainingJob(run)
    job.play()
    job.join(5)
    snap = job.snapshot()
    assert snap.state == "stopped" and snap.step == 7 and snap.message == BLEW_UP


def test_an_exception_in_training_becomes_an_error_state():
    def run(on_step, stop):
        on_step(1, {"loss": 1.0})
        raise RuntimeError("shape mismatch")

    job = TrainingJob(run)
    job.play()
    job.join(5)
    snap = job.snapshot()
    assert snap.state == "error" and "RuntimeError" in snap.message and "Traceback" not in snap.message


def test_history_thins_but_keeps_its_ends():
    history = History(max_points=100)
    for step in range(1, 10_001):
        history.add({"step": step})
    assert len(history.rows) <= 100 and history.rows[0]["step"] == 1
    assert history.rows[-1]["step"] > 9_800


def test_many_jobs_share_the_threads_without_deadlock():
    slots = JobSlots(2)
    jobs = [TrainingJob(counting_train(50), slots=slots) for _ in range(6)]
    threads = [threading.Thread(target=j.play) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    for job in jobs:
        job.join(10)
    assert all(j.snapshot().state == "done" for j in jobs)


def test_a_reader_gets_in_at_the_next_step_boundary():
    """inspect() while playing waits for at most the step in progress, not for a lucky gap."""
    log: list = []
    job = TrainingJob(counting_train(10**6, delay=0.002, log=log))
    job.play()
    wait_for(lambda: job.snapshot().step > 3)
    for _ in range(20):
        before = len([e for e in log if e[0] == "end"])
        job.inspect(lambda: None)
        after = len([e for e in log if e[0] == "end"])
        assert after - before <= 2, "the reader had to wait for several steps"
    job.stop()
    job.join(5)


def test_an_unwatched_job_pauses_and_gives_its_slot_to_the_next_in_line():
    """A closed tab or a student gone to another page stops touching the job:
    its slot goes on within seconds."""
    slots = JobSlots(1)
    gone = TrainingJob(counting_train(10**7, delay=0.001), slots=slots, watch_timeout=0.5)
    gone.play()
    wait_for(lambda: gone.snapshot().step > 0)
    waiting = TrainingJob(counting_train(10**7, delay=0.001), slots=slots, watch_timeout=60)
    waiting.play()
    assert waiting.snapshot().state == "queued"
    wait_for(
        lambda: waiting.snapshot().step > 0, timeout=5
    )  # the slot came free without a stop() from anyone
    snap = gone.snapshot()
    assert snap.state == "paused" and "nobody was watching" in snap.message
    gone.touch()
    gone.play()  # the student comes back: Play goes on from where it paused
    assert gone.snapshot().message == ""
    for job in (gone, waiting):
        job.stop()
        job.join(5)


def test_an_unwatched_job_leaves_the_line():
    slots = JobSlots(1)
    first = TrainingJob(counting_train(10**7, delay=0.001), slots=slots, watch_timeout=60)
    first.play()
    wait_for(lambda: first.snapshot().step > 0)
    gone = TrainingJob(counting_train(10**7, delay=0.001), slots=slots, watch_timeout=0.5)
    gone.play()
    wait_for(lambda: slots.position(gone.id) == 1)
    wait_for(lambda: slots.position(gone.id) is None, timeout=5)
    assert gone.snapshot().state == "paused"
    for job in (first, gone):
        job.stop()
        job.join(5)


def test_a_paused_job_is_never_stopped_for_idling():
    """A student who pauses and reads for minutes must still be able to press Play."""
    job = TrainingJob(counting_train(10**7, delay=0.001), idle_timeout=0.3, watch_timeout=0.3)
    job.play()
    wait_for(lambda: job.snapshot().step > 0)
    job.pause()
    time.sleep(1.0)  # the idle time-out itself is what is tested: three times over, no condition to wait on
    assert not job.finished and job.snapshot().state == "paused"
    job.touch()
    before = job.snapshot().step
    job.play()
    wait_for(lambda: job.snapshot().step > before)
    job.stop()
    job.join(5)


def test_turns_are_fair_a_long_job_gives_its_slot_to_the_next_in_line():
    """With one slot, a 10-million-step job and a second student: both train, taking turns."""
    slots = JobSlots(1)
    long_job = TrainingJob(counting_train(10**7, delay=0.001), slots=slots, turn_seconds=0.3)
    long_job.play()
    wait_for(lambda: long_job.snapshot().step > 0)
    second = TrainingJob(counting_train(10**7, delay=0.001), slots=slots, turn_seconds=0.3)
    second.play()
    wait_for(lambda: second.snapshot().wait_seconds == 0.3)  # first in line behind one slot: one turn at most
    wait_for(lambda: second.snapshot().step > 0, timeout=5)
    held_at = long_job.snapshot().step
    wait_for(lambda: long_job.snapshot().step > held_at, timeout=5)  # and the first gets its turn back
    for job in (long_job, second):
        job.stop()
        job.join(5)


def test_a_job_alone_keeps_its_slot_past_its_turn():
    slots = JobSlots(1)
    job = TrainingJob(counting_train(10**7, delay=0.001), slots=slots, turn_seconds=0.05)
    job.play()
    wait_for(lambda: job.snapshot().step > 200)  # many turns long: nobody waits, so no hand-over
    assert slots.active_count() == 1 and job.snapshot().state == "running"
    job.stop()
    job.join(5)
