"""Autoencoder vs variational autoencoder on 8x8 digits: the lecture's two latent spaces.

The autoencoder learns phi (encoder) and psi (decoder) minimising ||x - psi(phi(x))||^2 and
leaves gaps in its latent space; the VAE's encoder outputs a Gaussian q(z|x) = N(mean, sigma^2),
its latent space is pulled towards N(0, I) by the KL term, and any z near the origin decodes to
something digit-like. Both are trained side by side on the same minibatches (`Twins`).
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from engine.datasets import Split, digits
from engine.device import model_device, placed, to_numpy
from engine.pretrain import Asset
from engine.seeding import seeded

PIXELS = 64  # 8 x 8 digits, flattened


@dataclass(frozen=True)
class Config:
    latent: int = 2  # size of z
    hidden: int = 128
    beta: float = 1.0  # weight of the VAE's KL term; 1 gives the ELBO
    lr: float = 2e-3
    batch: int = 128
    steps: int = 4000
    seed: int = 0


class AutoEncoder(nn.Module):
    """Encoder phi: x -> z (or the mean and log-variance of q(z|x)), decoder psi: z -> x'."""

    def __init__(self, cfg: Config, variational: bool):
        super().__init__()
        self.variational, self.latent = variational, cfg.latent
        out = 2 * cfg.latent if variational else cfg.latent
        self.encoder = nn.Sequential(
            nn.Linear(PIXELS, cfg.hidden),
            nn.ReLU(),
            nn.Linear(cfg.hidden, cfg.hidden),
            nn.ReLU(),
            nn.Linear(cfg.hidden, out),
        )
        self.decoder = nn.Sequential(
            nn.Linear(cfg.latent, cfg.hidden),
            nn.ReLU(),
            nn.Linear(cfg.hidden, cfg.hidden),
            nn.ReLU(),
            nn.Linear(cfg.hidden, PIXELS),
        )

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """(mean, log-variance) of q(z|x); the plain autoencoder has no variance (None)."""
        code = self.encoder(x.reshape(len(x), PIXELS))  # (B, L) or (B, 2L)
        if not self.variational:
            return code, None
        mean, logvar = code.chunk(2, dim=-1)  # (B, L) each
        return mean, logvar.clamp(-12.0, 8.0)

    def decode_logits(self, z: torch.Tensor) -> torch.Tensor:
        return self.decoder(z)  # (B, 64)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.decoder(z))  # (B, 64) pixels in [0, 1]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The reconstruction of x through the latent mean (no sampling)."""
        return self.decode(self.encode(x)[0])  # (B, 64)


class Twins(nn.Module):
    """An autoencoder and a VAE of the same size, trained on the same batches."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.ae = AutoEncoder(cfg, variational=False)
        self.vae = AutoEncoder(cfg, variational=True)


def build(cfg: Config) -> Twins:
    with seeded(cfg.seed):
        return placed(Twins(cfg))


def kl_divergence(mean: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(mean, exp(logvar)) || N(0, I)) per example, in closed form: (B,)."""
    return 0.5 * (mean.pow(2) + logvar.exp() - 1.0 - logvar).sum(-1)


def ae_loss(ae: AutoEncoder, x: torch.Tensor) -> torch.Tensor:
    """The lecture's L(x, x') = ||x - x'||^2, per image, averaged over the batch."""
    return (x - ae(x)).pow(2).sum(-1).mean()


def vae_terms(
    vae: AutoEncoder, x: torch.Tensor, gen: torch.Generator | None = None, samples: int = 1
) -> tuple[torch.Tensor, torch.Tensor]:
    """(reconstruction, KL) per image: E_q[-log p(x|z)] by the reparameterisation trick, KL exact."""
    mean, logvar = vae.encode(x)  # (B, L)
    recon = torch.zeros(len(x), device=x.device)
    for _ in range(samples):
        eps = torch.randn(mean.shape, generator=gen).to(x.device)  # (B, L) drawn on the CPU: same everywhere
        z = mean + (0.5 * logvar).exp() * eps  # (B, L)
        logits = vae.decode_logits(z)  # (B, 64)
        recon = recon + F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(-1) / samples
    return recon, kl_divergence(mean, logvar)  # (B,), (B,)


