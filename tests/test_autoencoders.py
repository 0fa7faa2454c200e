"""AE and VAE: the KL term against Monte Carlo, clicks decode exactly,
the shipped assets hold their floors."""

import numpy as np
import pytest
import torch
from torch import distributions as D

from engine import assets
from engine import autoencoders as lib
from engine import latent_figures as lf
from engine.datasets import digits
from engine.pretrain import registry


@pytest.fixture(scope="module")
def shipped():
    return {
        m: lib.load_asset(assets.load(f"{m}_digits_2d")[0], variational=m == "vae") for m in ("ae", "vae")
    }


def test_kl_term_equals_a_monte_carlo_estimate():
    gen = torch.Generator().manual_seed(0)
    mean, logvar = torch.randn(4, 2, generator=gen) * 1.5, torch.randn(4, 2, generator=gen)  # (4, 2)
    q = D.Normal(mean, (0.5 * logvar).exp())
    z = q.sample((200_000,))  # (S, 4, 2)
    monte_carlo = (q.log_prob(z) - D.Normal(0.0, 1.0).log_prob(z)).sum(-1).mean(0)  # (4,)
    closed = lib.kl_divergence(mean, logvar)
    assert torch.allclose(closed, monte_carlo, rtol=0.03, atol=0.01)
    assert torch.allclose(closed, D.kl_divergence(q, D.Normal(0.0, 1.0)).sum(-1), atol=1e-5)


def test_ae_loss_is_the_lectures_squared_error():
    ae = lib.build(lib.Config(seed=1)).ae
    x = torch.rand(5, 64)
    expected = torch.nn.functional.mse_loss(ae(x), x, reduction="sum") / 5
    assert torch.allclose(lib.ae_loss(ae, x), expected)


def test_decoding_a_clicked_z_equals_the_decoders_output(shipped):
    data = digits()
    for m, model in shipped.items():
        view = lib.latent_view(model, data.x_test)
        fig = lf.latent_plane(view.xy, data.y_test, view.box, m)
        grid = fig.data[0]
        point = {"curve_number": 0, "point_index": 777, "x": grid.x[777], "y": grid.y[777]}
        kind, xy = lf.read_click(point, data.y_test)
        assert kind == "z" and xy == (grid.x[777], grid.y[777])
        decoded = lib.decode(model, view.plane.lift(np.array(xy)))[0]
        with torch.no_grad():
            direct = torch.sigmoid(model.decoder(torch.tensor([xy], dtype=torch.float32))).reshape(8, 8)
        np.testing.assert_allclose(decoded, direct.numpy(), atol=1e-6)


def test_the_gallery_under_a_plane_is_the_decoders_own_output(shipped):
    data, model = digits(), shipped["vae"]
    z = (0.5, -1.0)
    pictures, captions = lib.gallery(model, data.x_test[3], "held-out #3", z, np.array(z), own=data.x_test[4])
    assert captions == [
        "held-out #3",
        "its reconstruction",
        "decoded z = (0.50, -1.00)",
        "your digit",
        "its reconstruction",
    ]
    with torch.no_grad():
        direct = torch.sigmoid(model.decoder(torch.tensor([z], dtype=torch.float32))).reshape(8, 8)
    np.testing.assert_allclose(pictures[2], direct.numpy(), atol=1e-6)
    np.testing.assert_allclose(pictures[1], lib.reconstruct(model, data.x_test[3][None])[0])
    assert len(lib.gallery(model, data.x_test[3], "x", z, np.array(z))[0]) == 3  # no own digit: 3 pictures


def test_clicking_a_dot_selects_that_held_out_digit(shipped):
    data = digits()
    view = lib.latent_view(shipped["vae"], data.x_test)
    fig = lf.latent_plane(view.xy, data.y_test, view.box, "vae")
    trace = fig.data[1 + 7]  # the 7s
    kind, index = lf.read_click({"curve_number": 8, "point_index": 3}, data.y_test)
    assert kind == "digit" and data.y_test[index] == 7
    np.testing.assert_allclose(view.xy[index], (trace.x[3], trace.y[3]), atol=1e-3)


@pytest.mark.parametrize("name", ["ae_digits_2d", "vae_digits_2d"])
def test_shipped_assets_meet_the_floors_in_their_cards(name):
    state, card = assets.load(name)
    metrics = registry()[name].evaluate(state)
    assert card["floors"], "a card without floors checks nothing"
    for metric, floor in card["floors"].items():
        assert metrics[metric] >= floor, f"{name}: {metric} {metrics[metric]:.3f} < floor {floor}"
        assert metrics[metric] == pytest.approx(card["metrics"][metric], abs=0.05)


def test_vae_latent_means_look_like_a_standard_normal(shipped):
    codes = lib.encode_means(shipped["vae"], digits().x_train)  # (N, 2)
    assert np.all(np.abs(codes.mean(0)) < 0.2)
    assert np.all((codes.var(0) > 0.6) & (codes.var(0) < 1.4))
    ae_codes = lib.encode_means(shipped["ae"], digits().x_train)  # the AE is under no such pull
    assert np.abs(ae_codes).max() > 3 * np.abs(codes).max() or np.abs(ae_codes.var(0) - 1).max() > 1


