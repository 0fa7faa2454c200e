"""The demo pages, in the order and sections the navigation and the home page show them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Demo:
    path: str  # page file, relative to the repository root
    title: str
    icon: str  # an emoji: Material icons would be fetched from a CDN, and classrooms can be offline
    section: str
    blurb: str  # one sentence for the home page card

    @property
    def url_path(self) -> str:
        return Path(self.path).stem

    @property
    def thumbnail(self) -> Path:
        return ROOT / "assets" / "thumbnails" / f"{self.url_path}.png"

    @property
    def exists(self) -> bool:
        return (ROOT / self.path).is_file()


SECTIONS = ("Basics", "Convolution", "Sequences", "Attention", "Generative")

DEMOS: tuple[Demo, ...] = (
    Demo(
        "pages/perceptron.py",
        "Perceptron",
        "➗",
        "Basics",
        "Rosenblatt's learning rule one update at a time, the convergence bound, "
        "and why XOR never converges.",
    ),
    Demo(
        "pages/mlp_playground.py",
        "MLP playground",
        "🕸️",
        "Basics",
        "Train a multilayer perceptron live and watch its decision surface and every neuron change.",
    ),
    Demo(
        "pages/backprop.py",
        "Activations & backprop",
        "🔁",
        "Basics",
        "Activation functions with their derivatives, and forward and backward propagation with numbers.",
    ),
    Demo(
        "pages/filters_pooling.py",
        "Filters & Pooling",
        "🔲",
        "Convolution",
        "Slide a filter over the lecture's X, your photo or your drawing; ReLU and pooling after it.",
    ),
    Demo(
        "pages/x_vs_o.py",
        "The X-vs-O network",
        "❎",
        "Convolution",
        "The lecture's whole small ConvNet: filters, ReLU, pooling and the votes; "
        "shift, turn or spoil the X.",
    ),
    Demo(
        "pages/learned_filters.py",
        "Learned filters",
        "🔢",
        "Convolution",
        "A CNN trained on handwritten digits: its filters, its feature maps and receptive fields.",
    ),
    Demo(
        "pages/imagenet_cnn.py",
        "A real ImageNet CNN",
        "📷",
        "Convolution",
        "EfficientNet-Lite0 on any photo: top-5 classes and feature maps from edges to parts.",
    ),
    Demo(
        "pages/conv3d.py",
        "3-D convolution",
        "🎞️",
        "Convolution",
        "A digit moving across frames, convolved over space and time: 3-D kernels that see motion.",
    ),
    Demo(
        "pages/unroll_rnn.py",
        "Unroll an RNN",
        "🔄",
        "Sequences",
        "The lecture's 'hello' model unrolled over time and trained live until it says 'ello'.",
    ),
    Demo(
        "pages/char_rnn.py",
        "Char-RNN on any text",
        "✍️",
        "Sequences",
        "Train on any text, then sample one character at a time: temperature, greedy and beam search.",
    ),
    Demo(
        "pages/word_embeddings.py",
        "Word embeddings",
        "🔤",
        "Sequences",
        "One-hot vectors against an embedding E learned live: king − man + woman, and a glass of apple ___.",
    ),
    Demo(
        "pages/bptt.py",
        "BPTT & vanishing gradients",
        "📉",
        "Sequences",
        "Watch the gradient flow backward through time, vanish or explode, and be truncated.",
    ),
    Demo(
        "pages/rnn_shapes.py",
        "Shapes of RNNs",
        "🧩",
        "Sequences",
        "One-to-many, many-to-one, many-to-many, encoder-decoder and bidirectional RNNs, live.",
    ),
    Demo(
        "pages/lstm_gates.py",
        "LSTM gates",
        "🚪",
        "Sequences",
        "Every gate and the cell state, step by step, on a trained model and on your own sentence.",
    ),
    Demo(
        "pages/why_gates.py",
        "Why gates",
        "🧠",
        "Sequences",
        "Vanilla RNN vs LSTM vs GRU on a long-range task: accuracy and gradients against the gap.",
    ),
    Demo(
        "pages/captioning.py",
        "Show, Attend and Tell",
        "🖼️",
        "Attention",
        "A captioning model that looks at one part of the picture for every word it writes.",
    ),
    Demo(
        "pages/seq2seq.py",
        "Seq2seq alignments",
        "↔️",
        "Attention",
        "An encoder-decoder rewriting dates with the alignment it learned, "
        "and the one-vector bottleneck without it.",
    ),
    Demo(
        "pages/self_attention.py",
        "Self-attention",
        "🔦",
        "Attention",
        "A tiny transformer sorts the letters of your word: its attention matrices, per layer and head.",
    ),
    Demo(
        "pages/gradcam.py",
        "Where a CNN looks",
        "🎯",
        "Attention",
        "Grad-CAM on your photo: the regions the ImageNet CNN used for its top classes.",
    ),
    Demo(
        "pages/latent_space.py",
        "AE vs VAE latent space",
        "🌌",
        "Generative",
        "Autoencoder and VAE latent maps side by side: decode any point, interpolate, find the gaps.",
    ),
    Demo(
        "pages/gan_2d.py",
        "GAN on 2-D data",
        "🎲",
        "Generative",
        "A generator and a discriminator fight on 2-D points, live, with the decision surface behind.",
    ),
    Demo(
        "pages/gan_digits.py",
        "GAN on digits",
        "🖋️",
        "Generative",
        "A GAN learning to write digits, with samples from fixed noise and latent interpolation.",
    ),
)


def available() -> list[Demo]:
    """The demos whose page file exists (all of them, once every page has landed; a test checks)."""
    return [d for d in DEMOS if d.exists]
