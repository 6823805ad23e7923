#!/usr/bin/python3
"""The float32 verdict corpus of issue 14: the user-code families of tests/corpus/user/, computed in single precision.

Run from the repo root:  /usr/bin/python3 tests/corpus/float32/make_float32_corpus.py
Writes tests/corpus/float32/fixtures/float32_cases.json. Deterministic (fixed seeds only). Every float32 value (θ, the
data, the float32 gradients, costs and numerical derivatives) is written as the double that equals it exactly; json.dump
uses repr(), which round-trips a double, so (float)x in C# gives back the float32 bits. Arrays are flat, row-major.

Per case, at a float32 θ with float32 data:
  * J32 and the correct gradient: torch's forward in float32, and torch autograd on it (float32);
  * J64 and the truth: the same forward in float64 at the same θ and data, and autograd on it (float64);
  * bugs: a hand-written backward pass in numpy, run in float32 for the buggy gradient under check and in float64 for
    the bug's effect. Its correct form must match autograd to 1e-10 (float64) and its float32 form autograd's float32
    gradient to 1e-3 of the block's largest entry; a bug's effect on block b is ‖g_bug − g‖₂ / ‖g‖₂ in float64;
  * probes: float32 points near θ with torch's J32 and J64 there, so that a C# forward can be compared with torch's
    (and the float32 forward's own rounding measured) away from θ too;
  * torch's rule: the numerical derivative torch.autograd.gradcheck takes for a float32 input (eps = 1e-6, θᵢ ± eps and
    the difference in float32, from torch's private _get_numerical_jacobian), and for every variant the verdict of
    torch.autograd.gradcheck itself (eps = 1e-6, atol = 1e-5, rtol = 1e-3) on a Function whose backward is the variant;
  * JAX's rule (jax.test_util.check_grads(f, (θ,), order=1, modes=["rev"]), emulated: JAX is not installed): the
    tangent and cotangent of check_vjp (np.random.RandomState(0).randn, as float32), the float32 numerical JVP at
    eps = 1e-4 on torch's forward, and the verdict of |ip − ip_num| ≤ 2e-3 + 2e-3·|ip_num| for every variant.
No number in the fixture comes from GradCheck.

Every cost is J = offset + scale·L(θ) in the cost's precision (offset and scale float32 numbers; 0 and 1 unless the
condition says otherwise).
"""
import json, os, sys, warnings
import numpy as np
import torch
from torch.autograd.gradcheck import _get_numerical_jacobian

F32, F64 = np.float32, np.float64
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
GEN = {"script": "tests/corpus/float32/make_float32_corpus.py", "python": sys.version.split()[0],
       "numpy": np.__version__, "torch": torch.__version__}
MATCH64 = 1e-10  # the float64 hand backward must match autograd to this, relative to the block's largest entry
MATCH32 = 1e-3   # the float32 hand backward must match float32 autograd to this (its rounding, with cancellation)
U32 = 2.0 ** -24
TORCH_EPS, TORCH_ATOL, TORCH_RTOL = 1e-6, 1e-5, 1e-3   # torch.autograd.gradcheck's defaults
JAX_EPS, JAX_TOL = 1e-4, 2e-3   # jax._src.public_test_util: EPS, default_gradient_tolerance[float32]
PROBES = 12
torch.set_num_threads(1)  # a shared 2-core machine, and one summation order for torch's reductions


def T(a, dt):
    return torch.tensor(np.asarray(a), dtype=torch.float32 if dt == F32 else torch.float64)


def f32(x):
    """x rounded to float32, as a python float (exact)."""
    return float(F32(x))


def sig(z):
    one = z.dtype.type(1)
    return one / (one + np.exp(-z))


# ---------------------------------------------------------------- the families
# As in tests/corpus/user/make_user_corpus.py, but dtype-generic: every backward pass computes in the dtype of its
# arrays (float32 or float64), with its constants cast to it, and asserts it did not promote.
# Each family: blocks(d) -> [(name, shape)], make(rng, d) -> (params, data, dims) in float64 (rounded later),
# forward(P, D, d) -> torch scalar L (in the tensors' dtype), backward(P, D, d, bug) -> dict of numpy grads of L.

class Affine:
    """out = x W + b; L = (1/2N) Σ (out − Y)², the mean squared error of a linear layer."""
    name = "affine"
    structural = ["missing-1/m", "transposed-weight", "off-by-one"]
    big = ("x", "W")

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["M"])), ("b", (d["M"],))]

    @staticmethod
    def make(rng, d=None):
        d = d or dict(N=4, D=5, M=3)
        N, D_, M = d["N"], d["D"], d["M"]
        P = dict(x=rng.standard_normal((N, D_)), W=rng.standard_normal((D_, M)) * 0.5, b=rng.standard_normal(M) * 0.1)
        D = dict(Y=rng.standard_normal((N, M)))
        return P, D, d

    @staticmethod
    def forward(P, D, d):
        out = P["x"] @ P["W"] + P["b"]
        return ((out - D["Y"]) ** 2).sum() / (2 * d["N"])

    @staticmethod
    def backward(P, D, d, bug=None):
        x, W, b, Y, N = P["x"], P["W"], P["b"], D["Y"], d["N"]
        dt = x.dtype.type
        out = x @ W + b
        dout = (out - Y) / dt(N)
        g = dict(x=dout @ W.T, W=x.T @ dout, b=dout.sum(0))
        if bug == "missing-1/m":
            g["W"] = x.T @ (out - Y)
        elif bug == "transposed-weight":
            g["x"] = dout @ W.reshape(d["M"], d["D"])
        elif bug == "off-by-one":
            g["b"] = dout[1:].sum(0)
        return g

    describe = {"missing-1/m": "dW = xᵀ(out − Y) without the 1/N",
                "transposed-weight": "dx = dout · W.reshape(M, D) instead of dout · Wᵀ",
                "off-by-one": "db sums dout from row 1, skipping example 0"}


class ReLU:
    """h = relu(x W + b); L = Σ R ⊙ h with a fixed random upstream R."""
    name = "relu"
    slope = 0.0
    structural = ["missing-derivative", "off-by-one", "transposed-weight"]
    big = ("x", "W")

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["M"])), ("b", (d["M"],))]

    @classmethod
    def make(cls, rng, d=None):
        d = d or dict(N=4, D=4, M=5)
        N, D_, M = d["N"], d["D"], d["M"]
        P = dict(x=rng.standard_normal((N, D_)), W=rng.standard_normal((D_, M)) * 0.5, b=rng.standard_normal(M) * 0.1)
        D = dict(R=rng.standard_normal((N, M)))
        return P, D, d

    @classmethod
    def forward(cls, P, D, d):
        z = P["x"] @ P["W"] + P["b"]
        return (D["R"] * torch.where(z > 0, z, cls.slope * z)).sum()

    @classmethod
    def backward(cls, P, D, d, bug=None):
        x, W, b, R = P["x"], P["W"], P["b"], D["R"]
        dt = x.dtype.type
        z = x @ W + b
        deriv = np.where(z > 0, dt(1), dt(cls.slope))
        if bug == "missing-derivative":
            deriv = np.ones_like(z)
        elif bug == "off-by-one":
            deriv = np.roll(deriv, 1, axis=1)
        elif bug == "wrong-derivative":
            deriv = np.where(z > 0, dt(1), dt(0))
        dz = R * deriv
        g = dict(x=dz @ W.T, W=x.T @ dz, b=dz.sum(0))
        if bug == "transposed-weight":
            g["x"] = dz @ W.reshape(d["M"], d["D"])
        return g

    describe = {"missing-derivative": "dz = R, the activation's derivative left out",
                "off-by-one": "the derivative mask shifted by one unit (np.roll along the units)",
                "transposed-weight": "dx = dz · W.reshape(M, D) instead of dz · Wᵀ",
                "wrong-derivative": "the leaky slope taken as 0 on the negative side (ReLU's derivative)"}


