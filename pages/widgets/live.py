"""Play / Pause / Step / Reset for a TrainingJob, and a fragment that redraws it live."""

from __future__ import annotations

import contextlib
import weakref
from typing import Callable, Hashable

import streamlit as st

from engine import model_files
from engine.runner import TURN_SECONDS, Snapshot, TrainingJob
from pages.widgets import links
from pages.widgets.chrome import show_error

REFRESH_SECONDS = 0.2  # 5 redraws a second while training (the foundation asks for >= 4)
WAITING_REFRESH = 2.0  # while waiting in line: nothing moves, and a class of waiting pages costs the server
_STATE_WORDS = {
    "idle": "Ready: press ▶ Play to train, or Step for one update.",
    "queued": "Waiting for a free training slot: other students are training right now.",
    "running": "Training…",
    "paused": "Paused.",
    "done": "Training finished.",
    "stopped": "Stopped.",
    "error": "Training failed.",
}


class _Holder:
    """Lives in the user's session state; when the session ends and it is collected, the job stops."""

    def __init__(self, job: TrainingJob, config: Hashable, note: str = ""):
        self.job, self.config, self.note = job, config, note
        weakref.finalize(self, job.stop, "The session ended.")


def live_training(
    key: str,
    make_job: Callable[[], TrainingJob],
    draw: Callable[[Snapshot], None],
    *,
    config: Hashable = None,
    refresh: float = REFRESH_SECONDS,
    view=None,
) -> TrainingJob:
    """Controls plus a live view of one training job kept in this user's session.

    `config` holds every setting that changes what is trained: when it changes, the old job
    stops and a fresh one is made. Display-only settings stay out of it, so changing them
    redraws without restarting training. `draw(snapshot)` lays out the figures, every `refresh`
    seconds while the job trains (a browser still drawing the last frame lets a tick pass),
    in the container `view` when given (a column beside other parts), else below the controls.
    """
    state_key = f"live::{key}"
    holder: _Holder | None = st.session_state.get(state_key)
    loaded: model_files.SavedModel | None = st.session_state.pop(f"{state_key}::loaded", None)
    if holder is None or holder.config != config or loaded is not None:
        if holder is not None:
            holder.job.stop("Settings changed.")
        holder = _Holder(make_job(), config)
        if loaded is not None:
            holder.note = _start_from(holder.job, loaded)
        st.session_state[state_key] = holder
    job = holder.job
    job.touch()
    _controls(key, job, state_key)
    if holder.note:
        st.caption(holder.note)

    cadence = _cadence(job, refresh)

    @st.fragment(run_every=cadence)
    def live_view() -> None:
        job.touch()
        snap = job.snapshot()
        _status(key, snap)
        draw(snap)
        if _cadence(job, refresh) != cadence:
            st.rerun()  # a full rerun sets the new timer (and flips Pause back to Play when it ends)

    with view if view is not None else contextlib.nullcontext():
        live_view()
    return job


def live_part(job: TrainingJob, draw: Callable[[Snapshot], None], refresh: float = 1.0) -> None:
    """One more part of a job's live view that redraws on its own, every `refresh` seconds while it
    trains: what need not move as fast as the main view (curves, a network). Each redraw of the
    main view then has less to send and the browser less to lay out."""

    @st.fragment(run_every=refresh if job.active and not _waiting(job) else None)
    def part() -> None:
        draw(job.snapshot())

    part()


def _waiting(job: TrainingJob) -> bool:
    return job.state() == "queued"


def _cadence(job: TrainingJob, refresh: float) -> float | None:
    """How often the live view redraws: while training, `refresh`; while waiting in line, only
    often enough to keep its place (the job pauses unwatched) and show it; otherwise never."""
    if not job.active:
        return None
    return WAITING_REFRESH if _waiting(job) else refresh


def picture(key: str, view, display: tuple, render: Callable[[], str]) -> str:
    """`render()`, a live picture's data URI, made again only when the job's `view` or the `display`
    settings change. The live view redraws 5 times a second while a new view comes every
    `view_every` seconds (less often still on a busy server), and encoding the picture costs more
    than sending it twice: this user's session keeps the last one."""
    cache_key = f"live::{key}::picture"
    made = st.session_state.get(cache_key)
    if made is None or made[0] is not view or made[1] != display:
        made = st.session_state[cache_key] = (view, display, render())
    return made[2]


