"""Perceptron: Rosenblatt's learning rule one update at a time, the convergence bound, XOR."""

import streamlit as st

from engine import perceptron, perceptron_figures
from pages.widgets import links, parts
from pages.widgets.chrome import header
from pages.widgets.classroom import chart
from pages.widgets.stepper import Stepper

K = "perceptron"
SWEEP_MARGINS = (0.005, 0.01, 0.02, 0.04, 0.07, 0.1, 0.15, 0.2, 0.3)
DATA_NAMES = {"separable": "Linearly separable", "xor": "XOR (not separable)"}
# keyed parts: a step reruns the slider and what t shows; new data also the theorem and the sweep's red line
SLIDER, PLANE, STEP, THEOREM, ERRORS, SWEEP = (
    f"{K}-part-{n}" for n in "slider plane step theorem errors sweep".split()
)
AT_T = (PLANE, STEP, ERRORS)

header(
    "Perceptron",
    "001 · Intro to neural networks (Verbeek): Rosenblatt's perceptron, convergence theorem",
    "Binary classification by the sign of a linear function, sign(f(x)) = sign(wᵀφ(x)) with "
    "φ(x) = (x1, x2, 1). Each misclassified point pulls the line towards itself: one update at a time.",
)


@st.cache_data(show_spinner=False, max_entries=64)
def learn(cfg: perceptron.Config):
    data = perceptron.make_data(cfg)
    return data, perceptron.run(data, cfg), perceptron.bound(data)


@st.cache_data(show_spinner=False, max_entries=16)
def sweep(n_points: int, seed: int):
    return perceptron.sweep(perceptron.Config(n_points=n_points, seed=seed), SWEEP_MARGINS)


def config() -> perceptron.Config:
    """The data's settings, read from the state: a part reruns without the page body."""
    state = st.session_state
    return perceptron.Config(
        dataset=state[f"{K}-data"],
        margin=state[f"{K}-margin"],
        n_points=state[f"{K}-points"],
        seed=state[f"{K}-seed"],
    )


def updates() -> int:
    return learn(config())[1].updates


stepper = Stepper(f"{K}-t", updates, AT_T)


def new_data() -> None:
    stepper.keep()
    parts.redraw(SLIDER, *AT_T, THEOREM, SWEEP)()


def at_t() -> tuple[
    perceptron.Config, perceptron.PerceptronData, perceptron.Run, int, perceptron.Bound | None
]:
    cfg = config()
    data, history, limit = learn(cfg)
    return cfg, data, history, stepper.t if history.updates else 0, limit


@st.fragment(key=SLIDER)
def slider_part() -> None:
    stepper.slider("Update t")


@st.fragment(key=PLANE)
def plane_part() -> None:
    _, data, history, t, limit = at_t()
    chart(
        st,
        perceptron_figures.plane_figure(data, history, t, limit),
        key=f"{K}-plane",
        config={"displayModeBar": False},
    )


@st.fragment(key=STEP)
def step_part() -> None:
    """What update t did and the errors now."""
    _, data, history, t, _ = at_t()
    words, equations = perceptron_figures.update_words(data, history, t)
    st.markdown(words)
    if equations:
        st.latex(equations)
    wrong_col, total_col = st.columns(2)
    wrong_col.metric(
        "Misclassified now",
        int(history.errors[t]),
        f"{history.errors[t] - history.errors[max(t - 1, 0)]:+d}" if t else None,
        delta_color="inverse",
    )
    total_col.metric("Updates in all", history.updates)


@st.fragment(key=THEOREM)
def theorem_part() -> None:
    """The convergence theorem for this data (update t does not change it)."""
    cfg, _, history, _, limit = at_t()
    statement, bound, verdict = perceptron_figures.theorem_words(history, limit, cfg.max_epochs)
    if limit is None:
        st.warning(verdict, icon="♾️")
        return
    st.markdown(statement)
    st.latex(bound)
    st.success(verdict, icon="✅")


@st.fragment(key=ERRORS)
def errors_part() -> None:
    _, _, history, t, _ = at_t()
    chart(
        st, perceptron_figures.errors_figure(history, t), key=f"{K}-errors", config={"displayModeBar": False}
    )
    links.write()  # the controls that reran it (drawn by the page) too


@st.fragment(key=SWEEP)
def sweep_part() -> None:
    cfg = config()
    limit = learn(cfg)[2]
    chart(
        st,
        perceptron_figures.sweep_figure(sweep(cfg.n_points, cfg.seed), limit.delta if limit else None),
        key=f"{K}-sweep",
        config={"displayModeBar": False},
    )


plane_col, side_col = st.columns([3, 2], gap="medium")  # the plane on the first screen, controls beside it
with side_col:  # drawn first: the plane's part reads them (the data and the points rerun the page)
    st.latex(r"w^{n+1} = w^{n} + \eta\, t_i\, \varphi(x_i)\, [\,t_i f(x_i) \le 0\,]")
    name_col, seed_col = st.columns([3, 2])
    dataset = name_col.radio("Data", list(DATA_NAMES), format_func=DATA_NAMES.get, key=f"{K}-data")
    seed_col.number_input("Data seed", 0, 999, 0, key=f"{K}-seed", on_change=new_data)
    margin_col, points_col = st.columns(2)
    margin_col.slider(
        "Margin around the true line",
        0.0,
        0.3,
        0.1,
        0.01,
        key=f"{K}-margin",
        disabled=dataset == "xor",
        on_change=new_data,
    )
    n_points = points_col.slider("Points", 8, 80, 30, 2, key=f"{K}-points")
    stepper.keep()
    stepper.buttons(K, SLIDER)
    slider_part()
    step_part()
    theorem_part()
with plane_col:
    plane_part()
    st.caption(
        "Here η = 1 and w starts at 0, the theorem's setting: from w = 0, η only rescales w, so the "
        "same points update in the same order. The points are swept in order, pass after pass."
    )
errors_part()
if dataset == "separable":
    st.subheader("Updates until convergence against the bound, as the margin changes")
    st.caption(
        f"Data made with margins {', '.join(f'{m:g}' for m in SWEEP_MARGINS)} around the same true line "
        f"({n_points} points each); δ is the margin the best w* achieves on them. The red line is this data."
    )
    sweep_part()