class LeakyReLU(ReLU):
    """h = leaky_relu(x W + b, 0.01); L = Σ R ⊙ h."""
    name = "leaky-relu"
    slope = 0.01
    structural = ["wrong-derivative", "off-by-one", "transposed-weight"]


class SoftmaxCE:
    """z = x W + b; L = −(1/N) Σ log softmax(z)[y], the softmax cross-entropy."""
    name = "softmax-ce"
    structural = ["softmax-no-onehot", "missing-1/m", "transposed-weight"]
    big = ("x", "W")

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["C"])), ("b", (d["C"],))]

    @staticmethod
    def make(rng, d=None):
        d = d or dict(N=5, D=4, C=3)
        N, D_, C = d["N"], d["D"], d["C"]
        P = dict(x=rng.standard_normal((N, D_)), W=rng.standard_normal((D_, C)) * 0.5, b=rng.standard_normal(C) * 0.1)
        D = dict(y=rng.integers(0, C, N).astype(np.float64))
        return P, D, d

    @staticmethod
    def forward(P, D, d):
        z = P["x"] @ P["W"] + P["b"]
        s = z - z.max(dim=1, keepdim=True).values
        lse = torch.log(torch.exp(s).sum(1))
        y = D["y"].long()
        return (lse - s[torch.arange(d["N"]), y]).sum() / d["N"]

    @staticmethod
    def backward(P, D, d, bug=None):
        x, W, b, N = P["x"], P["W"], P["b"], d["N"]
        dt = x.dtype.type
        z = x @ W + b
        e = np.exp(z - z.max(1, keepdims=True))
        p = e / e.sum(1, keepdims=True)
        onehot = np.eye(d["C"], dtype=x.dtype)[D["y"].astype(int)]
        dz = (p - onehot) / dt(N)
        if bug == "softmax-no-onehot":
            dz = p / dt(N)
        g = dict(x=dz @ W.T, W=x.T @ dz, b=dz.sum(0))
        if bug == "missing-1/m":
            g["W"] = x.T @ (p - onehot)
        elif bug == "transposed-weight":
            g["x"] = dz @ W.reshape(d["C"], d["D"])
        return g

    describe = {"softmax-no-onehot": "dz = p/N, the one-hot not subtracted",
                "missing-1/m": "dW = xᵀ(p − onehot) without the 1/N",
                "transposed-weight": "dx = dz · W.reshape(C, D) instead of dz · Wᵀ"}


class Hinge:
    """s = x W + b; L = (1/N) Σ_n Σ_{j≠y} max(0, s_j − s_y + 1), the multiclass SVM hinge."""
    name = "svm-hinge"
    structural = ["missing-term", "off-by-one", "missing-1/m"]
    big = ("x", "W")

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["C"])), ("b", (d["C"],))]

    @staticmethod
    def make(rng, d=None):
        d = d or dict(N=5, D=4, C=4)
        N, D_, C = d["N"], d["D"], d["C"]
        P = dict(x=rng.standard_normal((N, D_)), W=rng.standard_normal((D_, C)) * 0.5, b=rng.standard_normal(C) * 0.1)
        D = dict(y=rng.integers(0, C, N).astype(np.float64))
        return P, D, d

    @staticmethod
    def forward(P, D, d):
        s = P["x"] @ P["W"] + P["b"]
        y = D["y"].long()
        sy = s[torch.arange(d["N"]), y].unsqueeze(1)
        m = torch.clamp(s - sy + 1, min=0)
        m = m * (1 - torch.nn.functional.one_hot(y, d["C"]).to(s.dtype))
        return m.sum() / d["N"]

    @staticmethod
    def backward(P, D, d, bug=None):
        x, W, b, N, C = P["x"], P["W"], P["b"], d["N"], d["C"]
        dt = x.dtype.type
        y = D["y"].astype(int)
        if bug == "off-by-one":
            y = (y + 1) % C
        s = x @ W + b
        margin = s - s[np.arange(N), y][:, None] + dt(1)
        # margin ≥ 0, not > 0: at a margin exactly 0 torch's clamp passes the gradient (as in the user corpus).
        ind = (margin >= 0).astype(x.dtype)
        ind[np.arange(N), y] = 0
        ds = ind.copy()
        if bug != "missing-term":
            ds[np.arange(N), y] = -ind.sum(1)
        ds_unscaled = ds
        ds = ds / dt(N)
        g = dict(x=ds @ W.T, W=x.T @ ds, b=ds.sum(0))
        if bug == "missing-1/m":
            g["W"] = x.T @ ds_unscaled
        return g

    describe = {"missing-term": "ds_y = −Σ_j 1[margin_j > 0] left out",
                "off-by-one": "the backward reads label y + 1 (mod C)",
                "missing-1/m": "dW without the 1/N"}


class BatchNorm:
    """y = γ (x − μ)/√(σ² + eps) + β over the batch; L = Σ R ⊙ y."""
    name = "batch-norm"
    axis = 0
    structural = ["bn-no-mean", "missing-product-term", "off-by-one"]
    big = None

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("gamma", (d["D"],)), ("beta", (d["D"],))]

    @staticmethod
    def make(rng, d=None):
        d = d or dict(N=6, D=3)
        N, D_ = d["N"], d["D"]
        P = dict(x=rng.standard_normal((N, D_)) * 2 + 1, gamma=1 + 0.3 * rng.standard_normal(D_),
                 beta=0.2 * rng.standard_normal(D_))
        D = dict(R=rng.standard_normal((N, D_)), eps=np.array(1e-5))
        return P, D, d

    @classmethod
    def forward(cls, P, D, d):
        x = P["x"]
        mu = x.mean(dim=cls.axis, keepdim=True)
        var = ((x - mu) ** 2).mean(dim=cls.axis, keepdim=True)
        xhat = (x - mu) / torch.sqrt(var + D["eps"])
        return (D["R"] * (P["gamma"] * xhat + P["beta"])).sum()

    @classmethod
    def backward(cls, P, D, d, bug=None):
        x, gamma, R, a = P["x"], P["gamma"], D["R"], cls.axis
        mu = x.mean(a, keepdims=True, dtype=x.dtype)
        var = ((x - mu) ** 2).mean(a, keepdims=True, dtype=x.dtype)
        sd = np.sqrt(var + D["eps"])
        xhat = (x - mu) / sd
        dxhat = R * gamma
        mean_d = dxhat.mean(a, keepdims=True, dtype=x.dtype)
        mean_dx = (dxhat * xhat).mean(a, keepdims=True, dtype=x.dtype)
        if bug == "bn-no-mean":
            dx = (dxhat - xhat * mean_dx) / sd
        elif bug == "missing-product-term":
            dx = (dxhat - mean_d) / sd
        else:
            dx = (dxhat - mean_d - xhat * mean_dx) / sd
        g = dict(x=dx, gamma=(R * xhat).sum(0), beta=R.sum(0))
        if bug == "off-by-one":
            g["gamma"] = (R * np.roll(xhat, 1, axis=0)).sum(0)
        return g

    describe = {"bn-no-mean": "dx without the −mean(dx̂)/σ term",
                "missing-product-term": "dx without the variance path, −x̂·mean(dx̂·x̂)/σ",
                "off-by-one": "dγ = Σ R ⊙ x̂ with x̂ shifted by one example"}


