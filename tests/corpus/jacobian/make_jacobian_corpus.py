#!/usr/bin/python3
"""The Jacobian verdict corpus: layers a user writes by hand as vector functions y = f(x), with backward passes.

Run from the repo root:  /usr/bin/python3 tests/corpus/jacobian/make_jacobian_corpus.py
Writes tests/corpus/jacobian/fixtures/jacobian_cases.json. Deterministic (fixed seeds only). Floats are written by
json.dump, which uses repr() and so round-trips float64 exactly. Arrays are flat and row-major, like numpy; a
Jacobian is (outputs × inputs), row i being ∂y_i/∂x, both in layout order (blocks in the order listed).

The truth is torch autograd in float64: the forward y, the full Jacobian (torch.autograd.functional.jacobian) and
the vector-Jacobian product for a random upstream dout (torch.autograd.grad). Each family also has a hand-written
backward pass in numpy, vjp(x, u) = uᵀJ, with no autograd. Its correct form is asserted to match torch's Jacobian
to 1e-10 of each (output block, input block) pair's largest entry; its buggy forms (bugs people really write)
give the buggy Jacobians, row i being the buggy vjp of the unit upstream e_i (each buggy vjp is asserted linear
in u: its value at dout is dout·J_bug). So no number in the fixture comes from GradCheck.

Kinks. Cases of the conditions exact-zero (ReLU inputs exactly 0: torch's derivative there is 0 for relu and the
slope for leaky relu, i.e. the left one-sided derivative) and exact-tie (max-pool windows with two, three or four
equal maxima: torch routes the gradient to the first maximum in row-major order) list the input entries that sit
exactly on a kink. A bug that changes the Jacobian only in those columns is marked kink_only: no finite
difference can tell it from the truth, and the report tallies it apart. one_sided says whether each such column
of the buggy Jacobian equals one of torch's one-sided Jacobian columns there (from x ± δ·e_j).

Effects and resolvability, per bug. effect[pair] = max |J_bug − J| / max |J| over the (output, input) pair, J
torch's. yscale_i = max(|y_i|, Σ_j |J_ij x_j|) is the scale of output i's rounding over u = 2⁻⁵² (the second term
catches the cancellation of x − μ, of x W with large x, ...). resolvability[pair] = max |J_bug − J_hand| /
(u·yscale_i/ε) over the pair, ε = 1e-7, J_hand the correct numpy backward's Jacobian (so that only the bug's own
change counts);
vjp_resolvability[input] the same for the vjp of dout, in units of u·Σ_i |dout_i|·yscale_i/ε, and vjp_effect its
max |Δ| / max |vjp| over the input block. The report calls a bug resolvable when some resolvability exceeds 10.
"""
import json, math, os, sys
import numpy as np
import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
GEN = {"script": "tests/corpus/jacobian/make_jacobian_corpus.py", "python": sys.version.split()[0],
       "numpy": np.__version__, "torch": torch.__version__}
MATCH = 1e-10  # the hand backward must match autograd to this, relative to the pair's largest entry
U = np.finfo(np.float64).eps  # 2^-52, as the user corpus's u
EPS = 1e-7  # the step of the resolvability rule (ours and the course's)


def T(a):
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64)


def sig(z):
    return 1 / (1 + np.exp(-z))


def windows(x):
    """(C, H, W) → (C, H/2, W/2, 4): the 2×2 windows of stride 2, entry k = 2p + q at (2i + p, 2j + q)."""
    C, H, W = x.shape
    return x.reshape(C, H // 2, 2, W // 2, 2).transpose(0, 1, 3, 2, 4).reshape(C, H // 2, W // 2, 4)


# ---------------------------------------------------------------- the families
# Each family: inputs(d), outputs(d) -> [(name, shape)]; make(rng, cond, d) -> (P, D, note, kinks) with P the
# inputs (numpy), D fixed data, kinks a list of (block, flat index) exactly at a kink; forward(P, D, d) -> dict
# of torch outputs (P as torch tensors); vjp(P, D, d, U, bug) -> dict of numpy input gradients for the upstream
# dict U (numpy, per output block). CASES lists (condition, dims or None, bug kinds).

class Affine:
    """y = x W + b (or x W without a bias)."""
    name = "affine"
    bugs = {"dW-reshaped": "dW = (doutᵀ x).reshape(D, M): the transpose forgotten, reshaped to fit",
            "dx-reshaped-W": "dx = dout · W.reshape(M, D) instead of dout · Wᵀ",
            "db-first-row": "db = dout[0]: the bias gradient not summed over the batch",
            "db-mean": "db = dout.mean(0) instead of dout.sum(0)",
            "dW-mean": "dW = xᵀ dout / N: averaged over the batch, which the layer never did"}
    CASES = [("plain", None, ["dW-reshaped", "db-first-row", "dx-reshaped-W"]),
             ("mixed-scale", None, ["db-mean", "dW-reshaped", "dx-reshaped-W"]),
             ("small-x", None, ["db-first-row", "dW-mean", "dx-reshaped-W"]),
             ("no-bias", dict(N=3, D=4, M=2, bias=0), ["dW-reshaped", "dW-mean", "dx-reshaped-W"]),
             ("no-bias-large", dict(N=2, D=3, M=5, bias=0), ["dx-reshaped-W", "dW-mean"])]

    @staticmethod
    def inputs(d):
        b = [("b", (d["M"],))] if d["bias"] else []
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["M"]))] + b

    @staticmethod
    def outputs(d):
        return [("y", (d["N"], d["M"]))]

    @staticmethod
    def make(rng, cond, d):
        N, D_, M = d["N"], d["D"], d["M"]
        P = dict(x=rng.standard_normal((N, D_)), W=rng.standard_normal((D_, M)) * 0.5)
        if d["bias"]:
            P["b"] = rng.standard_normal(M) * 0.1
        note = ""
        if cond == "mixed-scale":
            P["x"] *= 1e3
            P["W"] *= 1e-3
            note = "x × 1e3, W × 1e-3"
        elif cond == "small-x":
            P["x"] *= 1e-3
            P["b"] *= 1e-3
            note = "x × 1e-3, b × 1e-3"
        elif cond == "no-bias-large":
            P["W"] *= 1e3
            note = "no bias, W × 1e3"
        elif cond == "no-bias":
            note = "no bias"
        return P, {}, note, []

    @staticmethod
    def forward(P, D, d):
        y = P["x"] @ P["W"]
        return dict(y=y + P["b"] if d["bias"] else y)

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        x, W, u = P["x"], P["W"], U["y"]
        N, D_, M = d["N"], d["D"], d["M"]
        g = dict(x=u @ W.T, W=x.T @ u)
        if d["bias"]:
            g["b"] = u.sum(0)
        if bug == "dW-reshaped":
            g["W"] = (u.T @ x).reshape(D_, M)
        elif bug == "dx-reshaped-W":
            g["x"] = u @ W.reshape(M, D_)
        elif bug == "db-first-row":
            g["b"] = u[0].copy()
        elif bug == "db-mean":
            g["b"] = u.mean(0)
        elif bug == "dW-mean":
            g["W"] = x.T @ u / N
        return g


class Elementwise:
    """y = act(x), elementwise over x (N, M)."""
    DIMS = dict(N=3, M=4)

    @staticmethod
    def inputs(d):
        return [("x", (d["N"], d["M"]))]

    @staticmethod
    def outputs(d):
        return [("y", (d["N"], d["M"]))]


def near_kinks(rng, x, count):
    """Entries 1e-9..1e-7 from 0 (either side), so that a centred difference at ε = 1e-7 straddles the kink."""
    flat = x.reshape(-1)
    picks = rng.permutation(flat.size)[:count]
    for p in picks:
        flat[p] = (1 if rng.random() < 0.5 else -1) * 10 ** rng.uniform(-9, -7)
    return "near kinks " + " ".join("x%s=%.2g" % (list(np.unravel_index(p, x.shape)), flat[p]) for p in picks)