def train(model: Twins, data: Split, cfg: Config, on_step=None, stop=None) -> dict:
    """Adam on both models, one shared minibatch a step; metrics per image, in nats for the VAE."""
    x_all = torch.from_numpy(np.ascontiguousarray(data.x_train.reshape(-1, PIXELS))).to(
        model_device(model)
    )  # (N, 64)
    gen = torch.Generator().manual_seed(cfg.seed)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    model.train()
    metrics: dict = {}
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        x = x_all[torch.randint(len(x_all), (cfg.batch,), generator=gen)]  # (B, 64)
        ae_error = ae_loss(model.ae, x)
        recon, kl = vae_terms(model.vae, x, gen)
        vae_loss = recon.mean() + cfg.beta * kl.mean()
        opt.zero_grad(set_to_none=True)
        (ae_error + vae_loss).backward()  # the two models share no weights: one backward trains both
        opt.step()
        metrics = {"ae_recon": ae_error.item(), "vae_recon": recon.mean().item(), "vae_kl": kl.mean().item()}
        if on_step is not None:
            on_step(step, metrics)
    model.eval()
    return metrics


@torch.no_grad()
def trace(model: AutoEncoder, x: torch.Tensor) -> dict[str, np.ndarray]:
    """Every stage of one model on images x (B, 8, 8): encoder hidden, latent, decoder, output."""
    flat = torch.as_tensor(x).reshape(len(x), PIXELS).float().to(model_device(model))  # (B, 64)
    out = {"input": to_numpy(flat).copy()}
    hidden = model.encoder[:-1](flat)  # (B, H)
    out["encoder.hidden"] = to_numpy(hidden)
    mean, logvar = model.encode(flat)  # (B, L)
    out["latent.mean"] = to_numpy(mean)
    if logvar is not None:
        out["latent.logvar"] = to_numpy(logvar)
    out["decoder.hidden"] = to_numpy(model.decoder[:-1](mean))  # (B, H)
    out["reconstruction"] = to_numpy(model.decode(mean))  # (B, 64) == model(x)
    return out


# ----- reading a trained model (no gradients, nothing mutated) ----------------------------------
@torch.no_grad()
def encode_means(model: AutoEncoder, images: np.ndarray) -> np.ndarray:
    """Latent means of images (N, 8, 8) -> (N, L)."""
    return to_numpy(model.encode(torch.as_tensor(images, dtype=torch.float32, device=model_device(model)))[0])


@torch.no_grad()
def decode(model: AutoEncoder, z: np.ndarray) -> np.ndarray:
    """Decoded images for latent points z (N, L) -> (N, 8, 8) in [0, 1]."""
    z = torch.as_tensor(np.atleast_2d(z), dtype=torch.float32, device=model_device(model))  # (N, L)
    return to_numpy(model.decode(z).reshape(-1, 8, 8))


@torch.no_grad()
def reconstruct(model: AutoEncoder, images: np.ndarray) -> np.ndarray:
    x = torch.as_tensor(images, dtype=torch.float32, device=model_device(model))  # (N, 8, 8)
    return to_numpy(model(x).reshape(-1, 8, 8))


@dataclass(frozen=True)
class Plane:
    """A 2-D window on the latent space: the latent itself when L = 2, else its top two PCA axes."""

    origin: np.ndarray  # (L,)
    axes: np.ndarray  # (2, L), orthonormal rows
    explained: float = 1.0  # share of the codes' variance the two axes show

    def project(self, z: np.ndarray) -> np.ndarray:
        return (np.atleast_2d(z) - self.origin) @ self.axes.T  # (N, 2)

    def lift(self, xy: np.ndarray) -> np.ndarray:
        return self.origin + np.atleast_2d(xy) @ self.axes  # (N, L)


