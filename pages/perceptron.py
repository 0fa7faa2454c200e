"""Perceptron: Rosenblatt's learning rule one update at a time, the convergence bound, XOR."""
import streamlit as st

from engine import perceptron, perceptron_figures
from pages.widgets.chrome import header
from pages.widgets import links
from pages.widgets.classroom import chart

K = "perceptron"
SWEEP_MARGINS = (0.005, 0.01, 0.02, 0.04, 0.07, 0.1, 0.15, 0.2, 0.3)
DATA_NAMES = {"separable": "Linearly separable", "xor": "XOR (not separable)"}

header("Perceptron", "001 · Intro to neural networks (Verbeek): Rosenblatt's perceptron, convergence theorem",
       "Binary classification by the sign of a linear function, sign(f(x)) = sign(wᵀφ(x)) with "
       "φ(x) = (x1, x2, 1). Each misclassified point pulls the line towards itself: one update at a time.")
st.latex(r"w^{n+1} = w^{n} + \eta\, t_i\, \varphi(x_i)\, [\,t_i f(x_i) \le 0\,]")
st.caption("Here η = 1 and w starts at 0, the theorem's setting: from w = 0, η only rescales w, so the same "
           "points update in the same order. The points are swept in order, pass after pass.")


@st.cache_data(show_spinner=False, max_entries=64)
def learn(cfg: perceptron.Config):
    data = perceptron.make_data(cfg)
    return data, perceptron.run(data, cfg), perceptron.bound(data)


@st.cache_data(show_spinner=False, max_entries=16)
def sweep(n_points: int, seed: int):
    return perceptron.sweep(perceptron.Config(n_points=n_points, seed=seed), SWEEP_MARGINS)


controls, seed_col = st.columns([5, 1])
with controls:
    name_col, margin_col, points_col = st.columns(3)
    dataset = name_col.radio("Data", list(DATA_NAMES), format_func=DATA_NAMES.get, key=f"{K}-data")
    margin = margin_col.slider("Margin around the true line", 0.0, 0.3, 0.1, 0.01, key=f"{K}-margin",
                               disabled=dataset == "xor")
    n_points = points_col.slider("Points", 8, 80, 30, 2, key=f"{K}-points")
seed = seed_col.number_input("Data seed", 0, 999, 0, key=f"{K}-seed")

cfg = perceptron.Config(dataset=dataset, margin=margin, n_points=n_points, seed=seed)
_, history, limit = learn(cfg)
last = history.updates
if st.session_state.get(f"{K}-t", 0) > last:
    st.session_state[f"{K}-t"] = last


@st.fragment
def updates(cfg: perceptron.Config) -> None:
    """Stepping through the updates reruns only this part, not the controls above or the sweep."""
    data, history, limit = learn(cfg)
    last = history.updates

    def move(delta: int | None) -> None:
        now = st.session_state.get(f"{K}-t", 0)
        st.session_state[f"{K}-t"] = last if delta is None else min(max(now + delta, 0), last)

    back, forward, to_end, _ = st.columns([1, 1.3, 1.3, 4])
    back.button("◀ Back", key=f"{K}-back", on_click=move, args=(-1,), width="stretch")
    forward.button("Next update ▶", key=f"{K}-next", on_click=move, args=(1,), type="primary", width="stretch")
    to_end.button("⏭ Until the end", key=f"{K}-end", on_click=move, args=(None,), width="stretch")
    t = st.slider("Update t", 0, max(last, 1), key=f"{K}-t", disabled=last == 0) if last else 0

    plane_col, text_col = st.columns([3, 2])
    chart(plane_col, perceptron_figures.plane_figure(data, history, t, limit), key=f"{K}-plane",
          config={"displayModeBar": False})
    with text_col:
        explain(cfg, data, history, t, limit)
    chart(st, perceptron_figures.errors_figure(history, t), key=f"{K}-errors", config={"displayModeBar": False})
    links.write()


def explain(cfg: perceptron.Config, data: perceptron.PerceptronData, history: perceptron.Run, t: int,
            limit: perceptron.Bound | None) -> None:
    """What update t did, the errors now, and the convergence theorem for this data."""
    last = history.updates
    w = history.weights[t]
    if t == 0:
        st.markdown("**Start:** w = (0, 0, 0). Every point has t f(x) = 0 ≤ 0, so the first point updates w.")
    else:
        i = history.points[t - 1]
        x_i, t_i = data.x[i], data.t[i]
        score = history.weights[t - 1] @ perceptron.phi(data.x[i:i + 1])[0]
        st.markdown(f"**Update {t}** (pass {history.epochs[t - 1]} over the data): point {i} at "
                    f"({x_i[0]:.2f}, {x_i[1]:.2f}) with t = {t_i:+.0f} was misclassified.")
        st.latex(rf"\begin{{gathered}} t_i f(x_i) = {t_i:+.0f} \times {score:.3f} = {t_i * score:.3f} \le 0 \\ "
                 rf"w \leftarrow w + \eta\, t_i \varphi(x_i) = ({w[0]:.2f},\ {w[1]:.2f},\ {w[2]:.2f}) \end{{gathered}}")
    wrong_col, total_col = st.columns(2)
    wrong_col.metric("Misclassified now", int(history.errors[t]), f"{history.errors[t] - history.errors[max(t - 1, 0)]:+d}"
                     if t else None, delta_color="inverse")
    total_col.metric("Updates in all", last)
    if limit is not None:
        st.markdown(f"**Convergence theorem.** Inputs lie in a ball ⟨φ(x), φ(x)⟩ < M = {limit.M:.2f}; the "
                    f"unit-norm w* with the largest margin has t⟨w*, φ(x)⟩ ≥ δ = {limit.delta:.3f}. "
                    f"From w = 0 the rule makes at most")
        st.latex(rf"t \le \frac{{M}}{{\delta^2}} = \frac{{{limit.M:.2f}}}{{{limit.delta:.3f}^2}} "
                 rf"= {limit.updates:,.0f}\ \text{{updates}}")
        st.success(f"Converged after {last} updates: {last} ≤ {limit.updates:,.0f}, as the theorem promises.",
                   icon="✅")
    else:
        st.warning(f"No line separates these points, so the rule never stops: {last:,} updates in "
                   f"{cfg.max_epochs} passes and still {history.errors[-1]} points wrong. The theorem "
                   "needs a margin δ > 0; XOR has none.", icon="♾️")

updates(cfg)
if dataset == "separable":
    st.subheader("Updates until convergence against the bound, as the margin changes")
    st.caption(f"Data made with margins {', '.join(f'{m:g}' for m in SWEEP_MARGINS)} around the same true line "
               f"({n_points} points each); δ is the margin the best w* achieves on them. The red line is this data.")
    chart(st, perceptron_figures.sweep_figure(sweep(n_points, seed), limit.delta if limit else None),
              key=f"{K}-sweep", config={"displayModeBar": False})