def exact_zeros(rng, x, count):
    flat = x.reshape(-1)
    picks = sorted(rng.permutation(flat.size)[:count])
    for p in picks:
        flat[p] = 0.0
    return picks


class ReLU(Elementwise):
    """y = relu(x); torch's derivative at exactly 0 is 0."""
    name = "relu"
    slope = 0.0
    bugs = {"no-mask": "dx = dout: the mask left out",
            "mask-ge": "mask = x >= 0 instead of x > 0 (differs only at exact zeros)",
            "mask-shifted": "the mask read one unit to the left (np.roll(mask, 1, axis=1), a loop index bug)",
            "inverted-mask": "dx[x > 0] = 0 instead of dx[x <= 0] = 0: the wrong side zeroed"}
    CASES = [("plain", None, ["no-mask", "mask-shifted", "inverted-mask"]),
             ("near-kink", None, ["mask-shifted", "inverted-mask", "no-mask"]),
             ("exact-zero", None, ["mask-ge", "mask-shifted", "no-mask"]),
             ("large-x", None, ["inverted-mask", "mask-shifted"])]

    @classmethod
    def make(cls, rng, cond, d):
        x = rng.standard_normal((d["N"], d["M"]))
        note, kinks = "", []
        if cond == "near-kink":
            note = near_kinks(rng, x, 4)
        elif cond == "exact-zero":
            picks = exact_zeros(rng, x, 3)
            kinks = [("x", int(p)) for p in picks]
            note = "x exactly 0 at flat %s (torch: derivative %g there, the left one)" % (
                [int(p) for p in picks], cls.slope)
        elif cond == "large-x":
            x *= 1e3
            note = "x × 1e3"
        return dict(x=x), {}, note, kinks

    @classmethod
    def forward(cls, P, D, d):
        x = P["x"]
        return dict(y=torch.relu(x) if cls.slope == 0 else torch.nn.functional.leaky_relu(x, cls.slope))

    @classmethod
    def vjp(cls, P, D, d, U, bug=None):
        x, u, a = P["x"], U["y"], cls.slope
        deriv = np.where(x > 0, 1.0, a)
        if bug == "no-mask" or bug == "no-derivative":
            deriv = np.ones_like(x)
        elif bug == "mask-ge":
            deriv = np.where(x >= 0, 1.0, a)
        elif bug == "mask-shifted":
            deriv = np.roll(deriv, 1, axis=1)
        elif bug == "inverted-mask":
            deriv = np.where(x > 0, a, 1.0)
        elif bug == "zero-negative-slope":
            deriv = np.where(x > 0, 1.0, 0.0)
        elif bug == "swapped-branches":
            deriv = np.where(x > 0, a, 1.0)
        return dict(x=u * deriv)


class LeakyReLU(ReLU):
    """y = leaky_relu(x, 0.01); torch's derivative at exactly 0 is the slope."""
    name = "leaky-relu"
    slope = 0.01
    bugs = {"zero-negative-slope": "the negative side's derivative taken as 0 (ReLU's)",
            "swapped-branches": "derivative 0.01 for x > 0 and 1 otherwise",
            "mask-ge": "x >= 0 takes the positive branch (differs only at exact zeros)",
            "no-derivative": "dx = dout"}
    CASES = [("plain", None, ["zero-negative-slope", "swapped-branches", "no-derivative"]),
             ("near-kink", None, ["zero-negative-slope", "swapped-branches"]),
             ("exact-zero", None, ["mask-ge", "zero-negative-slope", "swapped-branches"])]


class Smooth(Elementwise):
    """Shared make() for the smooth activations: x mixes magnitudes 1e-3..scale."""
    spread = 3.0

    @classmethod
    def make(cls, rng, cond, d):
        shape = (d["N"], d["M"])
        sign = np.where(rng.random(shape) < 0.5, -1.0, 1.0)
        if cond == "mixed-scale":
            x = sign * 10 ** rng.uniform(-3, np.log10(cls.spread), shape)
            note = "|x| log-uniform in [1e-3, %g]" % cls.spread
        elif cond == "small-x":
            x = sign * 10 ** rng.uniform(-4, np.log10(2e-3), shape)
            note = "|x| log-uniform in [1e-4, 2e-3]: 1 − x² and 1 − tanh(x)² differ by about x⁴"
        elif cond == "saturated":
            x = sign * rng.uniform(8, 20, shape)
            x.reshape(-1)[:3] = [0.3, -0.7, 1.2]
            note = "|x| in [8, 20] but for three entries: saturated"
        else:
            x = rng.standard_normal(shape)
            note = ""
        return dict(x=x), {}, note, []


class Tanh(Smooth):
    name = "tanh"
    bugs = {"uses-x": "dx = dout·(1 − x²): the input where the output belongs",
            "tanh-of-y": "dx = dout·(1 − tanh(y)²): tanh applied to the cached output again",
            "missing-square": "dx = dout·(1 − y)",
            "wrong-sign": "dx = dout·(y² − 1)"}
    CASES = [("plain", None, ["uses-x", "missing-square", "wrong-sign"]),
             ("mixed-scale", None, ["uses-x", "tanh-of-y", "wrong-sign"]),
             ("saturated", None, ["tanh-of-y", "missing-square"]),
             ("small-x", None, ["uses-x", "tanh-of-y", "wrong-sign"])]

    @staticmethod
    def forward(P, D, d):
        return dict(y=torch.tanh(P["x"]))

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        x, u = P["x"], U["y"]
        y = np.tanh(x)
        deriv = {"uses-x": 1 - x ** 2, "tanh-of-y": 1 - np.tanh(y) ** 2, "missing-square": 1 - y,
                 "wrong-sign": y ** 2 - 1}.get(bug, 1 - y ** 2)
        return dict(x=u * deriv)


class Sigmoid(Smooth):
    name = "sigmoid"
    bugs = {"uses-x": "dx = dout·x(1 − x): the input where the output belongs",
            "sigmoid-of-y": "dx = dout·σ(y)(1 − σ(y)): σ applied to the cached output again",
            "missing-one-minus": "dx = dout·y",
            "wrong-sign": "dx = dout·y(y − 1)"}
    CASES = [("plain", None, ["uses-x", "missing-one-minus", "wrong-sign"]),
             ("mixed-scale", None, ["sigmoid-of-y", "uses-x", "missing-one-minus"])]

    @staticmethod
    def forward(P, D, d):
        return dict(y=torch.sigmoid(P["x"]))

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        x, u = P["x"], U["y"]
        y = sig(x)
        deriv = {"uses-x": x * (1 - x), "sigmoid-of-y": sig(y) * (1 - sig(y)), "missing-one-minus": y,
                 "wrong-sign": y * (y - 1)}.get(bug, y * (1 - y))
        return dict(x=u * deriv)


class Softplus(Smooth):
    """y = max(x, 0) + log1p(exp(−|x|)), the stable softplus."""
    name = "softplus"
    spread = 30.0
    bugs = {"sigmoid-of-minus-x": "dx = dout·σ(−x)",
            "uses-y": "dx = dout·σ(y): the output where the input belongs",
            "missing-denominator": "dx = dout·exp(x): the 1/(1 + exp(x)) left out"}
    CASES = [("plain", None, ["sigmoid-of-minus-x", "uses-y", "missing-denominator"]),
             ("mixed-scale", None, ["uses-y", "missing-denominator", "sigmoid-of-minus-x"])]

    @staticmethod
    def forward(P, D, d):
        x = P["x"]
        return dict(y=torch.clamp(x, min=0) + torch.log1p(torch.exp(-torch.abs(x))))

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        x, u = P["x"], U["y"]
        y = np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))
        deriv = {"sigmoid-of-minus-x": sig(-x), "uses-y": sig(y), "missing-denominator": np.exp(x)}.get(bug, sig(x))
        return dict(x=u * deriv)