def plane_of(codes: np.ndarray) -> Plane:
    """Identity for a 2-D latent; PCA (by SVD, centred on the codes' mean) for bigger ones."""
    latent = codes.shape[1]
    if latent == 2:
        return Plane(np.zeros(2, np.float32), np.eye(2, dtype=np.float32))
    origin = codes.mean(0)  # (L,)
    _, s, vt = np.linalg.svd(codes - origin, full_matrices=False)  # vt (L, L)
    share = float((s[:2] ** 2).sum() / max((s**2).sum(), 1e-12))
    return Plane(origin.astype(np.float32), vt[:2].astype(np.float32), share)


def decode_grid(model: AutoEncoder, plane: Plane, box: tuple, n: int = 15) -> np.ndarray:
    """The decoded manifold: an n x n grid of images over box = (x0, x1, y0, y1); row 0 = top."""
    xs = np.linspace(box[0], box[1], n)
    ys = np.linspace(box[3], box[2], n)  # top row is the largest y
    xy = np.stack(np.meshgrid(xs, ys), -1).reshape(-1, 2)  # (n*n, 2)
    return decode(model, plane.lift(xy)).reshape(n, n, 8, 8)


def interpolate(
    model: AutoEncoder, z_from: np.ndarray, z_to: np.ndarray, n: int = 9
) -> tuple[np.ndarray, np.ndarray]:
    """Decoded images along the straight line from z_from to z_to: (n, L) points, (n, 8, 8) images."""
    t = np.linspace(0.0, 1.0, n)[:, None]  # (n, 1)
    path = (1 - t) * np.asarray(z_from) + t * np.asarray(z_to)  # (n, L)
    return path, decode(model, path)


def gallery(
    model: AutoEncoder,
    digit: np.ndarray,
    caption: str,
    z: tuple,
    latent: np.ndarray,
    own: np.ndarray | None = None,
) -> tuple[list[np.ndarray], list[str]]:
    """The pictures under a plane: a digit and its reconstruction, the decoded z (its `latent`, in the
    model's own coordinates), and the user's digit with its reconstruction when there is one."""
    pictures = [digit, reconstruct(model, digit[None])[0], decode(model, latent)[0]]
    captions = [caption, "its reconstruction", f"decoded z = ({z[0]:.2f}, {z[1]:.2f})"]
    if own is not None:
        pictures += [own, reconstruct(model, own[None])[0]]
        captions += ["your digit", "its reconstruction"]
    return pictures, captions


def digit_from_picture(gray: np.ndarray) -> np.ndarray:
    """A drawn or photographed digit (H, W) grey in [0, 1] as an 8x8 digit like sklearn's (ink = 1).

    Dark ink on a light background is inverted; the ink's bounding box is centred in a square and
    averaged down to 8x8, as the UCI digits were made by counting ink in 4x4 blocks of 32x32.
    """
    from PIL import Image

    gray = np.asarray(gray, dtype=np.float32)
    ink = 1.0 - gray if np.median(gray) > 0.5 else gray  # (H, W)
    ink = np.clip((ink - 0.15) / 0.85, 0.0, 1.0)
    rows, cols = np.flatnonzero(ink.max(1) > 0.2), np.flatnonzero(ink.max(0) > 0.2)
    if len(rows) == 0:
        raise ValueError("no ink found: draw a digit, or use a picture with a clear dark-on-light digit")
    ink = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    side = int(max(ink.shape) * 1.1) + 1
    square = np.zeros((side, side), np.float32)
    top, left = (side - ink.shape[0]) // 2, (side - ink.shape[1]) // 2
    square[top : top + ink.shape[0], left : left + ink.shape[1]] = ink
    small = np.asarray(Image.fromarray(square).resize((8, 8), Image.Resampling.BOX), np.float32)
    return np.clip(small / max(float(small.max()), 1e-6), 0.0, 1.0)


@dataclass(frozen=True)
class LatentView:
    """What the page draws for one model: held-out codes, the 2-D window on them, the manifold."""

    codes: np.ndarray  # (N, L) latent means of the held-out digits
    xy: np.ndarray  # (N, 2) the same codes in the plane
    plane: Plane
    box: tuple  # (x0, x1, y0, y1) of the plane shown
    manifold: np.ndarray  # (H, W) decoded grid over the box, tiled
    manifold_png: str  # the same as a PNG data URI, made once here rather than on every redraw


