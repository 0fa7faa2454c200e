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


def wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.01)


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


def test_a_live_picture_is_encoded_once_per_view_and_display():
    from streamlit.testing.v1 import AppTest

    def app():
        import streamlit as st

        from pages.widgets.live import picture

        views = st.session_state.setdefault("views", [object(), object()])
        made = st.session_state.setdefault("made", [])
        view = views[st.session_state.get("which", 0)]
        uri = picture(
            "demo",
            view,
            (st.session_state.get("arrows", 0.35),),
            lambda: made.append(len(made)) or f"data:image/webp;base64,{len(made)}",
        )
        st.write(uri)

    at = AppTest.from_function(app).run()
    at.run()  # the same view: nothing encoded again
    assert at.session_state["made"] == [0] and at.markdown[0].value.endswith(",1")
    at.session_state["arrows"] = 0.5
    at.run()  # a display setting changed
    at.session_state["which"] = 1
    at.run()  # a new view from the job
    at.run()
    assert not at.exception
    assert at.session_state["made"] == [0, 1, 2] and at.markdown[0].value.endswith(",3")


def test_a_page_waiting_in_line_redraws_slowly_and_says_how_long_at_most():
    from engine.runner import TURN_SECONDS, JobSlots
    from pages.widgets.live import REFRESH_SECONDS, WAITING_REFRESH, _cadence, status_words

    slots = JobSlots(1)
    training = TrainingJob(forever, slots=slots)
    training.play()
    wait_for(lambda: training.state() == "running", seconds=30)  # it holds the slot before the other asks
    waiting = TrainingJob(forever, slots=slots)
    waiting.play()
    # watched, as its page watches it (an untouched job leaves the line after WATCH_TIMEOUT: on a loaded
    # machine the line could be left before it was seen)
    watched = lambda: waiting.touch() or training.touch() or waiting.snapshot().queue_position == 1  # noqa: E731
    wait_for(watched, seconds=30)
    assert _cadence(training, REFRESH_SECONDS) == REFRESH_SECONDS
    assert _cadence(waiting, REFRESH_SECONDS) == WAITING_REFRESH > REFRESH_SECONDS
    words = status_words(waiting.snapshot())
    assert "number 1 in line" in words and f"within about {TURN_SECONDS:.0f} s" in words
    for job in (training, waiting):
        job.stop()
        job.join(5)
    assert _cadence(waiting, REFRESH_SECONDS) is None