class LayerNorm(BatchNorm):
    """y = γ (x − μ)/√(σ² + eps) + β over each row's features; L = Σ R ⊙ y."""
    name = "layer-norm"
    axis = 1

    @staticmethod
    def make(rng, d=None):
        d = d or dict(N=3, D=6)
        N, D_ = d["N"], d["D"]
        P = dict(x=rng.standard_normal((N, D_)) * 2 + 1, gamma=1 + 0.3 * rng.standard_normal(D_),
                 beta=0.2 * rng.standard_normal(D_))
        D = dict(R=rng.standard_normal((N, D_)), eps=np.array(1e-5))
        return P, D, d

    describe = {"bn-no-mean": "layer norm's dx without the −mean(dx̂)/σ term",
                "missing-product-term": "layer norm's dx without the variance path, −x̂·mean(dx̂·x̂)/σ",
                "off-by-one": "dγ = Σ R ⊙ x̂ with x̂ shifted by one row"}


class Conv1D:
    """y[o,t] = b[o] + Σ_c Σ_k w[o,c,k] x[c,t+k] (valid, stride 1); L = Σ R ⊙ y + ¼ Σ y²."""
    name = "conv1d"
    structural = ["off-by-one", "transposed-weight", "missing-term"]
    big = ("x", "w")

    @staticmethod
    def blocks(d):
        return [("x", (d["C"], d["L"])), ("w", (d["F"], d["C"], d["K"])), ("b", (d["F"],))]

    @staticmethod
    def make(rng, d=None):
        d = d or dict(C=2, L=8, F=3, K=3)
        C, L, F, K = d["C"], d["L"], d["F"], d["K"]
        P = dict(x=rng.standard_normal((C, L)), w=rng.standard_normal((F, C, K)) * 0.5, b=rng.standard_normal(F) * 0.1)
        D = dict(R=rng.standard_normal((F, L - K + 1)))
        return P, D, d

    @staticmethod
    def forward(P, D, d):
        y = torch.nn.functional.conv1d(P["x"].unsqueeze(0), P["w"], P["b"])[0]
        return (D["R"] * y).sum() + 0.25 * (y ** 2).sum()

    @staticmethod
    def backward(P, D, d, bug=None):
        x, w, b, R = P["x"], P["w"], P["b"], D["R"]
        dt = x.dtype.type
        F, C, K = w.shape
        Lo = x.shape[1] - K + 1
        y = np.zeros((F, Lo), dtype=x.dtype) + b[:, None]
        for k in range(K):
            y += w[:, :, k] @ x[:, k:k + Lo]
        dy = R + dt(0.5) * y
        xs = np.roll(x, -1, axis=1) if bug == "off-by-one" else x
        dw = np.stack([dy @ xs[:, k:k + Lo].T for k in range(K)], axis=2)
        wk = w[:, :, ::-1] if bug == "transposed-weight" else w
        dx = np.zeros_like(x)
        for k in range(K):
            dx[:, k:k + Lo] += wk[:, :, k].T @ dy
        db = dy[:, :-1].sum(1) if bug == "missing-term" else dy.sum(1)
        return dict(x=dx, w=dw, b=db)

    describe = {"off-by-one": "dw reads x[c, t+k+1] (np.roll by one)",
                "transposed-weight": "dx with the kernel taps reversed (w[:, :, ::-1])",
                "missing-term": "db leaves out the last output position"}


class Conv2D:
    """y_n = conv2d(x_n, w) + b (valid, stride 1), N = 2; L = (1/N) Σ_n (Σ R_n ⊙ y_n + ¼ Σ y_n²)."""
    name = "conv2d"
    structural = ["missing-1/m", "transposed-weight", "off-by-one"]
    big = ("x", "w")

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["C"], d["H"], d["W"])), ("w", (d["F"], d["C"], d["K"], d["K"])), ("b", (d["F"],))]

    @staticmethod
    def make(rng, d=None):
        d = d or dict(N=2, C=2, H=5, W=5, F=2, K=3)
        N, C, H, W, F, K = d["N"], d["C"], d["H"], d["W"], d["F"], d["K"]
        P = dict(x=rng.standard_normal((N, C, H, W)), w=rng.standard_normal((F, C, K, K)) * 0.4,
                 b=rng.standard_normal(F) * 0.1)
        D = dict(R=rng.standard_normal((N, F, H - K + 1, W - K + 1)))
        return P, D, d

    @staticmethod
    def forward(P, D, d):
        y = torch.nn.functional.conv2d(P["x"], P["w"], P["b"])
        return ((D["R"] * y).sum() + 0.25 * (y ** 2).sum()) / d["N"]

    @staticmethod
    def backward(P, D, d, bug=None):
        x, w, b, R, N = P["x"], P["w"], P["b"], D["R"], d["N"]
        dt = x.dtype.type
        F, C, K, _ = w.shape
        Ho, Wo = x.shape[2] - K + 1, x.shape[3] - K + 1
        y = np.zeros((N, F, Ho, Wo), dtype=x.dtype) + b[None, :, None, None]
        for p in range(K):
            for q in range(K):
                y += np.einsum("fc,nchw->nfhw", w[:, :, p, q], x[:, :, p:p + Ho, q:q + Wo])
        dy_unscaled = R + dt(0.5) * y
        dy = dy_unscaled / dt(N)
        xs = np.roll(x, -1, axis=3) if bug == "off-by-one" else x
        dyw = dy_unscaled if bug == "missing-1/m" else dy
        dw = np.zeros_like(w)
        for p in range(K):
            for q in range(K):
                dw[:, :, p, q] = np.einsum("nfhw,nchw->fc", dyw, xs[:, :, p:p + Ho, q:q + Wo])
        wk = w.transpose(0, 1, 3, 2) if bug == "transposed-weight" else w
        dx = np.zeros_like(x)
        for p in range(K):
            for q in range(K):
                dx[:, :, p:p + Ho, q:q + Wo] += np.einsum("fc,nfhw->nchw", wk[:, :, p, q], dy)
        return dict(x=dx, w=dw, b=dy.sum((0, 2, 3)))

    describe = {"missing-1/m": "dw without the 1/N",
                "transposed-weight": "dx with each kernel transposed (w[f, c].T)",
                "off-by-one": "dw reads x[n, c, i+p, j+q+1] (np.roll by one column)"}


