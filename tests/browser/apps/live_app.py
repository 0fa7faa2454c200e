"""A test app for pages/widgets/live.py: a real (tiny) training loop behind the live controls."""

import time

import streamlit as st

from engine.runner import TrainingJob
from pages.widgets.live import live_training


def train(state: dict, steps: int, on_step=None, stop=None) -> None:
    """Gradient descent on (w - 3)^2, slowed down so a person could watch it."""
    for step in range(1, steps + 1):
        if stop is not None and stop():
            return
        state["w"] -= 0.01 * 2 * (state["w"] - 3.0)
        time.sleep(0.002)
        if on_step is not None:
            on_step(step, {"loss": (state["w"] - 3.0) ** 2})


rate = st.slider("Learning steps", 100, 100_000, 100_000, key="steps")
decimals = st.slider("Decimals shown (display only)", 1, 6, 3, key="decimals")


def make_job() -> TrainingJob:
    state = {"w": 0.0}
    return TrainingJob(lambda on_step, stop: train(state, rate, on_step, stop), view=lambda: state["w"])


def draw(snapshot) -> None:
    st.markdown(f"w = {snapshot.view:.{decimals}f}")


live_training("toy", make_job, draw, config=rate)