GELU_K = math.sqrt(2 / math.pi)
GELU_C = 0.044715


class GeluTanh(Smooth):
    """y = ½ x (1 + tanh(k (x + c x³))), k = √(2/π), c = 0.044715."""
    name = "gelu-tanh"
    spread = 5.0
    bugs = {"missing-cubic-derivative": "the inner derivative k(1 + 3c x²) taken as k",
            "missing-product-rule": "dx = dout·½ x (1 − t²) k(1 + 3c x²): the ½(1 + t) term left out",
            "sech-not-squared": "(1 − t) where (1 − t²) belongs"}
    CASES = [("plain", None, ["missing-cubic-derivative", "missing-product-rule", "sech-not-squared"]),
             ("mixed-scale", None, ["missing-cubic-derivative", "sech-not-squared"])]

    @staticmethod
    def forward(P, D, d):
        x = P["x"]
        return dict(y=0.5 * x * (1 + torch.tanh(GELU_K * (x + GELU_C * x ** 3))))

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        x, u = P["x"], U["y"]
        t = np.tanh(GELU_K * (x + GELU_C * x ** 3))
        inner = GELU_K if bug == "missing-cubic-derivative" else GELU_K * (1 + 3 * GELU_C * x ** 2)
        sech = 1 - t if bug == "sech-not-squared" else 1 - t ** 2
        deriv = 0.5 * x * sech * inner
        if bug != "missing-product-rule":
            deriv = deriv + 0.5 * (1 + t)
        return dict(x=u * deriv)