class MaxPool:
    """y[c,i,j] = a[c] · max of the 2×2 window (stride 2); L = Σ R ⊙ y."""
    name = "max-pool"
    structural = ["off-by-one", "missing-term"]
    big = None

    @staticmethod
    def blocks(d):
        return [("x", (d["C"], d["H"], d["W"])), ("a", (d["C"],))]

    @staticmethod
    def make(rng, d=None):
        d = d or dict(C=2, H=4, W=6)
        C, H, W = d["C"], d["H"], d["W"]
        P = dict(x=rng.standard_normal((C, H, W)), a=1 + 0.3 * rng.standard_normal(C))
        D = dict(R=rng.standard_normal((C, H // 2, W // 2)))
        return P, D, d

    @staticmethod
    def forward(P, D, d):
        y = torch.nn.functional.max_pool2d(P["x"].unsqueeze(0), 2)[0]
        return (D["R"] * y * P["a"][:, None, None]).sum()

    @staticmethod
    def windows(x):
        C, H, W = x.shape
        return x.reshape(C, H // 2, 2, W // 2, 2).transpose(0, 1, 3, 2, 4).reshape(C, H // 2, W // 2, 4)

    @classmethod
    def backward(cls, P, D, d, bug=None):
        x, a, R = P["x"], P["a"], D["R"]
        C, H, W = x.shape
        win = cls.windows(x)
        arg = win.argmax(-1)
        if bug == "off-by-one":
            arg = (arg + 1) % 4
        pooled = win.max(-1)
        dy = R * a[:, None, None]
        dwin = np.zeros(win.shape, dtype=x.dtype)
        np.put_along_axis(dwin, arg[..., None], dy[..., None], axis=-1)
        dx = dwin.reshape(C, H // 2, W // 2, 2, 2).transpose(0, 1, 3, 2, 4).reshape(C, H, W)
        da = (R * pooled).sum((1, 2))
        if bug == "missing-term":
            da = (R * pooled)[:, :, :-1].sum((1, 2))
        return dict(x=dx, a=da)

    describe = {"off-by-one": "the gradient routed to the next element of each window ((argmax + 1) mod 4)",
                "missing-term": "da leaves out the last window column"}


class Dropout:
    """h = relu(x W + b) ⊙ mask / p with a fixed 0/1 mask, keep probability p = 0.6; L = Σ R ⊙ h."""
    name = "dropout"
    structural = ["missing-derivative", "missing-factor", "off-by-one"]
    keep = 0.6
    big = ("x", "W")

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["M"])), ("b", (d["M"],))]

    @classmethod
    def make(cls, rng, d=None):
        d = d or dict(N=4, D=4, M=5)
        N, D_, M = d["N"], d["D"], d["M"]
        P = dict(x=rng.standard_normal((N, D_)), W=rng.standard_normal((D_, M)) * 0.5, b=rng.standard_normal(M) * 0.1)
        D = dict(R=rng.standard_normal((N, M)), mask=(rng.random((N, M)) < cls.keep).astype(np.float64),
                 keep=np.array(cls.keep))
        return P, D, d

    @staticmethod
    def forward(P, D, d):
        z = P["x"] @ P["W"] + P["b"]
        return (D["R"] * (torch.relu(z) * D["mask"] / D["keep"])).sum()

    @staticmethod
    def backward(P, D, d, bug=None):
        x, W, b, R, mask, p = P["x"], P["W"], P["b"], D["R"], D["mask"], D["keep"]
        dt = x.dtype.type
        z = x @ W + b
        m = mask
        if bug == "missing-derivative":
            m = np.ones_like(mask)
        elif bug == "off-by-one":
            m = np.roll(mask, 1, axis=1)
        dz = R * m * (z > 0).astype(x.dtype) / (dt(1) if bug == "missing-factor" else p)
        return dict(x=dz @ W.T, W=x.T @ dz, b=dz.sum(0))

    describe = {"missing-derivative": "the dropout mask not applied in the backward pass",
                "missing-factor": "the 1/p of inverted dropout left out of the backward pass",
                "off-by-one": "the mask shifted by one unit (np.roll) in the backward pass"}


class RNN:
    """h_t = tanh(x_t Wx + h_{t−1} Wh + b), t = 1..3, x fixed data; L = Σ_t Σ R_t ⊙ h_t."""
    name = "rnn"
    structural = ["missing-product-term", "transposed-weight", "missing-derivative"]
    big = ("Wx", "xs")

    @staticmethod
    def blocks(d):
        H, D_ = d["H"], d["D"]
        return [("h0", (d["N"], H)), ("Wx", (D_, H)), ("Wh", (H, H)), ("b", (H,))]

    @staticmethod
    def make(rng, d=None):
        d = d or dict(T=3, N=2, D=3, H=4)
        T_, N, D_, H = d["T"], d["N"], d["D"], d["H"]
        P = dict(h0=0.5 * rng.standard_normal((N, H)), Wx=0.6 * rng.standard_normal((D_, H)),
                 Wh=0.5 * rng.standard_normal((H, H)), b=0.1 * rng.standard_normal(H))
        D = dict(xs=rng.standard_normal((T_, N, D_)), R=rng.standard_normal((T_, N, H)))
        return P, D, d

    @staticmethod
    def forward(P, D, d):
        h, L = P["h0"], 0
        for t in range(d["T"]):
            h = torch.tanh(D["xs"][t] @ P["Wx"] + h @ P["Wh"] + P["b"])
            L = L + (D["R"][t] * h).sum()
        return L

    @staticmethod
    def backward(P, D, d, bug=None):
        Wx, Wh, b, xs, R = P["Wx"], P["Wh"], P["b"], D["xs"], D["R"]
        one = Wx.dtype.type(1)
        hs = [P["h0"]]
        for t in range(d["T"]):
            hs.append(np.tanh(xs[t] @ Wx + hs[-1] @ Wh + b))
        g = dict(h0=np.zeros_like(P["h0"]), Wx=np.zeros_like(Wx), Wh=np.zeros_like(Wh), b=np.zeros_like(b))
        dh_next = np.zeros_like(P["h0"])
        for t in reversed(range(d["T"])):
            dh = R[t] + (np.zeros_like(dh_next) if bug == "missing-product-term" else dh_next)
            dz = dh if bug == "missing-derivative" else dh * (one - hs[t + 1] ** 2)
            g["Wx"] += xs[t].T @ dz
            g["Wh"] += hs[t].T @ dz
            g["b"] += dz.sum(0)
            dh_next = dz @ (Wh if bug == "transposed-weight" else Wh.T)
        g["h0"] = dh_next
        return g

    describe = {"missing-product-term": "BPTT without the recurrent dh from step t+1 (truncated to one step)",
                "transposed-weight": "dh_{t−1} = dz · Wh instead of dz · Whᵀ",
                "missing-derivative": "tanh′ left out: dz = dh"}


class LSTM:
    """Two LSTM steps, gates (i, f, o, g) = (σ, σ, σ, tanh)(x_t Wx + h Wh + b); L = Σ_t Σ R_t ⊙ h_t."""
    name = "lstm"
    structural = ["missing-product-term", "off-by-one", "transposed-weight"]
    big = ("Wx", "xs")

    @staticmethod
    def blocks(d):
        H = d["H"]
        return [("h0", (d["N"], H)), ("c0", (d["N"], H)), ("Wx", (d["D"], 4 * H)), ("Wh", (H, 4 * H)),
                ("b", (4 * H,))]

    @staticmethod
    def make(rng, d=None):
        d = d or dict(T=2, N=2, D=3, H=3)
        T_, N, D_, H = d["T"], d["N"], d["D"], d["H"]
        P = dict(h0=0.5 * rng.standard_normal((N, H)), c0=0.5 * rng.standard_normal((N, H)),
                 Wx=0.5 * rng.standard_normal((D_, 4 * H)), Wh=0.5 * rng.standard_normal((H, 4 * H)),
                 b=0.1 * rng.standard_normal(4 * H))
        D = dict(xs=rng.standard_normal((T_, N, D_)), R=rng.standard_normal((T_, N, H)))
        return P, D, d

    @staticmethod
    def forward(P, D, d):
        H, h, c, L = d["H"], P["h0"], P["c0"], 0
        for t in range(d["T"]):
            a = D["xs"][t] @ P["Wx"] + h @ P["Wh"] + P["b"]
            i, f = torch.sigmoid(a[:, :H]), torch.sigmoid(a[:, H:2 * H])
            o, g = torch.sigmoid(a[:, 2 * H:3 * H]), torch.tanh(a[:, 3 * H:])
            c = f * c + i * g
            h = o * torch.tanh(c)
            L = L + (D["R"][t] * h).sum()
        return L

    @staticmethod
    def backward(P, D, d, bug=None):
        H, Wx, Wh, b, xs, R = d["H"], P["Wx"], P["Wh"], P["b"], D["xs"], D["R"]
        one = Wx.dtype.type(1)
        hs, cs, cache = [P["h0"]], [P["c0"]], []
        for t in range(d["T"]):
            a = xs[t] @ Wx + hs[-1] @ Wh + b
            i, f, o, gg = sig(a[:, :H]), sig(a[:, H:2 * H]), sig(a[:, 2 * H:3 * H]), np.tanh(a[:, 3 * H:])
            c = f * cs[-1] + i * gg
            cs.append(c)
            hs.append(o * np.tanh(c))
            cache.append((i, f, o, gg))
        g = {k: np.zeros_like(v) for k, v in P.items()}
        dh_next, dc_next = np.zeros_like(P["h0"]), np.zeros_like(P["c0"])
        for t in reversed(range(d["T"])):
            i, f, o, gg = cache[t]
            c, c_prev = cs[t + 1], cs[t]
            dh = R[t] + dh_next
            tc = np.tanh(c)
            do = dh * tc
            dc = dc_next + dh * o * (one - tc ** 2)
            df, di, dg = dc * c_prev, dc * gg, dc * i
            dc_next = np.zeros_like(dc) if bug == "missing-product-term" else dc * f
            da_i, da_f = di * i * (one - i), df * f * (one - f)
            if bug == "off-by-one":
                da_i, da_f = df * f * (one - f), di * i * (one - i)
            da = np.concatenate([da_i, da_f, do * o * (one - o), dg * (one - gg ** 2)], axis=1)
            g["Wx"] += xs[t].T @ da
            g["Wh"] += hs[t].T @ da
            g["b"] += da.sum(0)
            dh_next = da @ (Wh.reshape(4 * H, H) if bug == "transposed-weight" else Wh.T)
        g["h0"], g["c0"] = dh_next, dc_next
        return g

    describe = {"missing-product-term": "dc_{t−1} = 0: the f·dc term of c = f·c_{t−1} + i·g left out",
                "off-by-one": "the input and forget gate slices swapped in the backward pass",
                "transposed-weight": "dh_{t−1} = da · Wh.reshape(4H, H) instead of da · Whᵀ"}


class Attention:
    """Q, K, V = x Wq, x Wk, x Wv; A = softmax(Q Kᵀ / √dk); L = Σ R ⊙ (A V)."""
    name = "attention"
    structural = ["missing-product-term", "missing-factor", "transposed-weight"]
    big = ("x", None)

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("Wq", (d["D"], d["K"])), ("Wk", (d["D"], d["K"])),
                ("Wv", (d["D"], d["V"]))]

    @staticmethod
    def make(rng, d=None):
        d = d or dict(N=4, D=3, K=2, V=3)
        N, D_, K, V = d["N"], d["D"], d["K"], d["V"]
        P = dict(x=rng.standard_normal((N, D_)), Wq=0.6 * rng.standard_normal((D_, K)),
                 Wk=0.6 * rng.standard_normal((D_, K)), Wv=0.6 * rng.standard_normal((D_, V)))
        D = dict(R=rng.standard_normal((N, V)))
        return P, D, d

    @staticmethod
    def forward(P, D, d):
        x = P["x"]
        Q, K, V = x @ P["Wq"], x @ P["Wk"], x @ P["Wv"]
        S = Q @ K.T / float(np.sqrt(d["K"]))
        S = S - S.max(dim=1, keepdim=True).values
        E = torch.exp(S)
        A = E / E.sum(1, keepdim=True)
        return (D["R"] * (A @ V)).sum()

    @staticmethod
    def backward(P, D, d, bug=None):
        x, Wq, Wk, Wv, R = P["x"], P["Wq"], P["Wk"], P["Wv"], D["R"]
        dt = x.dtype.type
        Q, K, V = x @ Wq, x @ Wk, x @ Wv
        root = dt(np.sqrt(d["K"]))
        S = Q @ K.T / root
        E = np.exp(S - S.max(1, keepdims=True))
        A = E / E.sum(1, keepdims=True)
        dA = R @ V.T
        dV = (A if bug == "transposed-weight" else A.T) @ R
        if bug == "missing-product-term":
            dS = A * dA
        else:
            dS = A * (dA - (A * dA).sum(1, keepdims=True))
        if bug != "missing-factor":
            dS = dS / root
        dQ, dK = dS @ K, dS.T @ Q
        return dict(x=dQ @ Wq.T + dK @ Wk.T + dV @ Wv.T, Wq=x.T @ dQ, Wk=x.T @ dK, Wv=x.T @ dV)

    describe = {"missing-product-term": "softmax backward without the −Σ A·dA term (dS = A ⊙ dA)",
                "missing-factor": "dQ and dK without the 1/√dk",
                "transposed-weight": "dV = A · R instead of Aᵀ · R"}


FAMILIES = [Affine, ReLU, LeakyReLU, SoftmaxCE, Hinge, BatchNorm, LayerNorm, Conv1D, Conv2D, MaxPool, Dropout,
            RNN, LSTM, Attention]

# The conditions float32 makes hard, three cases per family (plain first).
#   theta-100      θ of magnitude ~100 (float32 spacing 7.6e-6 in [64, 128): θ ± 1e-7 rounds back to θ)
#   near-kink      pre-activations (margins, window runner-ups) 1e-4..3e-3 from a kink: inside a float32 step
#   tiny-gradient  J = 1e-5·L: gradients of ~1e-5, at torch's atol
#   J-large        J = ~1e3 + L (a large constant term) or J = 1e4·L
#   saturated      softmax logits, tanh units or LSTM gates driven to |z| ≈ 15–20, where float32 goes flat
#   small-block    the input scaled by 1e-4: one block's gradient 1e-4 of the others'
CONDITIONS = {
    "affine": ["plain", "theta-100", "J-large"],
    "relu": ["plain", "near-kink", "theta-100"],
    "leaky-relu": ["plain", "near-kink", "tiny-gradient"],
    "softmax-ce": ["plain", "saturated", "theta-100"],
    "svm-hinge": ["plain", "near-kink", "theta-100"],
    "batch-norm": ["plain", "theta-100", "J-large"],
    "layer-norm": ["plain", "theta-100", "tiny-gradient"],
    "conv1d": ["plain", "theta-100", "J-large"],
    "conv2d": ["plain", "tiny-gradient", "small-block"],
    "max-pool": ["plain", "near-kink", "theta-100"],
    "dropout": ["plain", "near-kink", "J-large"],
    "rnn": ["plain", "saturated", "small-block"],
    "lstm": ["plain", "saturated", "theta-100"],
    "attention": ["plain", "theta-100", "tiny-gradient"],
}

# Generic bugs, one per case, taking turns: a sign, a small scale (effect 3e-3: between 1e-3 and 1e-2), a larger one
# (2e-2), one entry left at 0.
GENERIC = ["sign-flip", "scale-1.003", "scale-1.02", "wrong-entry"]


def to32(P):
    return {k: np.asarray(v, dtype=F32) for k, v in P.items()}


def to64(P):
    return {k: np.asarray(v, dtype=F32).astype(F64) for k, v in P.items()}


def kink_target(rng, sign, terms, length):
    # 1e-4..3e-3 from the kink (inside the float32 step of 5.6e-3), and at least 64 float32 roundings of the sum that
    # computes it, so that numpy, torch and C# see the same side whatever their order of summation.
    return sign * max(10 ** rng.uniform(-4, -2.5), 64 * U32 * terms * (length + 1))


def same_side(values, target):
    return all(np.sign(v) == np.sign(target) for v in values) and all(
        0.5 * abs(target) <= abs(v) <= 2 * abs(target) for v in values)


def relu_kinks(fam, P, D, d, rng, count):
    """Several pre-activations near the kink, one per row (row n's x moves along W[:, j]), in float32."""
    N, M = d["N"], d["M"]
    notes = []
    for n in rng.permutation(N)[:count]:
        live = [j for j in range(M) if "mask" not in D or D["mask"][n, j] > 0] or list(range(M))
        j = live[rng.integers(len(live))]
        w = P["W"][:, j].astype(F64)
        terms = np.abs(P["x"][n]) @ np.abs(w) + abs(P["b"][j])
        target = kink_target(rng, 1 if rng.random() < 0.5 else -1, terms, d["D"])
        for _ in range(30):
            x32, W32, b32 = (P[k].astype(F32) for k in ("x", "W", "b"))
            z = [(x32 @ W32 + b32)[n, j], float((T(x32, F32) @ T(W32, F32) + T(b32, F32))[n, j]),
                 (x32.astype(F64) @ W32.astype(F64) + b32.astype(F64))[n, j]]
            if same_side(z, target):
                break
            P["x"][n] = (P["x"][n].astype(F64) + (target - z[2]) * w / (w @ w)).astype(F32)
        assert same_side(z, target), (fam.name, z, target)
        notes.append("z[%d,%d]=%.2g" % (n, j, z[2]))
    return "kinks " + " ".join(notes)


def hinge_kinks(fam, P, D, d, rng, count):
    """Several margins near the hinge's kink, one per row (row n's x moves along W_j − W_y), in float32."""
    N, C = d["N"], d["C"]
    notes = []
    for n in rng.permutation(N)[:count]:
        y = int(D["y"][n])
        j = (y + 1 + rng.integers(C - 1)) % C
        v = (P["W"][:, j] - P["W"][:, y]).astype(F64)
        terms = np.abs(P["x"][n]) @ (np.abs(P["W"][:, j]) + np.abs(P["W"][:, y])) + abs(P["b"][j]) + abs(P["b"][y]) + 1
        target = kink_target(rng, 1 if rng.random() < 0.5 else -1, terms, d["D"])
        for _ in range(30):
            x32, W32, b32 = (P[k].astype(F32) for k in ("x", "W", "b"))
            s32 = x32 @ W32 + b32
            st = T(x32, F32) @ T(W32, F32) + T(b32, F32)
            s64 = x32.astype(F64) @ W32.astype(F64) + b32.astype(F64)
            m = [s32[n, j] - s32[n, y] + F32(1), float(st[n, j] - st[n, y] + 1), s64[n, j] - s64[n, y] + 1]
            if same_side(m, target):
                break
            P["x"][n] = (P["x"][n].astype(F64) + (target - m[2]) * v / (v @ v)).astype(F32)
        assert same_side(m, target), (fam.name, m, target)
        notes.append("margin[%d,%d]=%.2g" % (n, j, m[2]))
    return "kinks " + " ".join(notes)


def pool_near_ties(P, d, rng, count):
    """Near-ties in several windows: the runner-up 1e-4..3e-3 below (or above) the maximum, in float32."""
    C, oh, ow = d["C"], d["H"] // 2, d["W"] // 2
    notes = []
    for p in rng.permutation(C * oh * ow)[:count]:
        c, i, j = int(p // (oh * ow)), int(p // ow % oh), int(p % ow)
        pos = lambda k: (c, 2 * i + k // 2, 2 * j + k % 2)
        w = P["x"][c, 2 * i:2 * i + 2, 2 * j:2 * j + 2].reshape(-1)
        order = np.argsort(-w)
        top = P["x"][pos(order[0])]
        target = (1 if rng.random() < 0.5 else -1) * 10 ** rng.uniform(-4, -2.5) * max(1.0, abs(top))
        P["x"][pos(order[1])] = F32(top - target)
        gap = F32(top) - F32(P["x"][pos(order[1])])
        assert gap != 0 and np.sign(gap) == np.sign(target), gap
        notes.append("(%d,%d,%d) gap %.2g" % (c, i, j, gap))
    return "near-ties " + " ".join(notes)


def condition(fam, P, D, d, cond, rng, k):
    """Applies a condition to a drawn case (P, D float64, rounded to float32 after); returns (offset, scale, note)."""
    offset, scale, note = 0.0, 1.0, ""
    name = fam.name
    if cond == "theta-100":
        if fam.big is None:
            # Normalisation and pooling: unnormalised data, a common offset of 100 (pixel-like values).
            P["x"] = P["x"] + 100.0
            note = "x = 100 + O(1)"
        elif name in ("rnn", "lstm"):
            # The input weights ×100 and the data ×0.01: the gates see what they saw, θ has entries of ~100.
            P["Wx"] = P["Wx"] * 100.0
            D["xs"] = D["xs"] * 0.01
            note = "Wx × 100, data xs × 0.01"
        elif name == "attention":
            P["x"] = P["x"] * 100.0
            for w in ("Wq", "Wk", "Wv"):
                P[w] = P[w] * 0.01
            note = "x × 100, Wq, Wk, Wv × 0.01"
        else:
            a, b = fam.big
            P[a] = P[a] * 100.0
            P[b] = P[b] * 0.01
            note = "%s × 100, %s × 0.01" % (a, b)
    elif cond == "J-large":
        if k % 2 == 0:
            offset = f32(1e3 * (1 + 0.1 * rng.standard_normal()))
            note = "J = %.9g + L (a large constant term)" % offset
        else:
            scale = 1e4
            note = "J = 1e4 · L"
    elif cond == "tiny-gradient":
        scale = f32(1e-5)
        note = "J = 1e-5 · L: gradients of ~1e-5"
    elif cond == "small-block":
        if name == "rnn":
            D["xs"] = D["xs"] * 1e-4
            note = "x × 1e-4: dWx ≈ 1e-4 of the other blocks"
        else:
            P["x"] = P["x"] * 1e-4
            note = "x × 1e-4: dw ≈ 1e-4 of the other blocks"
    elif cond == "saturated":
        if name == "rnn":
            # Two hidden units driven to |z| ≈ 15–20: positive inputs of 0.5–0.7 into weights of ±9.
            D["xs"] = 0.5 + 0.2 * rng.random(D["xs"].shape)
            P["Wx"][:, 0] = 9.0
            P["Wx"][:, 1] = -9.0
            P["Wh"][:, :2] *= 0.1
            note = "hidden units 0-1 saturated, |z| ~ 15-20 (tanh = ±1 in float32)"
        elif name == "lstm":
            P["b"][:3] = 17.0   # input gate σ(17)
            P["b"][3:6] = -16.0  # forget gate σ(−16)
            P["b"][9:] = 18.0   # candidate tanh(18)
            note = "gates saturated: i, f, g pre-activations ≈ ±16–18"
        elif name == "softmax-ce":
            P["W"] = P["W"] * 15
            note = "logits × 15: p ≈ one-hot"
    P.update(to32(P))
    D.update(to32(D))
    if cond == "near-kink":
        count = int(rng.integers(2, 5))
        if name == "svm-hinge":
            note = hinge_kinks(fam, P, D, d, rng, count)
        elif name == "max-pool":
            note = pool_near_ties(P, d, rng, count)
        else:
            note = relu_kinks(fam, P, D, d, rng, count)
    return offset, scale, note


def torch_cost(fam, P, D, d, offset, scale, dt, grad=False):
    """torch's J = offset + scale·L in dt (offset and scale float32 numbers), with autograd's ∂J/∂θ if asked."""
    tp = {k: T(v.astype(dt), dt).requires_grad_(grad) for k, v in P.items()}
    td = {k: T(v.astype(dt), dt) for k, v in D.items()}
    L = fam.forward(tp, td, d)
    J = offset + scale * L
    if not grad:
        return float(L), float(J), None
    J.backward()
    return float(L), float(J), {k: tp[k].grad.detach().numpy().copy() for k in P}


def flat(blocks, g, dt=F64):
    return np.concatenate([np.asarray(g[n]).reshape(-1) for n, _ in blocks]).astype(dt)


def unflat(blocks, v):
    out, off = {}, 0
    for n, s in blocks:
        c = int(np.prod(s))
        part = v[off:off + c]
        out[n] = part.reshape(s) if torch.is_tensor(part) else np.asarray(part).reshape(s)
        off += c
    return out


def hand(fam, P, D, d, scale, dt, bug=None):
    """The hand backward of ∂J/∂θ in dt: scale · ∂L, every array in dt (a promotion is a bug of the script)."""
    Pd = {k: np.asarray(v, dtype=F32).astype(dt) for k, v in P.items()}
    Dd = {k: np.asarray(v, dtype=F32).astype(dt) for k, v in D.items()}
    g = fam.backward(Pd, Dd, d, bug)
    for n, v in g.items():
        assert v.dtype == dt, (fam.name, bug, n, v.dtype)
    return {n: (dt(scale) * v).astype(dt) for n, v in g.items()}


def generic_bug(g, names, kind, rng, small):
    """A generic bug planted in one block of g (a dict of arrays, any dtype); returns (g', description)."""
    g = {n: v.copy() for n, v in g.items()}
    rms = {n: float(np.sqrt(np.mean(np.asarray(g[n], dtype=F64) ** 2))) for n in names}
    live = [n for n in names if rms[n] > 0]
    target = rng["target"]
    if kind == "small-block":
        target = min(live, key=lambda n: rms[n])
        g[target] = (g[target] * g[target].dtype.type(1.02)).astype(g[target].dtype)
        return g, "d%s × 1.02, the block %.2g times the largest block's rms" % (
            target, rms[target] / max(rms.values()))
    if small:
        target = min(live, key=lambda n: rms[n])
    if kind == "sign-flip":
        g[target] = -g[target]
        return g, "d%s with its sign flipped" % target
    if kind in ("scale-1.003", "scale-1.02"):
        f = 1.003 if kind == "scale-1.003" else 1.02
        g[target] = (g[target] * g[target].dtype.type(f)).astype(g[target].dtype)
        return g, "d%s × %g" % (target, f)
    if kind == "wrong-entry":
        flatg = g[target].reshape(-1)
        i = len(flatg) - 1
        if abs(flatg[i]) < 1e-3 * rms[target]:
            i = int(np.argmax(np.abs(flatg)))
        was = float(flatg[i])
        flatg[i] = 0
        idx = np.unravel_index(i, g[target].shape)
        return g, "d%s%s left at 0 by a loop bound (was %.4g)" % (target, [int(v) for v in idx], was)
    raise ValueError(kind)


def variant(fam, P, D, d, blocks, scale, kind, rng, small):
    """A buggy variant: (float32 gradient, float64 gradient, description), or None when the bug changes nothing."""
    names = [n for n, _ in blocks]
    if kind in getattr(fam, "describe", {}) and kind in fam.structural:
        return hand(fam, P, D, d, scale, F32, kind), hand(fam, P, D, d, scale, F64, kind), fam.describe[kind]
    live = [n for n in names if np.any(hand(fam, P, D, d, scale, F64)[n] != 0)]
    if not live:
        return None
    # The same block and entry in float32 and float64: one draw of the target, shared.
    pick = {"target": live[rng.integers(len(live))]}
    g32, text = generic_bug(hand(fam, P, D, d, scale, F32), names, kind, pick, small)
    g64, _ = generic_bug(hand(fam, P, D, d, scale, F64), names, kind, pick, small)
    return g32, g64, text


class Fixed(torch.autograd.Function):
    """J(θ) in float32 with a given gradient as its backward: what torch.autograd.gradcheck judges."""

    @staticmethod
    def forward(ctx, theta, cost, gradient):
        ctx.gradient = gradient
        with torch.no_grad():
            return cost(theta)

    @staticmethod
    def backward(ctx, out):
        return out * ctx.gradient, None, None


def rules(fam, P, D, d, blocks, offset, scale):
    """torch's numerical derivative and JAX's numerical JVP, both on torch's float32 forward (gradient-free parts)."""
    theta32 = flat(blocks, P, F32)
    D32 = {k: T(v, F32) for k, v in D.items()}

    def cost(t):
        tp = unflat(blocks, t)
        return offset + scale * fam.forward({n: v for n, v in tp.items()}, D32, d)

    t = torch.tensor(theta32, dtype=torch.float32, requires_grad=True)
    numerical = _get_numerical_jacobian(lambda x: cost(x), (t,), eps=TORCH_EPS)[0][0].reshape(-1).numpy().copy()
    # The same in plain float32 arithmetic, as a check that the emulation in C# does what torch does.
    mine = np.zeros_like(numerical)
    with torch.no_grad():
        for i in range(len(theta32)):
            x = torch.tensor(theta32)
            x[i] = torch.tensor(theta32[i]) - TORCH_EPS
            a = cost(x)
            x[i] = torch.tensor(theta32[i]) + TORCH_EPS
            b = cost(x)
            mine[i] = float((b - a) / (2 * TORCH_EPS))
    assert np.array_equal(mine, numerical), ("torch numerical", fam.name, np.abs(mine - numerical).max())
    # JAX's check_vjp: RandomState(0) draws the tangent (θ's shape), then the cotangent (J's shape, a scalar).
    rs = np.random.RandomState(0)
    tangent = np.asarray(rs.randn(len(theta32)), dtype=F32)
    delta = np.multiply(tangent, np.array(JAX_EPS, dtype=F32), dtype=F32)
    with torch.no_grad():
        f_pos = cost(torch.tensor(np.array(theta32 + delta, dtype=F32))).numpy()
        f_neg = cost(torch.tensor(np.array(theta32 - delta, dtype=F32))).numpy()
    diff = np.where(np.equal(f_pos, f_neg), np.array(0, F32), np.subtract(f_pos, f_neg, dtype=F32))
    jvp = np.multiply(diff, np.array(0.5 / JAX_EPS, dtype=F32), dtype=F32)
    cotangent = np.asarray(rs.randn(), dtype=F32)
    return cost, theta32, numerical, tangent, cotangent, jvp


def judge_python(cost, theta32, gradient32, blocks, numerical, tangent, cotangent, jvp):
    """For one variant: torch.autograd.gradcheck's own verdict, the blocks torch's rule fails (from its numerical
    derivative), and the emulated JAX check_vjp's verdict."""
    g = torch.tensor(gradient32, dtype=torch.float32)
    t = torch.tensor(theta32, dtype=torch.float32, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # gradcheck warns that the input is not double precision: that is the point
        ok = torch.autograd.gradcheck(lambda x: Fixed.apply(x, cost, g), (t,), eps=TORCH_EPS, atol=TORCH_ATOL,
                                      rtol=TORCH_RTOL, raise_exception=False)
    a, n = torch.tensor(gradient32), torch.tensor(numerical)
    bad = ((a - n).abs() > TORCH_ATOL + TORCH_RTOL * n.abs()).numpy()
    failed, off = [], 0
    for name, shape in blocks:
        c = int(np.prod(shape))
        if bad[off:off + c].any():
            failed.append(name)
        off += c
    assert ok == (not failed), ("gradcheck and its rule disagree", ok, failed)
    cot_out = np.multiply(gradient32, cotangent, dtype=F32)
    ip = np.dot(tangent, cot_out)
    ip_num = np.dot(jvp.reshape(-1), cotangent.reshape(-1))
    jax_ok = bool(np.isclose(ip, ip_num, rtol=JAX_TOL, atol=JAX_TOL))
    return dict(torch_gradcheck=bool(ok), torch_failed=failed, jax_pass=jax_ok, jax_ip=float(ip),
                jax_ip_numerical=float(ip_num))


def assemble(fam, P, D, d, cond, note, offset, scale, kinds, rng, cid, small=False):
    blocks = fam.blocks(d)
    names = [n for n, _ in blocks]
    loss32, J32, g32 = torch_cost(fam, P, D, d, offset, scale, F32, grad=True)
    loss64, J64, g64 = torch_cost(fam, P, D, d, offset, scale, F64, grad=True)
    assert np.isfinite(J32) and np.isfinite(J64), (cid, "not finite")
    h64, h32 = hand(fam, P, D, d, scale, F64), hand(fam, P, D, d, scale, F32)
    for n in names:
        top = max(np.abs(g64[n]).max(), np.abs(h64[n]).max())
        err = np.abs(g64[n] - h64[n]).max()
        assert err <= MATCH64 * top or err == 0, (cid, n, "float64 hand backward", err, top)
        err32 = np.abs(g32[n].astype(F64) - h32[n].astype(F64)).max()
        assert err32 <= MATCH32 * top or err32 == 0, (cid, n, "float32 hand backward", err32, top)
    correct32, truth64, hand64 = flat(blocks, g32, F32), flat(blocks, g64), flat(blocks, h64)
    cost, theta32, numerical, tangent, cotangent, jvp = rules(fam, P, D, d, blocks, offset, scale)
    args = (cost, theta32)
    judged = dict(numerical=numerical, tangent=tangent, cotangent=cotangent, jvp=jvp)
    bugs = []
    for kind in kinds:
        if len(bugs) >= 3 or any(b["kind"] == kind for b in bugs):
            continue
        made = variant(fam, P, D, d, blocks, scale, kind, rng, small)
        if made is None:
            continue
        b32, b64, text = made
        v32, v64 = flat(blocks, b32, F32), flat(blocks, b64)
        changed, change, off = [], {}, 0
        for n, shape in blocks:
            c = int(np.prod(shape))
            delta = v64[off:off + c] - hand64[off:off + c]
            if np.any(delta != 0):
                changed.append(n)
                norm = np.linalg.norm(hand64[off:off + c])
                change[n] = float(np.linalg.norm(delta) / norm) if norm > 0 else 1e300
            off += c
        if not changed:
            continue
        bug = dict(kind=kind, description=text, gradient=v32.astype(F64).tolist(), gradient64=v64.tolist(),
                   changed=changed, change=change, effect=max(change.values()))
        bug.update(judge_python(*args, v32, blocks, **judged))
        bugs.append(bug)
    # Probes: float32 points within 1e-2·max(1, |θᵢ|) of θ, with torch's J32 and J64 there.
    probes = []
    for _ in range(PROBES):
        radius = 1e-2 * np.maximum(1.0, np.abs(theta32.astype(F64)))
        point = (theta32.astype(F64) + radius * rng.uniform(-1, 1, len(theta32))).astype(F32)
        pp = unflat(blocks, point)
        _, pj32, _ = torch_cost(fam, pp, D, d, offset, scale, F32)
        _, pj64, _ = torch_cost(fam, pp, D, d, offset, scale, F64)
        probes.append(dict(theta=point.astype(F64).tolist(), J=pj32, J64=pj64))
    data = {k: np.asarray(v, dtype=F32).astype(F64).reshape(-1).tolist() for k, v in D.items()}
    correct = judge_python(*args, correct32, blocks, **judged)
    return dict(
        id=cid, family=fam.name, condition=cond, note=note,
        blocks=[dict(name=n, shape=list(s)) for n, s in blocks], dims=d,
        theta=theta32.astype(F64).tolist(), data=data, offset=offset, scale=f32(scale),
        J=J32, J64=J64, loss=loss32, loss64=loss64,
        correct=correct32.astype(F64).tolist(), truth=truth64.tolist(), probes=probes,
        torch=dict(eps=TORCH_EPS, atol=TORCH_ATOL, rtol=TORCH_RTOL, numerical=numerical.astype(F64).tolist(),
                   gradcheck=correct["torch_gradcheck"], failed=correct["torch_failed"]),
        jax=dict(eps=JAX_EPS, tolerance=JAX_TOL, tangent=tangent.astype(F64).tolist(), cotangent=float(cotangent),
                 jvp=float(jvp), passed=correct["jax_pass"], ip=correct["jax_ip"],
                 ip_numerical=correct["jax_ip_numerical"]),
        bugs=bugs)


def main():
    cases = []
    for fi, fam in enumerate(FAMILIES):
        for k, cond in enumerate(CONDITIONS[fam.name]):
            rng = np.random.default_rng([14, fi, k])
            P, D, d = fam.make(rng)
            offset, scale, note = condition(fam, P, D, d, cond, rng, fi + k)
            S = len(fam.structural)
            kinds = [fam.structural[k % S], GENERIC[(fi + k) % len(GENERIC)], fam.structural[(k + 1) % S]]
            small = cond == "small-block"
            if small:
                kinds[1] = "small-block"
            # Fallbacks, for a bug that changes nothing at this θ (a mask of all ones, say).
            kinds += [fam.structural[(k + 2) % S]] + GENERIC
            case = assemble(fam, P, D, d, cond, note, offset, scale, kinds, rng, "%s-%d" % (fam.name, k), small)
            cases.append(case)
            print("%-12s %-13s J=%-12.6g P=%-4d bugs=%s %s" % (
                fam.name, cond, case["J"], len(case["truth"]),
                ",".join("%s(%.1g)" % (b["kind"], b["effect"]) for b in case["bugs"]), note[:60]))
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "float32_cases.json"), "w") as f:
        json.dump(dict(generator=GEN, cases=cases), f, separators=(",", ":"))
        f.write("\n")
    print("wrote float32_cases.json: %d cases, %d buggy variants" % (len(cases), sum(len(c["bugs"]) for c in cases)))


if __name__ == "__main__":
    main()
