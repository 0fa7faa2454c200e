"""When a user's session goes away, its training job stops with it."""
import gc
import time

from engine.runner import TrainingJob
from pages.widgets.live import _Holder


def forever(on_step, stop):
    step = 0
    while not stop():
        step += 1
        time.sleep(0.001)
        on_step(step, {"loss": 1.0})


def test_dropping_the_session_state_stops_the_job():
    job = TrainingJob(forever)
    session_state = {"live::demo": _Holder(job, config=("lr", 0.1))}
    job.play()
    deadline = time.monotonic() + 5
    while job.snapshot().step < 3:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    session_state.clear()  # what Streamlit does when the session is closed
    gc.collect()
    job.join(5)
    assert job.snapshot().state == "stopped" and job.snapshot().message == "The session ended."