class Softmax:
    """y = softmax(x) over each row of x (N, C)."""
    name = "softmax"
    log = False
    bugs = {"missing-cross-term": "dx = y ⊙ dout: the −Σ y·dout term left out",
            "diagonal-only": "dx = y(1 − y) ⊙ dout: only the Jacobian's diagonal",
            "wrong-axis-sum": "Σ y·dout taken over the batch axis (axis 0) instead of each row"}
    CASES = [("plain", None, ["missing-cross-term", "diagonal-only", "wrong-axis-sum"]),
             ("offset", None, ["diagonal-only", "wrong-axis-sum"]),
             ("saturated", None, ["missing-cross-term", "diagonal-only", "wrong-axis-sum"]),
             ("small-x", None, ["wrong-axis-sum", "missing-cross-term"])]

    @staticmethod
    def inputs(d):
        return [("x", (d["N"], d["C"]))]

    @staticmethod
    def outputs(d):
        return [("y", (d["N"], d["C"]))]

    DIMS = dict(N=3, C=4)

    @staticmethod
    def make(rng, cond, d):
        x = rng.standard_normal((d["N"], d["C"]))
        note = ""
        if cond == "offset":
            x += 1e3
            note = "x = 1e3 + O(1)"
        elif cond == "saturated":
            x *= 15
            note = "x × 15: rows nearly one-hot"
        elif cond == "small-x":
            x *= 1e-3
            note = "x × 1e-3: rows nearly uniform"
        return dict(x=x), {}, note, []

    @classmethod
    def forward(cls, P, D, d):
        return dict(y=torch.log_softmax(P["x"], 1) if cls.log else torch.softmax(P["x"], 1))

    @staticmethod
    def probs(x):
        e = np.exp(x - x.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    @classmethod
    def vjp(cls, P, D, d, U, bug=None):
        x, u = P["x"], U["y"]
        y = cls.probs(x)
        if bug == "missing-cross-term":
            return dict(x=y * u)
        if bug == "diagonal-only":
            return dict(x=y * (1 - y) * u)
        return dict(x=y * (u - (y * u).sum(0 if bug == "wrong-axis-sum" else 1, keepdims=True)))


class LogSoftmax(Softmax):
    """y = x − logsumexp(x) over each row."""
    name = "log-softmax"
    log = True
    bugs = {"elementwise-not-sum": "dx = dout − p ⊙ dout: Σ dout over the row left out",
            "uses-logp": "dx = dout − y·Σ dout: the log-probabilities where the probabilities belong",
            "no-softmax-term": "dx = dout"}
    CASES = [("plain", None, ["elementwise-not-sum", "uses-logp", "no-softmax-term"]),
             ("saturated", None, ["uses-logp", "elementwise-not-sum"])]

    @classmethod
    def vjp(cls, P, D, d, U, bug=None):
        x, u = P["x"], U["y"]
        p = cls.probs(x)
        if bug == "elementwise-not-sum":
            return dict(x=u - p * u)
        if bug == "uses-logp":
            m = x.max(1, keepdims=True)
            y = x - m - np.log(np.exp(x - m).sum(1, keepdims=True))
            return dict(x=u - y * u.sum(1, keepdims=True))
        if bug == "no-softmax-term":
            return dict(x=u.copy())
        return dict(x=u - p * u.sum(1, keepdims=True))


class LayerNorm:
    """y = γ (x − μ)/√(σ² + eps) + β, statistics over each row's features (eps = 1e-5)."""
    name = "layer-norm"
    axis = 1
    DIMS = dict(N=2, D=5)
    bugs = {"missing-mean-term": "dx without the −mean(dx̂) term",
            "missing-variance-term": "dx without the variance path, −x̂·mean(dx̂·x̂)",
            "dgamma-sum-dy": "dγ = Σ dout: the x̂ factor left out",
            "means-as-sums": "dx = (dx̂ − Σ dx̂ − x̂ Σ dx̂·x̂)/σ: the 1/m of the means forgotten"}
    CASES = [("plain", None, ["missing-mean-term", "missing-variance-term", "dgamma-sum-dy"]),
             ("offset", None, ["missing-variance-term", "means-as-sums", "dgamma-sum-dy"]),
             ("small-x", None, ["missing-mean-term", "means-as-sums"])]

    @staticmethod
    def inputs(d):
        return [("x", (d["N"], d["D"])), ("gamma", (d["D"],)), ("beta", (d["D"],))]

    @staticmethod
    def outputs(d):
        return [("y", (d["N"], d["D"]))]

    @staticmethod
    def make(rng, cond, d):
        N, D_ = d["N"], d["D"]
        P = dict(x=rng.standard_normal((N, D_)) * 2 + 1, gamma=1 + 0.3 * rng.standard_normal(D_),
                 beta=0.2 * rng.standard_normal(D_))
        note = ""
        if cond == "offset":
            P["x"] += 1e3
            note = "x = 1e3 + O(1)"
        elif cond == "small-x":
            P["x"] *= 1e-3
            note = "x × 1e-3: σ² of the order of eps"
        return P, dict(eps=np.array(1e-5)), note, []

    @classmethod
    def forward(cls, P, D, d):
        x, a = P["x"], cls.axis
        mu = x.mean(dim=a, keepdim=True)
        var = ((x - mu) ** 2).mean(dim=a, keepdim=True)
        return dict(y=P["gamma"] * ((x - mu) / torch.sqrt(var + D["eps"])) + P["beta"])

    @classmethod
    def vjp(cls, P, D, d, U, bug=None):
        x, gamma, u, a = P["x"], P["gamma"], U["y"], cls.axis
        mu = x.mean(a, keepdims=True)
        var = ((x - mu) ** 2).mean(a, keepdims=True)
        sd = np.sqrt(var + D["eps"])
        xhat = (x - mu) / sd
        dxhat = u * gamma
        red = (lambda v: v.sum(a, keepdims=True)) if bug == "means-as-sums" else (lambda v: v.mean(a, keepdims=True))
        mean_d, mean_dx = red(dxhat), red(dxhat * xhat)
        if bug == "missing-mean-term":
            dx = (dxhat - xhat * mean_dx) / sd
        elif bug == "missing-variance-term":
            dx = (dxhat - mean_d) / sd
        else:
            dx = (dxhat - mean_d - xhat * mean_dx) / sd
        g = dict(x=dx, gamma=(u * xhat).sum(0), beta=u.sum(0))
        if bug == "dgamma-sum-dy":
            g["gamma"] = u.sum(0)
        return g


class BatchNorm(LayerNorm):
    """Batch norm in training mode: statistics over the batch (the rows), biased variance, eps = 1e-5."""
    name = "batch-norm"
    axis = 0
    DIMS = dict(N=4, D=3)
    CASES = [("plain", None, ["missing-mean-term", "missing-variance-term", "means-as-sums"]),
             ("offset", None, ["missing-mean-term", "dgamma-sum-dy", "missing-variance-term"]),
             ("small-x", None, ["means-as-sums", "missing-variance-term"])]


class Conv1D:
    """y[f,t] = b[f] + Σ_c Σ_k w[f,c,k] x[c,t+k] (valid, stride 1)."""
    name = "conv1d"
    DIMS = dict(C=2, L=6, F=2, K=3)
    bugs = {"dx-kernel-flipped": "dx with the kernel taps reversed (w[:, :, ::-1]): convolution for correlation",
            "dw-shifted": "dw reads x[c, t+k+1] (np.roll(x, -1, axis=1)): an off-by-one window",
            "db-first-position": "db = dout[:, 0]: not summed over the positions"}
    CASES = [("plain", None, ["dx-kernel-flipped", "dw-shifted", "db-first-position"]),
             ("mixed-scale", None, ["dw-shifted", "db-first-position", "dx-kernel-flipped"])]

    @staticmethod
    def inputs(d):
        return [("x", (d["C"], d["L"])), ("w", (d["F"], d["C"], d["K"])), ("b", (d["F"],))]

    @staticmethod
    def outputs(d):
        return [("y", (d["F"], d["L"] - d["K"] + 1))]

    @staticmethod
    def make(rng, cond, d):
        P = dict(x=rng.standard_normal((d["C"], d["L"])), w=rng.standard_normal((d["F"], d["C"], d["K"])) * 0.5,
                 b=rng.standard_normal(d["F"]) * 0.1)
        note = ""
        if cond == "mixed-scale":
            P["x"] *= 1e3
            P["w"] *= 1e-3
            note = "x × 1e3, w × 1e-3"
        elif cond == "small-x":
            P["x"] *= 1e-3
            note = "x × 1e-3"
        return P, {}, note, []

    @staticmethod
    def forward(P, D, d):
        return dict(y=torch.nn.functional.conv1d(P["x"].unsqueeze(0), P["w"], P["b"])[0])

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        x, w, u = P["x"], P["w"], U["y"]
        F, C, K = w.shape
        Lo = x.shape[1] - K + 1
        xs = np.roll(x, -1, axis=1) if bug == "dw-shifted" else x
        dw = np.stack([np.einsum("ft,ct->fc", u, xs[:, k:k + Lo]) for k in range(K)], axis=2)
        wk = w[:, :, ::-1] if bug == "dx-kernel-flipped" else w
        dx = np.zeros_like(x)
        for k in range(K):
            dx[:, k:k + Lo] += np.einsum("fc,ft->ct", wk[:, :, k], u)
        db = u[:, 0].copy() if bug == "db-first-position" else u.sum(1)
        return dict(x=dx, w=dw, b=db)


class Conv2D:
    """y[f,i,j] = b[f] + Σ_c Σ_pq w[f,c,p,q] x[c,i+p,j+q] (valid, stride 1), one image."""
    name = "conv2d"
    DIMS = dict(C=2, H=4, W=4, F=2, K=3)
    bugs = {"dx-kernel-transposed": "dx with each kernel transposed (w[f, c].T)",
            "dw-shifted-column": "dw reads x[c, i+p, j+q+1] (np.roll by one column)",
            "db-first-position": "db = dout[:, 0, 0]: not summed over the positions"}
    CASES = [("plain", None, ["dx-kernel-transposed", "dw-shifted-column", "db-first-position"]),
             ("mixed-scale", None, ["dw-shifted-column", "dx-kernel-transposed", "db-first-position"])]

    @staticmethod
    def inputs(d):
        K = d["K"]
        return [("x", (d["C"], d["H"], d["W"])), ("w", (d["F"], d["C"], K, K)), ("b", (d["F"],))]

    @staticmethod
    def outputs(d):
        return [("y", (d["F"], d["H"] - d["K"] + 1, d["W"] - d["K"] + 1))]

    @staticmethod
    def make(rng, cond, d):
        K = d["K"]
        P = dict(x=rng.standard_normal((d["C"], d["H"], d["W"])), w=rng.standard_normal((d["F"], d["C"], K, K)) * 0.4,
                 b=rng.standard_normal(d["F"]) * 0.1)
        note = ""
        if cond == "mixed-scale":
            P["x"] *= 1e-3
            P["w"] *= 1e3
            note = "x × 1e-3, w × 1e3"
        return P, {}, note, []

    @staticmethod
    def forward(P, D, d):
        return dict(y=torch.nn.functional.conv2d(P["x"].unsqueeze(0), P["w"], P["b"])[0])

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        x, w, u = P["x"], P["w"], U["y"]
        F, C, K, _ = w.shape
        Ho, Wo = x.shape[1] - K + 1, x.shape[2] - K + 1
        xs = np.roll(x, -1, axis=2) if bug == "dw-shifted-column" else x
        dw = np.zeros_like(w)
        for p in range(K):
            for q in range(K):
                dw[:, :, p, q] = np.einsum("fhw,chw->fc", u, xs[:, p:p + Ho, q:q + Wo])
        wk = w.transpose(0, 1, 3, 2) if bug == "dx-kernel-transposed" else w
        dx = np.zeros_like(x)
        for p in range(K):
            for q in range(K):
                dx[:, p:p + Ho, q:q + Wo] += np.einsum("fc,fhw->chw", wk[:, :, p, q], u)
        db = u[:, 0, 0].copy() if bug == "db-first-position" else u.sum((1, 2))
        return dict(x=dx, w=dw, b=db)


class MaxPool:
    """y[c,i,j] = max of the 2×2 window at (2i, 2j) (stride 2); ties go to the first maximum (row-major)."""
    name = "max-pool"
    DIMS = dict(C=2, H=4, W=4)
    bugs = {"unravel-swapped": "the window's argmax k unravelled as (k % 2, k // 2) instead of (k // 2, k % 2)",
            "stride-ignored": "the gradient written at (i + p, j + q) instead of (2i + p, 2j + q)",
            "all-ties": "mask = (window == max): every tied maximum gets dout (differs only at exact ties)",
            "last-max": "ties go to the last maximum (>= in the scan; differs only at exact ties)"}
    CASES = [("plain", None, ["unravel-swapped", "stride-ignored"]),
             ("near-tie", None, ["unravel-swapped", "stride-ignored"]),
             ("exact-tie", None, ["all-ties", "last-max", "stride-ignored"]),
             ("exact-tie", None, ["all-ties", "unravel-swapped", "last-max"]),
             ("large-x", None, ["stride-ignored", "unravel-swapped"])]

    @staticmethod
    def inputs(d):
        return [("x", (d["C"], d["H"], d["W"]))]

    @staticmethod
    def outputs(d):
        return [("y", (d["C"], d["H"] // 2, d["W"] // 2))]

    @staticmethod
    def make(rng, cond, d):
        C, H, W = d["C"], d["H"], d["W"]
        x = rng.standard_normal((C, H, W))
        note, kinks = "", []
        picks = rng.permutation(C * (H // 2) * (W // 2))[:4]
        where = [(int(p // ((H // 2) * (W // 2))), int(p // (W // 2) % (H // 2)), int(p % (W // 2))) for p in picks]
        pos = lambda c, i, j, k: (c, 2 * i + k // 2, 2 * j + k % 2)
        if cond == "near-tie":
            parts = []
            for c, i, j in where[:3]:
                order = np.argsort(-windows(x)[c, i, j])
                gap = (1 if rng.random() < 0.5 else -1) * 10 ** rng.uniform(-9, -7)
                x[pos(c, i, j, order[1])] = x[pos(c, i, j, order[0])] - gap
                parts.append("(%d,%d,%d) gap %.2g" % (c, i, j, gap))
            note = "near-ties " + " ".join(parts)
        elif cond == "exact-tie":
            parts = []
            for n, (c, i, j) in enumerate(where[:3]):
                way = [2, 3, 4][n]
                if way == 4:
                    x[c, 2 * i:2 * i + 2, 2 * j:2 * j + 2] = 0.0
                    tied = range(4)
                    parts.append("(%d,%d,%d) all 0" % (c, i, j))
                else:
                    order = np.argsort(-windows(x)[c, i, j])
                    for k in order[1:way]:
                        x[pos(c, i, j, k)] = x[pos(c, i, j, order[0])]
                    tied = order[:way]
                    parts.append("(%d,%d,%d) %d-way" % (c, i, j, way))
                for k in tied:
                    cc, r, s = pos(c, i, j, int(k))
                    kinks.append(("x", int((cc * H + r) * W + s)))
            note = "exact ties " + " ".join(parts)
            kinks.sort()
        elif cond == "large-x":
            x *= 1e3
            note = "x × 1e3"
        return dict(x=x), {}, note, kinks

    @staticmethod
    def forward(P, D, d):
        return dict(y=torch.nn.functional.max_pool2d(P["x"].unsqueeze(0), 2)[0])

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        x, u = P["x"], U["y"]
        C, H, W = x.shape
        win = windows(x)
        top = win.max(-1)
        dx = np.zeros_like(x)
        for c in range(C):
            for i in range(H // 2):
                for j in range(W // 2):
                    w = win[c, i, j]
                    if bug == "all-ties":
                        ks = [k for k in range(4) if w[k] == top[c, i, j]]
                    elif bug == "last-max":
                        ks = [max(k for k in range(4) if w[k] == top[c, i, j])]
                    else:
                        ks = [int(np.argmax(w))]  # the first maximum, as torch
                    for k in ks:
                        p, q = (k % 2, k // 2) if bug == "unravel-swapped" else (k // 2, k % 2)
                        r, s = (i + p, j + q) if bug == "stride-ignored" else (2 * i + p, 2 * j + q)
                        dx[c, r, s] += u[c, i, j]
        return dict(x=dx)


class AvgPool(MaxPool):
    """y[c,i,j] = mean of the 2×2 window at (2i, 2j)."""
    name = "avg-pool"
    bugs = {"missing-quarter": "dx = dout spread without the 1/4",
            "divides-by-2": "dx = dout/2: divided by the pool's width instead of its area",
            "stride-ignored": "the gradient written at (i + p, j + q) instead of (2i + p, 2j + q)"}
    CASES = [("plain", None, ["missing-quarter", "divides-by-2", "stride-ignored"]),
             ("large-x", None, ["stride-ignored", "divides-by-2"])]

    @staticmethod
    def forward(P, D, d):
        return dict(y=torch.nn.functional.avg_pool2d(P["x"].unsqueeze(0), 2)[0])

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        x, u = P["x"], U["y"]
        C, H, W = x.shape
        f = {"missing-quarter": 1.0, "divides-by-2": 0.5}.get(bug, 0.25)
        dx = np.zeros_like(x)
        for i in range(H // 2):
            for j in range(W // 2):
                for p in range(2):
                    for q in range(2):
                        r, s = (i + p, j + q) if bug == "stride-ignored" else (2 * i + p, 2 * j + q)
                        dx[:, r, s] += f * u[:, i, j]
        return dict(x=dx)


class Embedding:
    """y[n] = E[idx[n]] + pos[n]: a table lookup (idx fixed data, with repeats) plus a learned position."""
    name = "embedding"
    DIMS = dict(V=5, D=3, N=4)
    bugs = {"no-accumulate": "dE[idx] += dout with numpy fancy indexing: a repeated index keeps one row only",
            "index-off-by-one": "dE rows written at idx + 1 (mod V)",
            "mean-over-repeats": "each row of dE divided by how often its index occurs"}
    CASES = [("plain", None, ["no-accumulate", "index-off-by-one", "mean-over-repeats"]),
             ("large-x", None, ["no-accumulate", "mean-over-repeats"])]

    @staticmethod
    def inputs(d):
        return [("E", (d["V"], d["D"])), ("pos", (d["N"], d["D"]))]

    @staticmethod
    def outputs(d):
        return [("y", (d["N"], d["D"]))]

    @staticmethod
    def make(rng, cond, d):
        P = dict(E=rng.standard_normal((d["V"], d["D"])), pos=0.1 * rng.standard_normal((d["N"], d["D"])))
        idx = rng.integers(0, d["V"], d["N"])
        idx[-1] = idx[0]  # a repeated index, as every real batch has
        note = "idx = %s" % list(map(int, idx))
        if cond == "large-x":
            P["E"] *= 1e3
            note += "; E × 1e3"
        return P, dict(idx=idx.astype(np.float64)), note, []

    @staticmethod
    def forward(P, D, d):
        return dict(y=P["E"][D["idx"].long()] + P["pos"])

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        u, idx, V = U["y"], D["idx"].astype(int), d["V"]
        dE = np.zeros_like(P["E"])
        if bug == "no-accumulate":
            for n in range(len(idx)):
                dE[idx[n]] = u[n]  # what dE[idx] += u does: one of the repeated rows survives (the last)
        else:
            rows = (idx + 1) % V if bug == "index-off-by-one" else idx
            np.add.at(dE, rows, u)
            if bug == "mean-over-repeats":
                count = np.bincount(idx, minlength=V).astype(np.float64)
                dE = dE / np.maximum(count, 1)[:, None]
        return dict(E=dE, pos=u.copy())


class Attention:
    """Q, K, V = x Wq, x Wk, x Wv; A = softmax(Q Kᵀ/√dk) by rows; out = A V. Outputs out and A (the weights)."""
    name = "attention"
    DIMS = dict(N=3, D=3, K=2, V=2)
    bugs = {"missing-cross-term": "softmax backward without the −Σ A·dA term (dS = A ⊙ dA)",
            "missing-scale": "dQ and dK without the 1/√dk",
            "dV-not-transposed": "dV = A · dout instead of Aᵀ · dout",
            "ignores-A-upstream": "the upstream gradient of the returned weights A left out of dA",
            "dK-not-transposed": "dK = dS · Q instead of dSᵀ · Q"}
    CASES = [("plain", None, ["missing-cross-term", "dV-not-transposed", "ignores-A-upstream"]),
             ("saturated", None, ["missing-scale", "dK-not-transposed", "ignores-A-upstream"]),
             ("small-x", None, ["missing-cross-term", "dK-not-transposed", "missing-scale"])]

    @staticmethod
    def inputs(d):
        D_, K, V = d["D"], d["K"], d["V"]
        return [("x", (d["N"], D_)), ("Wq", (D_, K)), ("Wk", (D_, K)), ("Wv", (D_, V))]

    @staticmethod
    def outputs(d):
        return [("out", (d["N"], d["V"])), ("A", (d["N"], d["N"]))]

    @staticmethod
    def make(rng, cond, d):
        D_, K, V = d["D"], d["K"], d["V"]
        P = dict(x=rng.standard_normal((d["N"], D_)), Wq=0.6 * rng.standard_normal((D_, K)),
                 Wk=0.6 * rng.standard_normal((D_, K)), Wv=0.6 * rng.standard_normal((D_, V)))
        note = ""
        if cond == "saturated":
            P["Wq"] *= 6
            P["Wk"] *= 6
            note = "Wq, Wk × 6: scores × 36, A nearly one-hot"
        elif cond == "small-x":
            P["x"] *= 1e-3
            note = "x × 1e-3: A nearly uniform"
        return P, {}, note, []

    @staticmethod
    def forward(P, D, d):
        x = P["x"]
        Q, K, V = x @ P["Wq"], x @ P["Wk"], x @ P["Wv"]
        A = torch.softmax(Q @ K.T / math.sqrt(d["K"]), 1)
        return dict(out=A @ V, A=A)

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        x, Wq, Wk, Wv = P["x"], P["Wq"], P["Wk"], P["Wv"]
        Q, K, V = x @ Wq, x @ Wk, x @ Wv
        r = 1 / math.sqrt(d["K"])
        S = Q @ K.T * r
        E = np.exp(S - S.max(1, keepdims=True))
        A = E / E.sum(1, keepdims=True)
        uo, ua = U["out"], U["A"]
        dA = uo @ V.T if bug == "ignores-A-upstream" else uo @ V.T + ua
        dV = A @ uo if bug == "dV-not-transposed" else A.T @ uo
        dS = A * dA if bug == "missing-cross-term" else A * (dA - (A * dA).sum(1, keepdims=True))
        if bug != "missing-scale":
            dS = dS * r
        dQ = dS @ K
        dK = dS @ Q if bug == "dK-not-transposed" else dS.T @ Q
        return dict(x=dQ @ Wq.T + dK @ Wk.T + dV @ Wv.T, Wq=x.T @ dQ, Wk=x.T @ dK, Wv=x.T @ dV)


class LSTMCell:
    """One LSTM step: a = x Wx + h Wh + b, gates (i, f, o, g) = (σ, σ, σ, tanh)(a); c1 = f c + i g;
    h1 = o tanh(c1). Outputs h1 and c1."""
    name = "lstm-cell"
    DIMS = dict(N=2, D=2, H=2)
    bugs = {"missing-forget-factor": "dc (to c) = dc1 without the forget gate's factor f",
            "ignores-dc-upstream": "the upstream gradient of the returned c1 left out (dc = dh1·o·tanh′ only)",
            "gates-swapped": "the input and forget gate slices swapped in the backward pass",
            "missing-tanh-derivative": "dc = dc1 + dh1·o: tanh′(c1) left out"}
    CASES = [("plain", None, ["missing-forget-factor", "ignores-dc-upstream", "gates-swapped"]),
             ("saturated", None, ["missing-forget-factor", "missing-tanh-derivative", "gates-swapped"]),
             ("mixed-scale", None, ["ignores-dc-upstream", "missing-tanh-derivative", "missing-forget-factor"])]

    @staticmethod
    def inputs(d):
        N, D_, H = d["N"], d["D"], d["H"]
        return [("x", (N, D_)), ("h", (N, H)), ("c", (N, H)), ("Wx", (D_, 4 * H)), ("Wh", (H, 4 * H)),
                ("b", (4 * H,))]

    @staticmethod
    def outputs(d):
        return [("h1", (d["N"], d["H"])), ("c1", (d["N"], d["H"]))]

    @staticmethod
    def make(rng, cond, d):
        N, D_, H = d["N"], d["D"], d["H"]
        P = dict(x=rng.standard_normal((N, D_)), h=0.5 * rng.standard_normal((N, H)),
                 c=0.5 * rng.standard_normal((N, H)), Wx=0.5 * rng.standard_normal((D_, 4 * H)),
                 Wh=0.5 * rng.standard_normal((H, 4 * H)), b=0.1 * rng.standard_normal(4 * H))
        note = ""
        if cond == "saturated":
            P["b"][:H] = 9.0       # input gate σ(9)
            P["b"][H:2 * H] = -8.0  # forget gate σ(−8)
            P["b"][3 * H:] = 7.0   # candidate tanh(7)
            note = "gates saturated: i, f, g pre-activations about +9, −8, +7"
        elif cond == "mixed-scale":
            P["x"] *= 1e2
            P["Wx"] *= 1e-2
            P["c"] *= 1e-3
            note = "x × 1e2, Wx × 1e-2, c × 1e-3"
        return P, {}, note, []

    @staticmethod
    def forward(P, D, d):
        H = d["H"]
        a = P["x"] @ P["Wx"] + P["h"] @ P["Wh"] + P["b"]
        i, f = torch.sigmoid(a[:, :H]), torch.sigmoid(a[:, H:2 * H])
        o, g = torch.sigmoid(a[:, 2 * H:3 * H]), torch.tanh(a[:, 3 * H:])
        c1 = f * P["c"] + i * g
        return dict(h1=o * torch.tanh(c1), c1=c1)

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        H, x, h, c, Wx, Wh = d["H"], P["x"], P["h"], P["c"], P["Wx"], P["Wh"]
        a = x @ Wx + h @ Wh + P["b"]
        i, f, o, g = sig(a[:, :H]), sig(a[:, H:2 * H]), sig(a[:, 2 * H:3 * H]), np.tanh(a[:, 3 * H:])
        c1 = f * c + i * g
        tc = np.tanh(c1)
        uh, uc = U["h1"], U["c1"]
        do = uh * tc
        if bug == "ignores-dc-upstream":
            dc = uh * o * (1 - tc ** 2)
        elif bug == "missing-tanh-derivative":
            dc = uc + uh * o
        else:
            dc = uc + uh * o * (1 - tc ** 2)
        df, di, dg = dc * c, dc * g, dc * i
        dc_prev = dc.copy() if bug == "missing-forget-factor" else dc * f
        da_i, da_f = di * i * (1 - i), df * f * (1 - f)
        if bug == "gates-swapped":
            da_i, da_f = df * f * (1 - f), di * i * (1 - i)
        da = np.concatenate([da_i, da_f, do * o * (1 - o), dg * (1 - g ** 2)], axis=1)
        return dict(x=da @ Wx.T, h=da @ Wh.T, c=dc_prev, Wx=x.T @ da, Wh=h.T @ da, b=da.sum(0))


class GRUCell:
    """One GRU step as torch.nn.GRUCell: r, z = σ(x Wx + bx + h Wh + bh) (slices r, z), n = tanh(x Wx_n + bx_n +
    r ⊙ (h Wh_n + bh_n)), h1 = (1 − z) n + z h."""
    name = "gru-cell"
    DIMS = dict(N=2, D=2, H=2)
    bugs = {"missing-direct-path": "dh without the direct z ⊙ dh1 term of h1 = (1 − z) n + z h",
            "update-gate-sign": "dz = dh1 ⊙ (n − h) instead of dh1 ⊙ (h − n)",
            "reset-outside": "backward as if bh_n sat outside r ⊙ (·), as in the paper, not torch's GRUCell"}
    CASES = [("plain", None, ["missing-direct-path", "update-gate-sign", "reset-outside"]),
             ("mixed-scale", None, ["reset-outside", "missing-direct-path", "update-gate-sign"])]

    @staticmethod
    def inputs(d):
        N, D_, H = d["N"], d["D"], d["H"]
        return [("x", (N, D_)), ("h", (N, H)), ("Wx", (D_, 3 * H)), ("Wh", (H, 3 * H)), ("bx", (3 * H,)),
                ("bh", (3 * H,))]

    @staticmethod
    def outputs(d):
        return [("h1", (d["N"], d["H"]))]

    @staticmethod
    def make(rng, cond, d):
        N, D_, H = d["N"], d["D"], d["H"]
        P = dict(x=rng.standard_normal((N, D_)), h=0.5 * rng.standard_normal((N, H)),
                 Wx=0.5 * rng.standard_normal((D_, 3 * H)), Wh=0.5 * rng.standard_normal((H, 3 * H)),
                 bx=0.1 * rng.standard_normal(3 * H), bh=0.5 * rng.standard_normal(3 * H))
        note = ""
        if cond == "mixed-scale":
            P["x"] *= 1e-3
            P["Wx"] *= 1e3
            P["h"] *= 1e-2
            note = "x × 1e-3, Wx × 1e3, h × 1e-2"
        return P, {}, note, []

    @staticmethod
    def forward(P, D, d):
        H = d["H"]
        gx = P["x"] @ P["Wx"] + P["bx"]
        gh = P["h"] @ P["Wh"] + P["bh"]
        r = torch.sigmoid(gx[:, :H] + gh[:, :H])
        z = torch.sigmoid(gx[:, H:2 * H] + gh[:, H:2 * H])
        n = torch.tanh(gx[:, 2 * H:] + r * gh[:, 2 * H:])
        return dict(h1=(1 - z) * n + z * P["h"])

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        H, x, h, Wx, Wh, bh = d["H"], P["x"], P["h"], P["Wx"], P["Wh"], P["bh"]
        gx = x @ Wx + P["bx"]
        gh = h @ Wh + bh
        r = sig(gx[:, :H] + gh[:, :H])
        z = sig(gx[:, H:2 * H] + gh[:, H:2 * H])
        hn = gh[:, 2 * H:]
        n = np.tanh(gx[:, 2 * H:] + r * hn)
        u = U["h1"]
        dn = u * (1 - z)
        dz = u * (n - h) if bug == "update-gate-sign" else u * (h - n)
        dan = dn * (1 - n ** 2)
        if bug == "reset-outside":
            dr = dan * (hn - bh[2 * H:])
        else:
            dr = dan * hn
        dar, daz = dr * r * (1 - r), dz * z * (1 - z)
        dgx = np.concatenate([dar, daz, dan], axis=1)
        dgh = np.concatenate([dar, daz, dan * r], axis=1)
        dbh = dgh.sum(0)
        if bug == "reset-outside":
            dbh = np.concatenate([dar, daz, dan], axis=1).sum(0)
        dh = dgh @ Wh.T
        if bug != "missing-direct-path":
            dh = dh + u * z
        return dict(x=dgx @ Wx.T, h=dh, Wx=x.T @ dgx, Wh=h.T @ dgh, bx=dgx.sum(0), bh=dbh)


class MSE:
    """loss[n] = mean_d (pred[n,d] − target[n,d])²: per-example losses, target an input too."""
    name = "mse"
    DIMS = dict(N=3, D=4)
    bugs = {"missing-1/D": "dpred = 2(pred − target)·dout: the mean's 1/D forgotten",
            "target-wrong-sign": "dtarget = +2(pred − target)/D·dout, the sign of the target's path lost",
            "missing-2": "dpred = (pred − target)/D·dout: the square's 2 forgotten"}
    CASES = [("plain", None, ["missing-1/D", "target-wrong-sign", "missing-2"]),
             ("large-x", None, ["target-wrong-sign", "missing-2"]),
             ("small-residual", None, ["missing-1/D", "target-wrong-sign"])]

    @staticmethod
    def inputs(d):
        return [("pred", (d["N"], d["D"])), ("target", (d["N"], d["D"]))]

    @staticmethod
    def outputs(d):
        return [("loss", (d["N"],))]

    @staticmethod
    def make(rng, cond, d):
        P = dict(pred=rng.standard_normal((d["N"], d["D"])), target=rng.standard_normal((d["N"], d["D"])))
        note = ""
        if cond == "large-x":
            P["pred"] *= 1e3
            P["target"] *= 1e3
            note = "pred, target × 1e3: losses of order 1e6"
        elif cond == "small-residual":
            P["pred"] = P["target"] + 1e-3 * rng.standard_normal((d["N"], d["D"]))
            note = "pred = target + 1e-3·noise"
        return P, {}, note, []

    @staticmethod
    def forward(P, D, d):
        return dict(loss=((P["pred"] - P["target"]) ** 2).mean(1))

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        r = P["pred"] - P["target"]
        u = U["loss"][:, None]
        D_ = d["D"]
        dp = {"missing-1/D": 2 * r * u, "missing-2": r / D_ * u}.get(bug, 2 * r / D_ * u)
        dt = 2 * r / D_ * u if bug == "target-wrong-sign" else -(2 * r / D_ * u)
        return dict(pred=dp, target=dt)


class CrossEntropy:
    """loss[n] = −log softmax(z[n])[y[n]]: per-example losses (torch's reduction='none'), labels fixed data."""
    name = "cross-entropy"
    DIMS = dict(N=3, C=4)
    bugs = {"no-onehot": "dz = p·dout: the one-hot not subtracted",
            "divided-by-N": "dz = (p − onehot)·dout/N: the batch mean of the scalar loss carried over",
            "label-off-by-one": "the one-hot built from label y + 1 (mod C)"}
    CASES = [("plain", None, ["no-onehot", "divided-by-N", "label-off-by-one"]),
             ("saturated", None, ["divided-by-N", "label-off-by-one", "no-onehot"]),
             ("offset", None, ["label-off-by-one", "no-onehot"]),
             ("confident-right", None, ["divided-by-N", "no-onehot", "label-off-by-one"])]

    @staticmethod
    def inputs(d):
        return [("z", (d["N"], d["C"]))]

    @staticmethod
    def outputs(d):
        return [("loss", (d["N"],))]

    @staticmethod
    def make(rng, cond, d):
        z = rng.standard_normal((d["N"], d["C"]))
        y = rng.integers(0, d["C"], d["N"])
        note = "labels %s" % list(map(int, y))
        if cond == "saturated":
            z *= 12
            note += "; z × 12: p nearly one-hot"
        elif cond == "offset":
            z += 1e3
            note += "; z = 1e3 + O(1)"
        elif cond == "confident-right":
            z *= 12
            y = z.argmax(1)
            note = "labels %s = argmax z, z × 12: a trained classifier, each loss tiny" % list(map(int, y))
        return dict(z=z), dict(y=y.astype(np.float64)), note, []

    @staticmethod
    def forward(P, D, d):
        return dict(loss=torch.nn.functional.cross_entropy(P["z"], D["y"].long(), reduction="none"))

    @staticmethod
    def vjp(P, D, d, U, bug=None):
        z, u, C = P["z"], U["loss"][:, None], d["C"]
        p = Softmax.probs(z)
        y = D["y"].astype(int)
        if bug == "label-off-by-one":
            y = (y + 1) % C
        onehot = np.eye(C)[y]
        if bug == "no-onehot":
            return dict(z=p * u)
        if bug == "divided-by-N":
            return dict(z=(p - onehot) * u / d["N"])
        return dict(z=(p - onehot) * u)


FAMILIES = [Affine, ReLU, LeakyReLU, Tanh, Sigmoid, Softplus, GeluTanh, Softmax, LogSoftmax, LayerNorm, BatchNorm,
            Conv1D, Conv2D, MaxPool, AvgPool, Embedding, Attention, LSTMCell, GRUCell, MSE, CrossEntropy]


# ---------------------------------------------------------------- assembling a case

def sizes(blocks):
    return [int(np.prod(s)) for _, s in blocks]


def slices(blocks):
    ends = np.cumsum([0] + sizes(blocks))
    return [slice(int(a), int(b)) for a, b in zip(ends[:-1], ends[1:])]


def unflatten(v, blocks):
    out, off = {}, 0
    for (n, s), c in zip(blocks, sizes(blocks)):
        out[n] = v[off:off + c].reshape(s)
        off += c
    return out


def flat(blocks, g):
    return np.concatenate([np.asarray(g[n], dtype=np.float64).reshape(-1) for n, _ in blocks])


def torch_function(fam, D, d, ins, outs):
    td = {k: T(v) for k, v in D.items()}

    def f(xt):
        y = fam.forward(unflatten(xt, ins), td, d)
        return torch.cat([y[n].reshape(-1) for n, _ in outs])
    return f


def hand_jacobian(fam, P, D, d, ins, outs, bug=None):
    """Rows from the hand vjp with unit upstreams."""
    m = sum(sizes(outs))
    rows = []
    for i in range(m):
        e = np.zeros(m)
        e[i] = 1.0
        rows.append(flat(ins, fam.vjp(P, D, d, unflatten(e, outs), bug)))
    return np.array(rows)


def pairs(ins, outs):
    """(name, output slice, input slice) per (output block, input block), outputs outer."""
    result = []
    oo = 0
    for (on, _), oc in zip(outs, sizes(outs)):
        io = 0
        for (inn, _), ic in zip(ins, sizes(ins)):
            result.append(("%s ← %s" % (on, inn), slice(oo, oo + oc), slice(io, io + ic)))
            io += ic
        oo += oc
    return result


def one_sided(f, x, j, step):
    """torch's Jacobian column j at x + step·e_j and x − step·e_j (the right and left one-sided columns there)."""
    cols = []
    for s in (step, -step):
        xs = x.clone()
        xs[j] += s
        cols.append(torch.autograd.functional.jacobian(f, xs)[:, j].numpy())
    return cols


def assemble(fam, k, cond, dims, kinds, rng):
    d = dict(getattr(fam, "DIMS", {}))
    if fam is Affine:
        d = dict(N=3, D=4, M=2, bias=1)
    if dims:
        d.update(dims)
    ins, outs = fam.inputs(d), fam.outputs(d)
    P, D, note, kinks = fam.make(rng, cond, d)
    x = flat(ins, P)
    f = torch_function(fam, D, d, ins, outs)
    xt = T(x)
    y = f(xt).detach().numpy()
    J = torch.autograd.functional.jacobian(f, xt).numpy()
    m, n = J.shape
    dout = rng.standard_normal(m)
    xg = T(x).requires_grad_(True)
    vjp = torch.autograd.grad(f(xg), xg, T(dout))[0].numpy()
    assert np.all(np.isfinite(J)) and np.all(np.isfinite(y)), (fam.name, cond)
    # ν_i/u: the scale of y_i's rounding, |y_i| or the first-order effect of rounding every input, Σ_j |J_ij x_j|,
    # whichever is larger (the latter catches the cancellation of x − μ, of x W with large x, ...).
    yscale = np.maximum(np.abs(y), np.abs(J) @ np.abs(x))
    H = hand_jacobian(fam, P, D, d, ins, outs)
    for name, ro, co in pairs(ins, outs):
        top = np.abs(J[ro, co]).max()
        err = np.abs(H[ro, co] - J[ro, co]).max()
        assert err <= MATCH * top or err == 0, (fam.name, cond, name, err, top)
    hv = flat(ins, fam.vjp(P, D, d, unflatten(dout, outs)))
    assert np.abs(hv - vjp).max() <= MATCH * max(np.abs(vjp).max(), 1e-300), (fam.name, "vjp")
    offsets = dict(zip([nm for nm, _ in ins], np.cumsum([0] + sizes(ins))))
    kink_cols = sorted(set(int(offsets[b]) + i for b, i in kinks))
    # Resolvability: |J_bug − J_hand| in units of ν_i/ε, ν_i = u·yscale_i the rounding of output i (VJP mode: of
    # ⟨dout, f⟩, ν = u·Σ_i |dout_i|·yscale_i). The hand Jacobian, not torch's, so that only the bug's own change
    # counts, not the last bits by which numpy and torch differ.
    unit = U * yscale / EPS
    vjp_unit = U * (np.abs(dout) @ yscale) / EPS

    def ratio(delta, per):
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(delta == 0, 0.0, delta / per)
        return float(min(r.max(), 1e300)) if r.size else 0.0
    sides = {}
    for j in kink_cols:
        step = 1e-6 * max(1.0, abs(x[j]))
        sides[j] = one_sided(f, xt, j, step)
        assert any(np.array_equal(J[:, j], s) for s in sides[j]), (fam.name, "torch's column not one-sided", j)
    bugs = []
    for kind in kinds:
        B = hand_jacobian(fam, P, D, d, ins, outs, kind)
        bv = flat(ins, fam.vjp(P, D, d, unflatten(dout, outs), kind))
        assert np.abs(bv - dout @ B).max() <= 1e-12 * max(np.abs(bv).max(), np.abs(dout) @ np.abs(B).max(1), 1e-300), \
            (fam.name, kind, "buggy vjp not linear in the upstream")
        changed, effect, resolvability = [], {}, {}
        for name, ro, co in pairs(ins, outs):
            delta = np.abs(B[ro, co] - H[ro, co])
            if delta.max() > 0:
                changed.append(name)
                top = np.abs(J[ro, co]).max()
                e = np.abs(B[ro, co] - J[ro, co]).max() / top if top > 0 else 1e300
                effect[name] = float(min(e, 1e300))
                resolvability[name] = ratio(delta, unit[ro][:, None])
        vjp_effect, vjp_resolvability = {}, {}
        for (name, _), co in zip(ins, slices(ins)):
            if not any(p.endswith(" ← " + name) for p in changed):
                continue
            top = np.abs(vjp[co]).max()
            e = np.abs(bv[co] - vjp[co]).max()
            vjp_effect[name] = float(min(e / top, 1e300)) if top > 0 else (0.0 if e == 0 else 1e300)
            vjp_resolvability[name] = ratio(np.abs(bv[co] - hv[co]), vjp_unit)
        assert changed, (fam.name, cond, kind, "changes nothing")
        moved = sorted(set(np.nonzero(np.any(B != H, axis=0))[0].tolist()))
        kink_only = bool(kink_cols) and all(j in kink_cols for j in moved)
        bug = dict(kind=kind, description=fam.bugs[kind], jacobian=B.reshape(-1).tolist(), vjp=bv.tolist(),
                   changed=changed, effect=effect, resolvability=resolvability, vjp_effect=vjp_effect,
                   vjp_resolvability=vjp_resolvability, kink_only=kink_only)
        if kink_only:
            bug["one_sided"] = all(any(np.abs(B[:, j] - s).max() <= 1e-12 * max(1, np.abs(s).max())
                                       for s in sides[j]) for j in moved)
        bugs.append(bug)
    cid = "%s-%d" % (fam.name, k)
    return dict(
        id=cid, family=fam.name, condition=cond, note=note,
        inputs=[dict(name=nm, shape=list(s)) for nm, s in ins],
        outputs=[dict(name=nm, shape=list(s)) for nm, s in outs],
        dims=d, data={kk: np.asarray(v, dtype=np.float64).reshape(-1).tolist() for kk, v in D.items()},
        x=x.tolist(), y=y.tolist(), yscale=yscale.tolist(), jacobian=J.reshape(-1).tolist(), dout=dout.tolist(),
        vjp=vjp.tolist(), kinks=kink_cols, bugs=bugs)


def main():
    cases = []
    for fi, fam in enumerate(FAMILIES):
        for k, (cond, dims, kinds) in enumerate(fam.CASES):
            rng = np.random.default_rng([11, fi, k])
            case = assemble(fam, k, cond, dims, kinds, rng)
            cases.append(case)
            print("%-14s %-14s in=%-3d out=%-3d bugs=%s %s" % (
                fam.name, cond, len(case["x"]), len(case["y"]),
                ",".join(b["kind"] + ("*" if b["kink_only"] else "") for b in case["bugs"]), case["note"][:60]))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "jacobian_cases.json"), "w") as fh:
        json.dump(dict(generator=GEN, cases=cases), fh, separators=(",", ":"))
        fh.write("\n")
    print("wrote jacobian_cases.json: %d cases, %d buggy variants" % (len(cases), sum(len(c["bugs"]) for c in cases)))


if __name__ == "__main__":
    main()