def latent_view(model: AutoEncoder, images: np.ndarray, grid: int = 15) -> LatentView:
    from engine.latent_figures import box_of, manifold_png, tile

    codes = encode_means(model, images)  # (N, L)
    plane = plane_of(codes)
    xy = plane.project(codes)  # (N, 2)
    box = box_of(xy)
    manifold = tile(decode_grid(model, plane, box, grid))  # (H, W)
    return LatentView(codes, xy, plane, box, manifold, manifold_png(manifold))


def frozen_copy(model: nn.Module) -> nn.Module:
    """A copy in eval mode that training cannot change (what the live view draws)."""
    return copy.deepcopy(model).eval().requires_grad_(False)


def live_view(twins: Twins, images: np.ndarray) -> tuple[dict, dict]:
    """Frozen copies of both models and their latent views (made in the training thread)."""
    frozen = frozen_copy(twins)
    models = {"ae": frozen.ae, "vae": frozen.vae}
    return models, {m: latent_view(model, images) for m, model in models.items()}


@torch.no_grad()
def test_recon_error(ae: AutoEncoder, data: Split) -> float:
    """Mean squared error summed over the 64 pixels, per held-out image."""
    x = torch.from_numpy(data.x_test.reshape(-1, PIXELS)).to(model_device(ae))  # (N, 64)
    return float((x - ae(x)).pow(2).sum(-1).mean())


@torch.no_grad()
def test_elbo(vae: AutoEncoder, data: Split, samples: int = 16, seed: int = 0) -> float:
    """ELBO = E_q[log p(x|z)] - KL per held-out image, in nats (higher is better)."""
    x = torch.from_numpy(data.x_test.reshape(-1, PIXELS)).to(model_device(vae))  # (N, 64)
    recon, kl = vae_terms(vae, x, torch.Generator().manual_seed(seed), samples)
    return float(-(recon + kl).mean())


# ----- pretrained assets ---------------------------------------------------------------------------
ASSET_CONFIG = Config()


def _pretrain(quick: bool) -> tuple[Twins, dict]:
    cfg = Config(steps=200) if quick else ASSET_CONFIG
    data = digits()
    model = build(cfg)
    train(model, data, cfg)
    return model, {"data": "sklearn digits 8x8, 80/20 split seed 0", "config": asdict(cfg)}


def _train_ae(quick: bool):
    model, card = _pretrain(quick)
    error = test_recon_error(model.ae, digits())
    # the floor sits 15% above the error measured when the asset was made
    return model.ae.state_dict(), {
        **card,
        "metrics": {"neg_test_recon_error": -error},
        "floors": {"neg_test_recon_error": round(-1.15 * error, 3)},
    }


def _train_vae(quick: bool):
    model, card = _pretrain(quick)
    elbo = test_elbo(model.vae, digits())
    return model.vae.state_dict(), {
        **card,
        "metrics": {"test_elbo": elbo},
        "floors": {"test_elbo": round(elbo - 1.0, 3)},
    }


def load_asset(state: dict, variational: bool) -> AutoEncoder:
    """An eval-mode model with the saved weights; the latent size is read from the weights."""
    latent = state["decoder.0.weight"].shape[1]
    hidden = state["decoder.0.weight"].shape[0]
    model = AutoEncoder(Config(latent=latent, hidden=hidden), variational)
    model.load_state_dict(state)
    return placed(model).eval().requires_grad_(False)


PRETRAINED = {
    "ae_digits_2d": Asset(
        train=_train_ae,
        description="Autoencoder with a 2-D latent on 8x8 digits",
        evaluate=lambda s: {"neg_test_recon_error": -test_recon_error(load_asset(s, False), digits())},
    ),
    "vae_digits_2d": Asset(
        train=_train_vae,
        description="VAE with a 2-D latent on 8x8 digits",
        evaluate=lambda s: {"test_elbo": test_elbo(load_asset(s, True), digits())},
    ),
}