def _controls(key: str, job: TrainingJob, state_key: str) -> None:
    def reset() -> None:
        job.stop("Reset.")
        st.session_state.pop(state_key, None)

    def step() -> None:
        job.step()
        job.settle(timeout=2.0)

    def pause() -> None:
        job.pause()
        job.settle(timeout=2.0)  # let the step in flight land, so the page shows where it stopped

    # one row, each button as wide as its words: fixed columns cut "↺ Reset" in a narrow column at 1400 px
    with st.container(horizontal=True, gap="small", key=f"{key}-controls"):
        if job.playing:
            st.button("⏸ Pause", key=f"{key}-pause", on_click=pause)
        else:
            st.button("▶ Play", key=f"{key}-play", on_click=job.play, type="primary", disabled=job.finished)
        st.button("Step", key=f"{key}-step", on_click=step, disabled=job.playing)
        st.button("↺ Reset", key=f"{key}-reset", on_click=reset)
        if job.model is not None:
            with st.popover("💾 Save / load"):
                _save_load(key, job, state_key)


def _save_load(key: str, job: TrainingJob, state_key: str) -> None:
    """Download the model with the page's settings; load one back (settings first, then weights)."""
    page = st.session_state.get("classroom::page", key)
    settings = (
        links.page_settings()
    )  # the controls drawn so far (all the page's, in a part): what shapes the model
    st.session_state[f"{state_key}::setting-keys"] = sorted(settings)
    st.download_button(
        "Download this model",
        key=f"{key}-save",
        on_click="ignore",
        width="stretch",
        data=lambda: model_files.dump(job.state_dict(), page=page, settings=settings, steps=job.steps),
        file_name=f"layerlab-{page}{model_files.SUFFIX}",
        mime="application/octet-stream",
        help="The weights and this page's settings, in a file that cannot run code when loaded.",
    )
    st.file_uploader(
        f"Load a saved model ({model_files.SUFFIX})",
        key=f"{key}-load",
        on_change=_load,
        args=(key, state_key, page),
        max_upload_size=model_files.MAX_BYTES // 2**20,
    )
    st.caption(f"A {model_files.SUFFIX} file saved on this page, up to {model_files.MAX_BYTES // 2**20} MB.")
    if error := st.session_state.get(f"{state_key}::load-error"):
        show_error(error)


def _load(key: str, state_key: str, page: str) -> None:
    """Runs before the page draws: check the file, set the page's controls, keep the weights for the job."""
    st.session_state.pop(f"{state_key}::load-error", None)
    upload = st.session_state.get(f"{key}-load")
    if upload is None:
        return
    try:
        saved = model_files.load(upload.getvalue(), page=page)
    except model_files.ModelFileError as error:
        st.session_state[f"{state_key}::load-error"] = str(error)
        return
    known = set(st.session_state.get(f"{state_key}::setting-keys", []))
    settings = {k: links.as_setting(v) for k, v in saved.settings.items() if k in known}
    st.session_state.update(settings)
    links.mark_restored(settings)  # values that no longer fit the page fall back to its defaults
    st.session_state[f"{state_key}::loaded"] = saved
    # the whole page, not only the part holding the uploader: the restored controls are drawn there
    st.rerun()


def _start_from(job: TrainingJob, saved: model_files.SavedModel) -> str:
    try:
        job.load_state_dict(saved.state)
    except RuntimeError:
        return "⚠️ The saved model does not fit this network, so training starts from fresh weights."
    return f"📂 Loaded a saved model (trained {saved.steps:,} steps). ▶ Play trains it further."


def status_words(snap: Snapshot) -> str:
    """The job's state in words; in line, the place and the longest wait (turns are fair)."""
    words = _STATE_WORDS[snap.state]
    if snap.state == "paused" and snap.message:
        words = snap.message  # paused by the server: nobody was watching the page
    if snap.state == "queued" and snap.queue_position:
        words = f"{words} You are number {snap.queue_position} in line"
        if snap.wait_seconds:
            words += (
                f": students take turns of {TURN_SECONDS:.0f} s, so yours comes within about "
                f"{snap.wait_seconds:.0f} s."
            )
        else:
            words += "."
    return words


def _status(key: str, snap: Snapshot) -> None:
    words = status_words(snap)
    rate = f" · {snap.steps_per_second:,.0f} steps/s" if snap.steps_per_second else ""
    with st.container(key=f"{key}-status"):
        if snap.state == "error" or (snap.state == "stopped" and snap.message):
            st.warning(snap.message or words, icon="⚠️")
        else:
            st.caption(f"{words} Step {snap.step:,}{rate}")