def test_trace_ends_with_the_output_and_mutates_nothing(shipped):
    x = torch.from_numpy(digits().x_test[:6])
    for model in shipped.values():
        before = {k: v.clone() for k, v in model.state_dict().items()}
        out = lib.trace(model, x)
        assert list(out)[-1] == "reconstruction"
        np.testing.assert_allclose(out["reconstruction"], model(x).detach().numpy(), atol=1e-6)
        assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_pca_plane_round_trips_and_identity_for_2d():
    codes = np.random.default_rng(0).normal(size=(200, 8)) * np.arange(1, 9)  # (200, 8)
    plane = lib.plane_of(codes.astype(np.float32))
    xy = plane.project(codes)
    np.testing.assert_allclose(plane.project(plane.lift(xy)), xy, atol=1e-4)
    assert 0.5 < plane.explained < 1.0
    flat = lib.plane_of(codes[:, :2].astype(np.float32))
    np.testing.assert_allclose(flat.lift(codes[:5, :2]), codes[:5, :2], atol=1e-6)


def test_drawn_digit_becomes_an_8x8_digit_like_sklearns():
    original = digits().x_test[0]  # (8, 8) ink = 1
    drawn = 1.0 - np.kron(original, np.ones((30, 30)))  # dark ink on white, 240 px
    padded = np.pad(drawn, 40, constant_values=1.0)
    small = lib.digit_from_picture(padded)
    assert small.shape == (8, 8) and small.max() == pytest.approx(1.0)
    assert np.corrcoef(small.ravel(), original.ravel())[0, 1] > 0.8
    with pytest.raises(ValueError):
        lib.digit_from_picture(np.ones((50, 50)))


def test_training_is_seeded_and_lowers_both_losses():
    data = digits()
    cfg = lib.Config(steps=40, seed=3)
    runs = []
    for _ in range(2):
        rows = []
        lib.train(lib.build(cfg), data, cfg, on_step=lambda s, m: rows.append(m))
        runs.append(rows)
    assert runs[0] == runs[1]
    first, last = runs[0][0], runs[0][-1]
    assert last["ae_recon"] < first["ae_recon"] and last["vae_recon"] < first["vae_recon"]


def _trace(fig, name):
    found = [t for t in fig.data if t.name == name]
    assert len(found) == 1, f"no single trace named {name!r}"
    return found[0]


def test_the_plane_draws_the_chosen_z_and_digit_from_their_values_not_from_a_click(shipped):
    """The red dot is the sliders' z (a link or a tour sets it), the ring the chosen held-out digit;
    plotly's click selection is off, so no stale dot stays behind when the z moves."""
    data = digits()
    view = lib.latent_view(shipped["ae"], data.x_test)
    fig = lf.latent_plane(view.xy, data.y_test, view.box, "ae", chosen=(5.0, -6.0), digit=12)
    red = _trace(fig, "decoded z")
    assert (red.x[0], red.y[0]) == (5.0, -6.0) and red.marker.color == "crimson"
    ring = _trace(fig, "held-out #12")
    np.testing.assert_allclose((ring.x[0], ring.y[0]), view.xy[12], atol=1e-3)
    assert "select" not in fig.layout.clickmode
    assert all(t.selected.marker.size is None for t in fig.data)  # no selection styling anywhere
    moved = lf.latent_plane(view.xy, data.y_test, view.box, "ae", chosen=(1.5, -0.45), digit=12)
    assert (_trace(moved, "decoded z").x[0], _trace(moved, "decoded z").y[0]) == (1.5, -0.45)


def test_an_off_plane_code_is_drawn_on_the_edge_and_said(shipped):
    """The AE puts a drawn '1' at z = (-7.5, 25.5), above the plane's top (23): it must not vanish."""
    data = digits()
    view = lib.latent_view(shipped["ae"], data.x_test)
    own = np.array([-7.49, 25.51])
    star = _trace(lf.latent_plane(view.xy, data.y_test, view.box, "ae", own=own), "your digit")
    x0, x1, y0, y1 = view.box
    assert (star.x[0], star.y[0]) == (pytest.approx(-7.49, abs=1e-3), y1)
    assert lf.clamp_to_box(own, view.box)[1] and not lf.clamp_to_box((0.0, 0.0), view.box)[1]
    words = lf.off_plane_words("Your digit", own, view.box)
    assert "(-7.49, 25.51)" in words and "outside this plane" in words and f"to {y1:g}" in words


def test_the_vae_words_follow_beta():
    """At beta = 0 there is no KL term: no words about N(0, I) pulling the codes into a cloud
    with no holes."""
    assert "no holes" in lf.gap_words("vae", 1.0)
    off = lf.gap_words("vae", 0.0, reach=15.2)
    assert "no holes" not in off and "β = 0" in off and "|z| = 15.2" in off and "gaps" in off
    assert "β = 0.5" in lf.gap_words("vae", 0.5) and "weakly" in lf.gap_words("vae", 0.5)
    assert "β = 4" in lf.gap_words("vae", 4.0)
    assert lf.gap_words("ae", 0.0) == lf.GAP_WORDS["ae"]
