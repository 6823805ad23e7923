#!/usr/bin/python3
"""The user-code verdict corpus of issue 9: small layers a user writes by hand, each a scalar loss.

Run from the repo root:  /usr/bin/python3 tests/corpus/user/make_user_corpus.py
Writes tests/corpus/user/fixtures/user_cases.json. Deterministic (fixed seeds only). Floats are written by
json.dump, which uses repr() and so round-trips float64 exactly. Arrays are flat, row-major like numpy.

Per case the truth is torch autograd in float64. Each family also has a hand-written backward pass in numpy
(no autograd); its correct form is asserted to match autograd to 1e-10 relative, and its buggy forms (the
bugs a person really writes) give the buggy gradients. So no number in the fixture comes from GradCheck.

Every cost is J = offset + scale * L(θ), with L the layer's loss; offset and scale are 0 and 1 unless the
case's condition says otherwise (J of magnitude 1e6). A case marked float32 is checked against the cost
rounded through float, (double)(float)J; J here is the unrounded cost.
"""
import json, os, sys
import numpy as np
import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
GEN = {"script": "tests/corpus/user/make_user_corpus.py", "python": sys.version.split()[0],
       "numpy": np.__version__, "torch": torch.__version__}
MATCH = 1e-10  # the hand backward must match autograd to this, relative to the block's largest entry


def T(a):
    return torch.tensor(np.asarray(a, dtype=np.float64), dtype=torch.float64)


def sig(z):
    return 1 / (1 + np.exp(-z))


# ---------------------------------------------------------------- the families
# Each family: blocks(dims) -> [(name, shape)], make(rng, cond) -> (params, data, dims),
# forward(P, D, dims) -> torch scalar L, backward(P, D, dims, bug) -> dict of numpy grads of L.
# P and D are dicts of numpy arrays (params) or torch tensors (in forward).

class Affine:
    """out = x W + b; L = (1/2N) Σ (out − Y)², the mean squared error of a linear layer."""
    name = "affine"
    structural = ["missing-1/m", "transposed-weight", "off-by-one"]

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["M"])), ("b", (d["M"],))]

    @staticmethod
    def make(rng, cond, d=None):
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
        out = x @ W + b
        dout = (out - Y) / N
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

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["M"])), ("b", (d["M"],))]

    @classmethod
    def make(cls, rng, cond, d=None):
        d = d or dict(N=4, D=4, M=5)
        N, D_, M = d["N"], d["D"], d["M"]
        P = dict(x=rng.standard_normal((N, D_)), W=rng.standard_normal((D_, M)) * 0.5, b=rng.standard_normal(M) * 0.1)
        D = dict(R=rng.standard_normal((N, M)))
        return P, D, d

    @classmethod
    def act(cls, z):
        return torch.where(z > 0, z, cls.slope * z)

    @classmethod
    def forward(cls, P, D, d):
        return (D["R"] * cls.act(P["x"] @ P["W"] + P["b"])).sum()

    @classmethod
    def backward(cls, P, D, d, bug=None):
        x, W, b, R = P["x"], P["W"], P["b"], D["R"]
        z = x @ W + b
        deriv = np.where(z > 0, 1.0, cls.slope)
        if bug == "missing-derivative":
            deriv = np.ones_like(z)
        elif bug == "off-by-one":
            deriv = np.roll(deriv, 1, axis=1)
        elif bug == "wrong-derivative":
            deriv = np.where(z > 0, 1.0, 0.0)
        dz = R * deriv
        g = dict(x=dz @ W.T, W=x.T @ dz, b=dz.sum(0))
        if bug == "transposed-weight":
            g["x"] = dz @ W.reshape(d["M"], d["D"])
        return g

    describe = {"missing-derivative": "dz = R, the activation's derivative left out",
                "off-by-one": "the derivative mask shifted by one unit (np.roll along the units)",
                "transposed-weight": "dx = dz · W.reshape(M, D) instead of dz · Wᵀ",
                "wrong-derivative": "the leaky slope taken as 0 on the negative side (ReLU's derivative)"}

    @staticmethod
    def kink(P, D, d, rng, target):
        # Moves one bias so that one pre-activation lies at target (1e-10..1e-8 from the kink).
        n, j = rng.integers(d["N"]), rng.integers(d["M"])
        for _ in range(10):
            z = (P["x"] @ P["W"] + P["b"])[n, j]
            if z == target or (abs(z) >= 1e-10 and abs(z) <= 1e-8 and np.sign(z) == np.sign(target)):
                break
            P["b"][j] -= z - target
        z = (P["x"] @ P["W"] + P["b"])[n, j]
        assert 1e-10 <= abs(z) <= 1e-8, z
        return "z[%d,%d] = %.3g" % (n, j, z)


class LeakyReLU(ReLU):
    """h = leaky_relu(x W + b, 0.01); L = Σ R ⊙ h."""
    name = "leaky-relu"
    slope = 0.01
    structural = ["wrong-derivative", "off-by-one", "transposed-weight"]


class SoftmaxCE:
    """z = x W + b; L = −(1/N) Σ log softmax(z)[y], the softmax cross-entropy."""
    name = "softmax-ce"
    structural = ["softmax-no-onehot", "missing-1/m", "transposed-weight"]

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["C"])), ("b", (d["C"],))]

    @staticmethod
    def make(rng, cond, d=None):
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
        z = x @ W + b
        e = np.exp(z - z.max(1, keepdims=True))
        p = e / e.sum(1, keepdims=True)
        onehot = np.eye(d["C"])[D["y"].astype(int)]
        dz = (p - onehot) / N
        if bug == "softmax-no-onehot":
            dz = p / N
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

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["C"])), ("b", (d["C"],))]

    @staticmethod
    def make(rng, cond, d=None):
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
        m = m * (1 - torch.nn.functional.one_hot(y, d["C"]).to(torch.float64))
        return m.sum() / d["N"]

    @staticmethod
    def backward(P, D, d, bug=None):
        x, W, b, N, C = P["x"], P["W"], P["b"], d["N"], d["C"]
        y = D["y"].astype(int)
        if bug == "off-by-one":
            y = (y + 1) % C
        s = x @ W + b
        margin = s - s[np.arange(N), y][:, None] + 1
        # margin ≥ 0, not > 0: at a margin exactly 0 torch's clamp passes the gradient, and the correct hand
        # backward must take the same subgradient there to match autograd.
        ind = (margin >= 0).astype(np.float64)
        ind[np.arange(N), y] = 0
        ds = ind.copy()
        if bug != "missing-term":
            ds[np.arange(N), y] = -ind.sum(1)
        ds_unscaled = ds
        ds = ds / N
        g = dict(x=ds @ W.T, W=x.T @ ds, b=ds.sum(0))
        if bug == "missing-1/m":
            g["W"] = x.T @ ds_unscaled
        return g

    describe = {"missing-term": "ds_y = −Σ_j 1[margin_j > 0] left out",
                "off-by-one": "the backward reads label y + 1 (mod C)",
                "missing-1/m": "dW without the 1/N"}

    @staticmethod
    def kink(P, D, d, rng, target):
        n = rng.integers(d["N"])
        y = int(D["y"][n])
        j = (y + 1 + rng.integers(d["C"] - 1)) % d["C"]
        for _ in range(10):
            s = P["x"] @ P["W"] + P["b"]
            m = s[n, j] - s[n, y] + 1
            if 1e-10 <= abs(m) <= 1e-8 and np.sign(m) == np.sign(target):
                break
            P["b"][j] -= m - target
        s = P["x"] @ P["W"] + P["b"]
        m = s[n, j] - s[n, y] + 1
        assert 1e-10 <= abs(m) <= 1e-8, m
        return "margin[%d,%d] = %.3g" % (n, j, m)


class BatchNorm:
    """y = γ (x − μ)/√(σ² + eps) + β over the batch; L = Σ R ⊙ y."""
    name = "batch-norm"
    axis = 0
    structural = ["bn-no-mean", "missing-product-term", "off-by-one"]

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("gamma", (d["D"],)), ("beta", (d["D"],))]

    @staticmethod
    def make(rng, cond, d=None):
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
        mu = x.mean(a, keepdims=True)
        var = ((x - mu) ** 2).mean(a, keepdims=True)
        sd = np.sqrt(var + D["eps"])
        xhat = (x - mu) / sd
        dxhat = R * gamma
        mean_d = dxhat.mean(a, keepdims=True)
        mean_dx = (dxhat * xhat).mean(a, keepdims=True)
        if bug == "bn-no-mean":
            dx = (dxhat - xhat * mean_dx) / sd
        elif bug == "missing-product-term":
            dx = (dxhat - mean_d) / sd
        else:
            dx = (dxhat - mean_d - xhat * mean_dx) / sd
        s = (0,) if a == 0 else (0,)
        g = dict(x=dx, gamma=(R * xhat).sum(s), beta=R.sum(s))
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
    structural = ["bn-no-mean", "missing-product-term", "off-by-one"]

    @staticmethod
    def make(rng, cond, d=None):
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

    @staticmethod
    def blocks(d):
        return [("x", (d["C"], d["L"])), ("w", (d["F"], d["C"], d["K"])), ("b", (d["F"],))]

    @staticmethod
    def make(rng, cond, d=None):
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
    def conv(x, w, b):
        F, C, K = w.shape
        Lo = x.shape[1] - K + 1
        y = np.zeros((F, Lo)) + b[:, None]
        for k in range(K):
            y += np.einsum("fc,ct->ft", w[:, :, k], x[:, k:k + Lo])
        return y

    @classmethod
    def backward(cls, P, D, d, bug=None):
        x, w, b, R = P["x"], P["w"], P["b"], D["R"]
        F, C, K = w.shape
        Lo = x.shape[1] - K + 1
        y = cls.conv(x, w, b)
        dy = R + 0.5 * y
        xs = np.roll(x, -1, axis=1) if bug == "off-by-one" else x
        dw = np.stack([np.einsum("ft,ct->fc", dy, xs[:, k:k + Lo]) for k in range(K)], axis=2)
        wk = w[:, :, ::-1] if bug == "transposed-weight" else w
        dx = np.zeros_like(x)
        for k in range(K):
            dx[:, k:k + Lo] += np.einsum("fc,ft->ct", wk[:, :, k], dy)
        db = dy[:, :-1].sum(1) if bug == "missing-term" else dy.sum(1)
        return dict(x=dx, w=dw, b=db)

    describe = {"off-by-one": "dw reads x[c, t+k+1] (np.roll by one)",
                "transposed-weight": "dx with the kernel taps reversed (w[:, :, ::-1])",
                "missing-term": "db leaves out the last output position"}


class Conv2D:
    """y_n = conv2d(x_n, w) + b (valid, stride 1), N = 2; L = (1/N) Σ_n (Σ R_n ⊙ y_n + ¼ Σ y_n²)."""
    name = "conv2d"
    structural = ["missing-1/m", "transposed-weight", "off-by-one"]

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["C"], d["H"], d["W"])), ("w", (d["F"], d["C"], d["K"], d["K"])), ("b", (d["F"],))]

    @staticmethod
    def make(rng, cond, d=None):
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
        F, C, K, _ = w.shape
        Ho, Wo = x.shape[2] - K + 1, x.shape[3] - K + 1
        y = np.zeros((N, F, Ho, Wo)) + b[None, :, None, None]
        for p in range(K):
            for q in range(K):
                y += np.einsum("fc,nchw->nfhw", w[:, :, p, q], x[:, :, p:p + Ho, q:q + Wo])
        dy_unscaled = R + 0.5 * y
        dy = dy_unscaled / N
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

    @staticmethod
    def blocks(d):
        return [("x", (d["C"], d["H"], d["W"])), ("a", (d["C"],))]

    @staticmethod
    def make(rng, cond, d=None):
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
        arg = win.argmax(-1)  # the first maximum in row-major order within the window, as torch picks
        if bug == "off-by-one":
            arg = (arg + 1) % 4
        pooled = win.max(-1)
        dy = R * a[:, None, None]
        dwin = np.zeros(win.shape)
        np.put_along_axis(dwin, arg[..., None], dy[..., None], axis=-1)
        dx = dwin.reshape(C, H // 2, W // 2, 2, 2).transpose(0, 1, 3, 2, 4).reshape(C, H, W)
        da = (R * pooled).sum((1, 2))
        if bug == "missing-term":
            da = (R * pooled)[:, :, :-1].sum((1, 2))
        return dict(x=dx, a=da)

    describe = {"off-by-one": "the gradient routed to the next element of each window ((argmax + 1) mod 4)",
                "missing-term": "da leaves out the last window column"}

    @staticmethod
    def kink(P, D, d, rng, target):
        # A near-tie: the runner-up of one window moved to target below (or above) the window's maximum.
        c, i, j = rng.integers(d["C"]), rng.integers(d["H"] // 2), rng.integers(d["W"] // 2)
        w = P["x"][c, 2 * i:2 * i + 2, 2 * j:2 * j + 2].reshape(-1)
        order = np.argsort(-w)
        top, second = order[0], order[1]
        pos = lambda k: (c, 2 * i + k // 2, 2 * j + k % 2)
        P["x"][pos(second)] = P["x"][pos(top)] - target
        gap = P["x"][pos(top)] - P["x"][pos(second)]
        assert 1e-10 <= abs(gap) <= 1e-8, gap
        return "window (%d,%d,%d) near-tie gap %.3g" % (c, i, j, gap)

    @staticmethod
    def tie(P, D, d, rng, count):
        # Exact ties: in count windows the runner-up gets the maximum's value exactly.
        where = []
        for _ in range(count):
            c, i, j = rng.integers(d["C"]), rng.integers(d["H"] // 2), rng.integers(d["W"] // 2)
            w = P["x"][c, 2 * i:2 * i + 2, 2 * j:2 * j + 2].reshape(-1)
            order = np.argsort(-w)
            pos = lambda k: (c, 2 * i + k // 2, 2 * j + k % 2)
            P["x"][pos(order[1])] = P["x"][pos(order[0])]
            where.append("(%d,%d,%d)" % (c, i, j))
        return "exact ties in windows " + " ".join(where)


class Dropout:
    """h = relu(x W + b) ⊙ mask / p with a fixed 0/1 mask, keep probability p = 0.6; L = Σ R ⊙ h."""
    name = "dropout"
    structural = ["missing-derivative", "missing-factor", "off-by-one"]
    keep = 0.6

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("W", (d["D"], d["M"])), ("b", (d["M"],))]

    @classmethod
    def make(cls, rng, cond, d=None):
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
        z = x @ W + b
        m = mask
        if bug == "missing-derivative":
            m = np.ones_like(mask)
        elif bug == "off-by-one":
            m = np.roll(mask, 1, axis=1)
        dz = R * m * (z > 0) / (1.0 if bug == "missing-factor" else p)
        return dict(x=dz @ W.T, W=x.T @ dz, b=dz.sum(0))

    describe = {"missing-derivative": "the dropout mask not applied in the backward pass",
                "missing-factor": "the 1/p of inverted dropout left out of the backward pass",
                "off-by-one": "the mask shifted by one unit (np.roll) in the backward pass"}

    kink = ReLU.kink


class RNN:
    """h_t = tanh(x_t Wx + h_{t−1} Wh + b), t = 1..3, x fixed data; L = Σ_t Σ R_t ⊙ h_t."""
    name = "rnn"
    structural = ["missing-product-term", "transposed-weight", "missing-derivative"]

    @staticmethod
    def blocks(d):
        H, D_ = d["H"], d["D"]
        return [("h0", (d["N"], H)), ("Wx", (D_, H)), ("Wh", (H, H)), ("b", (H,))]

    @staticmethod
    def make(rng, cond, d=None):
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
        hs = [P["h0"]]
        for t in range(d["T"]):
            hs.append(np.tanh(xs[t] @ Wx + hs[-1] @ Wh + b))
        g = dict(h0=np.zeros_like(P["h0"]), Wx=np.zeros_like(Wx), Wh=np.zeros_like(Wh), b=np.zeros_like(b))
        dh_next = np.zeros_like(P["h0"])
        for t in reversed(range(d["T"])):
            dh = R[t] + (0 if bug == "missing-product-term" else dh_next)
            dz = dh if bug == "missing-derivative" else dh * (1 - hs[t + 1] ** 2)
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

    @staticmethod
    def blocks(d):
        H = d["H"]
        return [("h0", (d["N"], H)), ("c0", (d["N"], H)), ("Wx", (d["D"], 4 * H)), ("Wh", (H, 4 * H)),
                ("b", (4 * H,))]

    @staticmethod
    def make(rng, cond, d=None):
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
            dc = dc_next + dh * o * (1 - tc ** 2)
            df, di, dg = dc * c_prev, dc * gg, dc * i
            dc_next = np.zeros_like(dc) if bug == "missing-product-term" else dc * f
            da_i, da_f = di * i * (1 - i), df * f * (1 - f)
            if bug == "off-by-one":
                da_i, da_f = df * f * (1 - f), di * i * (1 - i)
            da = np.concatenate([da_i, da_f, do * o * (1 - o), dg * (1 - gg ** 2)], axis=1)
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

    @staticmethod
    def blocks(d):
        return [("x", (d["N"], d["D"])), ("Wq", (d["D"], d["K"])), ("Wk", (d["D"], d["K"])),
                ("Wv", (d["D"], d["V"]))]

    @staticmethod
    def make(rng, cond, d=None):
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
        S = Q @ K.T / np.sqrt(d["K"])
        S = S - S.max(dim=1, keepdim=True).values
        E = torch.exp(S)
        A = E / E.sum(1, keepdim=True)
        return (D["R"] * (A @ V)).sum()

    @staticmethod
    def backward(P, D, d, bug=None):
        x, Wq, Wk, Wv, R = P["x"], P["Wq"], P["Wk"], P["Wv"], D["R"]
        Q, K, V = x @ Wq, x @ Wk, x @ Wv
        r = 1 / np.sqrt(d["K"])
        S = Q @ K.T * r
        E = np.exp(S - S.max(1, keepdims=True))
        A = E / E.sum(1, keepdims=True)
        dA = R @ V.T
        dV = (A if bug == "transposed-weight" else A.T) @ R
        if bug == "missing-product-term":
            dS = A * dA
        else:
            dS = A * (dA - (A * dA).sum(1, keepdims=True))
        if bug != "missing-factor":
            dS = dS * r
        dQ, dK = dS @ K, dS.T @ Q
        return dict(x=dQ @ Wq.T + dK @ Wk.T + dV @ Wv.T, Wq=x.T @ dQ, Wk=x.T @ dK, Wv=x.T @ dV)

    describe = {"missing-product-term": "softmax backward without the −Σ A·dA term (dS = A ⊙ dA)",
                "missing-factor": "dQ and dK without the 1/√dk",
                "transposed-weight": "dV = A · R instead of Aᵀ · R"}


FAMILIES = [Affine, ReLU, LeakyReLU, SoftmaxCE, Hinge, BatchNorm, LayerNorm, Conv1D, Conv2D, MaxPool, Dropout,
            RNN, LSTM, Attention]

# The hard conditions, per family, in the order the cases are drawn (plain first).
CONDITIONS = {
    "affine": ["plain", "theta-1e4", "theta-1e-6", "J-1e6", "float32", "small-block"],
    "relu": ["plain", "near-kink", "near-kink", "J-1e6", "theta-1e4"],
    "leaky-relu": ["plain", "near-kink", "near-kink", "float32", "theta-1e-6"],
    "softmax-ce": ["plain", "J-1e6", "theta-1e-6", "float32", "saturated"],
    "svm-hinge": ["plain", "near-kink", "near-kink", "theta-1e4", "zero-block", "small-block"],
    "batch-norm": ["plain", "theta-1e4", "float32", "zero-block", "J-1e6", "tiny-norm"],
    "layer-norm": ["plain", "tiny-norm", "theta-1e-6", "zero-block", "J-1e6"],
    "conv1d": ["plain", "float32", "zero-block", "small-block", "theta-1e4"],
    "conv2d": ["plain", "J-1e6", "theta-1e-6", "zero-block"],
    "max-pool": ["plain", "exact-tie", "exact-tie", "near-kink", "near-kink", "zero-block"],
    "dropout": ["plain", "near-kink", "float32", "theta-1e4", "J-1e6"],
    "rnn": ["plain", "saturated", "saturated", "zero-block", "small-block", "float32"],
    "lstm": ["plain", "saturated", "zero-block", "theta-1e-6", "J-1e6"],
    "attention": ["plain", "saturated", "theta-1e-6", "J-1e6", "float32", "zero-block"],
}

GENERIC = ["sign-flip", "scale-1.001", "scale-1.01", "wrong-entry"]


def condition(fam, P, D, d, cond, rng, k):
    """Applies a hard condition to a drawn case; returns (offset, scale, float32, note)."""
    offset, scale, f32, note = 0.0, 1.0, False, ""
    name = fam.name
    if cond == "theta-1e4":
        # Parameters of magnitude 1e4: a large input (batch norm: a large common offset, as unnormalised data).
        if name == "batch-norm":
            P["x"] = P["x"] + 1e4
            note = "x = 1e4 + O(1)"
        else:
            big = "x" if "x" in P else "Wx"
            P[big] = P[big] * 1e4
            if name in ("relu", "dropout"):
                P["W"] = P["W"] * 1e-4  # keeps z of order 1 so that the layer is not trivially linear
            if name == "svm-hinge":
                P["W"] = P["W"] * 1e-4
            note = "%s × 1e4" % big
    elif cond == "theta-1e-6":
        for k_ in P:
            P[k_] = P[k_] * 1e-6
        note = "every parameter × 1e-6"
    elif cond == "J-1e6":
        if k % 2 == 0:
            offset = 1e6 * (1 + 0.1 * rng.standard_normal())
            note = "J = %.6g + L (a large constant term)" % offset
        else:
            scale = 1e6
            note = "J = 1e6 · L"
    elif cond == "float32":
        f32 = True
        note = "J rounded through float32"
    elif cond == "small-block":
        # The input scaled by 1e-4, so that the weight block's gradient is 1e-4 of the others'.
        if name == "rnn":
            D["xs"] = D["xs"] * 1e-4
            note = "x × 1e-4: dWx ≈ 1e-4 of the other blocks"
        else:
            P["x"] = P["x"] * 1e-4
            w = "w" if "w" in P else "W"
            note = "x × 1e-4: d%s ≈ 1e-4 of the other blocks" % w
    elif cond == "zero-block":
        zero = {"svm-hinge": "W", "batch-norm": "beta", "layer-norm": "beta", "conv1d": "b", "conv2d": "b",
                "max-pool": "a", "rnn": "h0", "lstm": "h0", "attention": "Wq"}[name]
        P[zero] = np.zeros_like(P[zero])
        if name == "lstm":
            P["c0"] = np.zeros_like(P["c0"])
            note = "h0 = c0 = 0"
        else:
            note = "%s = 0" % zero
        if name == "max-pool":
            note += " (so dx is exactly 0 too)"
        if name == "attention":
            note += " (so A is uniform)"
    elif cond == "saturated":
        if name == "rnn":
            # Two hidden units driven to |z| ≈ 15–20: positive inputs of 0.5–0.7 into weights of ±9 (±1 per unit).
            D["xs"] = 0.5 + 0.2 * rng.random(D["xs"].shape)
            P["Wx"][:, 0] = 9.0
            P["Wx"][:, 1] = -9.0 if k % 2 else 9.0
            P["Wh"][:, :2] *= 0.1
            note = "hidden units 0-1 saturated, |z| ~ 15-20"
        elif name == "lstm":
            P["b"][:3] = 17.0   # input gate σ(17)
            P["b"][3:6] = -16.0  # forget gate σ(−16)
            P["b"][9:] = 18.0   # candidate tanh(18)
            note = "gates saturated: i, f, g pre-activations ≈ ±16–18"
        elif name == "softmax-ce":
            P["W"] = P["W"] * 40
            note = "logits × 40: p ≈ one-hot"
        elif name == "attention":
            P["Wq"] = P["Wq"] * 8
            P["Wk"] = P["Wk"] * 8
            note = "scores × 64: A ≈ one-hot"
    elif cond == "tiny-norm":
        # Normalising rows or columns of norm ≈ 1e-6 ≈ 10ε: the cost's curvature lives at θ's own scale.
        # Each normalised vector (a column for batch norm, a row for layer norm) gets norm 1e-6.
        axis = 0 if name == "batch-norm" else 1
        P["x"] = P["x"] / np.linalg.norm(P["x"], axis=axis, keepdims=True) * 1e-6
        D["eps"] = np.array(0.0)
        note = "each normalised %s of x has norm 1e-6, eps = 0" % ("column" if axis == 0 else "row")
    elif cond == "near-kink":
        target = (1 if k % 2 else -1) * 10 ** rng.uniform(-10, -8)
        note = fam.kink(P, D, d, rng, target)
    elif cond == "exact-tie":
        note = fam.tie(P, D, d, rng, 2 + k % 2)
    return offset, scale, f32, note


def cost_and_grad(fam, P, D, d, offset, scale):
    """torch's L, J = offset + scale·L, and autograd's ∂J/∂θ, all in float64."""
    tp = {k: T(v).requires_grad_(True) for k, v in P.items()}
    td = {k: T(v) for k, v in D.items()}
    L = fam.forward(tp, td, d)
    J = offset + scale * L
    J.backward()
    return float(L), float(J), {k: tp[k].grad.detach().numpy().copy() for k in P}


def flat(blocks, g):
    return np.concatenate([np.asarray(g[n], dtype=np.float64).reshape(-1) for n, _ in blocks])


def assemble(fam, P, D, d, cond, note, offset, scale, f32, kinds, rng, cid, want=None, small=False, tags=()):
    """One case as the fixture writes it: torch's J and truth, the hand backward checked against autograd, and
    the bugs of the given kinds that change something (the first `want` of them, when given).

    Raises AssertionError when the correct hand backward does not match autograd (a case too ill-conditioned
    for the two to agree), so that the stress corpus can draw again."""
    blocks = fam.blocks(d)
    loss, J, truth = cost_and_grad(fam, P, D, d, offset, scale)
    assert np.isfinite(J) and all(np.all(np.isfinite(v)) for v in truth.values()), (fam.name, cond, "not finite")
    hand = {n: scale * v for n, v in fam.backward(P, D, d).items()}
    for n, _ in blocks:
        top = max(np.abs(truth[n]).max(), np.abs(hand[n]).max())
        err = np.abs(truth[n] - hand[n]).max()
        assert err <= MATCH * top or err == 0, (fam.name, cond, n, err, top)
    g_truth, g_hand = flat(blocks, truth), flat(blocks, hand)
    bugs = []
    for kind in kinds:
        if want is not None and len(bugs) >= want:
            break
        if any(b["kind"] == kind for b in bugs):
            continue
        bug = make_bug(fam, P, D, d, blocks, hand, scale, kind, cond, rng, small)
        if bug is None:
            continue
        g_bug = flat(blocks, bug["grad"])
        changed, change = [], {}
        off = 0
        for n, shape in blocks:
            c = int(np.prod(shape))
            delta = g_bug[off:off + c] - g_hand[off:off + c]
            if np.any(delta != 0):
                changed.append(n)
                norm = np.linalg.norm(g_hand[off:off + c])
                change[n] = float(np.linalg.norm(delta) / norm) if norm > 0 else float("inf")
            off += c
        if not changed:
            continue
        bugs.append(dict(kind=kind, description=bug["description"], gradient=g_bug.tolist(),
                         changed=changed, change={n: (v if np.isfinite(v) else 1e300) for n, v in change.items()}))
    data = {k: np.asarray(v, dtype=np.float64).reshape(-1).tolist() for k, v in D.items()}
    case = dict(
        id=cid, family=fam.name, condition=cond, note=note,
        blocks=[dict(name=n, shape=list(s)) for n, s in blocks], dims=d,
        theta=flat(blocks, P).tolist(), data=data, offset=offset, scale=scale, float32=f32,
        J=J, loss=loss, truth=g_truth.tolist(), bugs=bugs)
    if tags:
        case["tags"] = list(tags)
    return case


def write(name, cases):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(dict(generator=GEN, cases=cases), f, separators=(",", ":"))
        f.write("\n")
    print("wrote %s: %d cases, %d buggy variants" % (name, len(cases), sum(len(c["bugs"]) for c in cases)))


def main():
    cases = []
    for fi, fam in enumerate(FAMILIES):
        for k, cond in enumerate(CONDITIONS[fam.name]):
            rng = np.random.default_rng([9, fi, k])
            P, D, d = fam.make(rng, cond)
            offset, scale, f32, note = condition(fam, P, D, d, cond, rng, k)
            # Structural bugs of the family, then generic ones, two or three per case, taking turns.
            kinds = [fam.structural[k % len(fam.structural)], GENERIC[(fi + k) % len(GENERIC)],
                     fam.structural[(k + 1) % len(fam.structural)]]
            if cond == "small-block":
                kinds[1] = "small-block"
            if cond == "tiny-norm":
                kinds[1] = "sign-flip"
            case = assemble(fam, P, D, d, cond, note, offset, scale, f32, kinds, rng, "%s-%d" % (fam.name, k))
            cases.append(case)
            print("%-14s %-11s J=%-12.5g P=%-4d bugs=%s %s" % (
                fam.name, cond, case["J"], len(case["truth"]), ",".join(b["kind"] for b in case["bugs"]), note))
    write("user_cases.json", cases)


def make_bug(fam, P, D, d, blocks, hand, scale, kind, cond, rng, small=False):
    names = [n for n, _ in blocks]
    if kind in fam.structural or kind in getattr(fam, "describe", {}):
        if kind in fam.describe:
            g = {n: scale * v for n, v in fam.backward(P, D, d, kind).items()}
            return dict(grad=g, description=fam.describe[kind])
    g = {n: v.copy() for n, v in hand.items()}
    rms = {n: np.sqrt(np.mean(g[n] ** 2)) for n in names}
    if kind == "small-block":
        small = min(names, key=lambda n: rms[n] if rms[n] > 0 else np.inf)
        g[small] = g[small] * 1.01
        ratio = rms[small] / max(rms.values())
        return dict(grad=g, description="d%s ×1.01, a block %.2g times the largest block's rms" % (small, ratio))
    # The generic bugs go to a block with a nonzero gradient, taking turns.
    live = [n for n in names if rms[n] > 0]
    if not live:
        return None
    target = live[rng.integers(len(live))]
    if cond == "tiny-norm":
        target = "x"
    if small:
        # A small-block case plants its generic bugs in the smallest live block, the one hardest to resolve.
        target = min(live, key=lambda n: rms[n])
    if kind == "sign-flip":
        g[target] = -g[target]
        return dict(grad=g, description="d%s with its sign flipped" % target)
    if kind in ("scale-1.001", "scale-1.01"):
        f = 1.001 if kind == "scale-1.001" else 1.01
        g[target] = g[target] * f
        return dict(grad=g, description="d%s × %g" % (target, f))
    if kind == "wrong-entry":
        flatg = g[target].reshape(-1)
        i = len(flatg) - 1
        if abs(flatg[i]) < 1e-3 * rms[target]:
            i = int(np.argmax(np.abs(flatg)))
        was = flatg[i]
        flatg[i] = 0.0
        idx = np.unravel_index(i, g[target].shape)
        return dict(grad=g, description="d%s%s left at 0 by a loop bound (was %.4g)" % (
            target, list(int(v) for v in idx), was))
    raise ValueError(kind)


# ---------------------------------------------------------------- the stress corpus
# make_user_corpus.py --stress writes fixtures/user_stress.json: the same families, forward passes and bugs, with
# many more random instances, weighted to the hard conditions (kinks 1e-12..1e-6 away, exact ties and zeros, θ
# and J over many decades, float32 costs, tiny norms, saturation, zero and small blocks, tiny and large layers).
# Its report (Invoke-UserCorpusReport.ps1 -Corpus Stress) is run by hand: it finds weaknesses, it sets no goal.

STRESS_PER_FAMILY = 30
U = np.finfo(np.float64).eps / 2

# Per family: a tiny layer (a handful of parameters) and a large one (a few hundred); "normal" is make's own.
SIZES = {
    "affine": (dict(N=1, D=1, M=1), dict(N=16, D=12, M=8)),
    "relu": (dict(N=1, D=1, M=1), dict(N=12, D=10, M=12)),
    "leaky-relu": (dict(N=1, D=1, M=1), dict(N=12, D=10, M=12)),
    "softmax-ce": (dict(N=1, D=1, C=2), dict(N=16, D=10, C=8)),
    "svm-hinge": (dict(N=1, D=1, C=2), dict(N=16, D=10, C=8)),
    "batch-norm": (dict(N=2, D=1), dict(N=16, D=10)),
    "layer-norm": (dict(N=1, D=2), dict(N=10, D=16)),
    "conv1d": (dict(C=1, L=1, F=1, K=1), dict(C=4, L=32, F=6, K=5)),
    "conv2d": (dict(N=1, C=1, H=1, W=1, F=1, K=1), dict(N=2, C=3, H=8, W=8, F=4, K=3)),
    "max-pool": (dict(C=1, H=2, W=2), dict(C=4, H=8, W=8)),
    "dropout": (dict(N=1, D=1, M=1), dict(N=12, D=10, M=12)),
    "rnn": (dict(T=1, N=1, D=1, H=1), dict(T=4, N=3, D=6, H=10)),
    "lstm": (dict(T=1, N=1, D=1, H=1), dict(T=3, N=3, D=5, H=6)),
    "attention": (dict(N=2, D=1, K=1, V=1), dict(N=8, D=10, K=6, V=8)),
}

COMMON = ["plain", "theta-mixed", "theta-small", "theta-large", "J-scale", "float32", "zero-block", "small-block"]
SPECIAL = {
    "relu": ["near-kink"] * 4 + ["exact-zero"] * 2, "leaky-relu": ["near-kink"] * 4 + ["exact-zero"] * 2,
    "dropout": ["near-kink"] * 4 + ["exact-zero"] * 2, "svm-hinge": ["near-kink"] * 4 + ["exact-zero"] * 2,
    "max-pool": ["near-kink"] * 3 + ["exact-tie"] * 3,
    "softmax-ce": ["saturated"] * 4, "rnn": ["saturated"] * 4, "lstm": ["saturated"] * 4,
    "attention": ["saturated"] * 4, "batch-norm": ["tiny-norm"] * 4, "layer-norm": ["tiny-norm"] * 4,
}

# Pairs (a, b) for which a × s, b × 1/s leaves the loss as it is (b may be data): mixed scales inside one case
# with the same layer behind them. None: the family has no such pair.
RESCALE = {"affine": ("x", "W"), "relu": ("x", "W"), "leaky-relu": ("x", "W"), "dropout": ("x", "W"),
           "softmax-ce": ("x", "W"), "svm-hinge": ("x", "W"), "conv1d": ("x", "w"), "conv2d": ("x", "w"),
           "max-pool": ("x", "a"), "rnn": ("Wx", "xs"), "lstm": ("Wx", "xs"), "attention": ("Wq", "Wk"),
           "batch-norm": None, "layer-norm": None}

# The block a small-block case shrinks (so that one block's gradient is 1e-4 or 1e-6 of the rest), and the
# candidates of a zero-block case.
SHRINK = {"rnn": "xs", "lstm": "xs", "batch-norm": "gamma", "layer-norm": "gamma"}
ZERO = {"affine": ["x", "W"], "relu": ["W", "x"], "leaky-relu": ["W", "x"], "dropout": ["W", "x"],
        "softmax-ce": ["W", "x"], "svm-hinge": ["W", "x"], "batch-norm": ["beta", "gamma"],
        "layer-norm": ["beta", "gamma"], "conv1d": ["b", "x"], "conv2d": ["b", "x"], "max-pool": ["a", "x"],
        "rnn": ["h0", "Wh"], "lstm": ["h0", "Wh"], "attention": ["Wq", "Wk"]}


def scale_of(rng, lo, hi):
    return 10.0 ** rng.uniform(lo, hi)


def kink_target(rng, sign, terms, length):
    # A distance 1e-12..1e-6 from the kink, but at least 1e3 roundings of the sum that computes it, so that the
    # pre-activation has the same sign in numpy, torch and C# whatever their order of summation.
    return sign * max(10 ** rng.uniform(-12, -6), 1e3 * U * terms * (length + 1))


def both_signs(z_np, z_torch, target):
    return np.sign(z_np) == np.sign(target) == np.sign(z_torch) and 0.5 * abs(target) <= abs(z_np) <= 2 * abs(target)


def relu_kinks(fam, P, D, d, rng, count):
    """Several pre-activations 1e-12..1e-6 from the kink, one per row (row n's x moves along W[:, j])."""
    N, M = d["N"], d["M"]
    rows = rng.permutation(N)[:count]
    notes = []
    for n in rows:
        live = [j for j in range(M) if "mask" not in D or D["mask"][n, j] > 0] or list(range(M))
        j = live[rng.integers(len(live))]
        w = P["W"][:, j]
        if not np.any(w != 0):
            continue
        terms = np.abs(P["x"][n]) @ np.abs(w) + abs(P["b"][j])
        target = kink_target(rng, 1 if rng.random() < 0.5 else -1, max(terms, 1e-300), d["D"])
        for _ in range(30):
            z = (P["x"] @ P["W"] + P["b"])[n, j]
            zt = float((T(P["x"]) @ T(P["W"]) + T(P["b"]))[n, j])
            if both_signs(z, zt, target):
                break
            P["x"][n] += (target - z) * w / (w @ w)
        assert both_signs(z, zt, target), (fam.name, z, zt, target)
        notes.append("z[%d,%d]=%.2g" % (n, j, z))
    return "kinks " + " ".join(notes)


def hinge_kinks(fam, P, D, d, rng, count):
    """Several margins 1e-12..1e-6 from the hinge's kink, one per row (row n's x moves along W_j − W_y)."""
    N, C = d["N"], d["C"]
    notes = []
    for n in rng.permutation(N)[:count]:
        y = int(D["y"][n])
        j = (y + 1 + rng.integers(C - 1)) % C
        v = P["W"][:, j] - P["W"][:, y]
        if not np.any(v != 0):
            continue
        terms = np.abs(P["x"][n]) @ (np.abs(P["W"][:, j]) + np.abs(P["W"][:, y])) + abs(P["b"][j]) + abs(P["b"][y]) + 1
        target = kink_target(rng, 1 if rng.random() < 0.5 else -1, terms, d["D"])
        for _ in range(30):
            s = P["x"] @ P["W"] + P["b"]
            st = T(P["x"]) @ T(P["W"]) + T(P["b"])
            m, mt = s[n, j] - s[n, y] + 1, float(st[n, j] - st[n, y] + 1)
            if both_signs(m, mt, target):
                break
            P["x"][n] += (target - m) * v / (v @ v)
        assert both_signs(m, mt, target), (fam.name, m, mt, target)
        notes.append("margin[%d,%d]=%.2g" % (n, j, m))
    return "kinks " + " ".join(notes)


def pool_windows(d, rng, count):
    C, oh, ow = d["C"], d["H"] // 2, d["W"] // 2
    picks = rng.permutation(C * oh * ow)[:count]
    return [(int(p // (oh * ow)), int(p // ow % oh), int(p % ow)) for p in picks]


def pool_near_ties(P, d, rng, count):
    """Near-ties in several windows: the runner-up 1e-12..1e-6 below (or above) the maximum."""
    notes = []
    for c, i, j in pool_windows(d, rng, count):
        pos = lambda k: (c, 2 * i + k // 2, 2 * j + k % 2)
        w = P["x"][c, 2 * i:2 * i + 2, 2 * j:2 * j + 2].reshape(-1)
        order = np.argsort(-w)
        top = P["x"][pos(order[0])]
        target = (1 if rng.random() < 0.5 else -1) * max(10 ** rng.uniform(-12, -6), 64 * U * abs(top))
        P["x"][pos(order[1])] = top - target
        gap = top - P["x"][pos(order[1])]
        assert gap != 0 and np.sign(gap) == np.sign(target), gap
        notes.append("(%d,%d,%d) gap %.2g" % (c, i, j, gap))
    return "near-ties " + " ".join(notes)


def pool_ties(P, d, rng, count):
    """Exact ties in several windows: two, three or four equal maxima, or a window of padding (all zeros)."""
    notes = []
    for c, i, j in pool_windows(d, rng, count):
        pos = lambda k: (c, 2 * i + k // 2, 2 * j + k % 2)
        w = P["x"][c, 2 * i:2 * i + 2, 2 * j:2 * j + 2].reshape(-1)
        order = np.argsort(-w)
        way = int(rng.integers(2, 6))
        if way == 5:
            P["x"][c, 2 * i:2 * i + 2, 2 * j:2 * j + 2] = 0.0
            notes.append("(%d,%d,%d) all 0" % (c, i, j))
            continue
        for k in order[1:way]:
            P["x"][pos(k)] = P["x"][pos(order[0])]
        notes.append("(%d,%d,%d) %d-way" % (c, i, j, way))
    return "exact ties " + " ".join(notes)


def stress_condition(fam, P, D, d, cond, rng, k):
    """Applies a stress condition to a drawn case; returns (offset, scale, float32, note, tags, small)."""
    name, notes, tags = fam.name, [], []
    offset, scale, f32, small = 0.0, 1.0, False, False
    pair = RESCALE[name]
    # Mixed scales behind the same layer: a × s, b × 1/s, before any kink is placed (so that the kink's
    # distance is measured in the rescaled sums).
    if pair and (cond == "theta-large" or (cond not in ("theta-mixed", "theta-small") and rng.random() < 0.3)):
        s = scale_of(rng, 3, 6) if cond == "theta-large" else scale_of(rng, -6, 6)
        a, b = pair
        for key, f in ((a, s), (b, 1 / s)):
            (P if key in P else D)[key] = (P if key in P else D)[key] * f
        notes.append("%s × %.2g, %s × %.2g" % (a, s, b, 1 / s))
        tags.append("rescaled")
    if cond == "theta-large" and not pair:
        # Normalisation layers: a large common offset (unnormalised data) or a large scale of x.
        s = scale_of(rng, 3, 5)
        if rng.random() < 0.5:
            P["x"] = P["x"] + s
            notes.append("x = %.2g + O(1)" % s)
        else:
            P["x"] = P["x"] * s
            notes.append("x × %.2g" % s)
    elif cond == "theta-small":
        s = scale_of(rng, -8, -5)
        for key in P:
            P[key] = P[key] * s
        notes.append("every parameter × %.2g" % s)
    elif cond == "theta-mixed":
        parts = []
        for key in P:
            f = scale_of(rng, -8, 6)
            P[key] = P[key] * f
            parts.append("%s × %.1e" % (key, f))
        notes.append(", ".join(parts))
    elif cond == "zero-block":
        zero = ZERO[name][k % len(ZERO[name])]
        P[zero] = np.zeros_like(P[zero])
        if name == "lstm" and zero == "h0":
            P["c0"] = np.zeros_like(P["c0"])
            zero = "h0 = c0"
        notes.append("%s = 0" % zero)
    elif cond == "small-block":
        f = 1e-4 if k % 2 else 1e-6
        key = SHRINK.get(name, "x")
        (P if key in P else D)[key] = (P if key in P else D)[key] * f
        notes.append("%s × %g" % (key, f))
        small = True
    elif cond == "near-kink":
        count = int(rng.integers(2, 6))
        if name == "svm-hinge":
            notes.append(hinge_kinks(fam, P, D, d, rng, count))
        elif name == "max-pool":
            notes.append(pool_near_ties(P, d, rng, count))
        else:
            notes.append(relu_kinks(fam, P, D, d, rng, count))
    elif cond == "exact-tie":
        notes.append(pool_ties(P, d, rng, int(rng.integers(2, 6))))
    elif cond == "exact-zero":
        N = d["N"]
        rows = rng.permutation(N)[:int(rng.integers(1, min(2, N) + 1))]
        P["x"][rows] = 0.0
        if name == "svm-hinge":
            # A padding row scores s = b exactly; b_j = b_y − 1 in dyadics puts its margin j exactly at 0.
            n = rows[0]
            y = int(D["y"][n])
            P["b"][y] = np.round(P["b"][y] * 16) / 16
            js = [j for j in range(d["C"]) if j != y]
            for j in rng.permutation(js)[:int(rng.integers(1, len(js) + 1))]:
                P["b"][j] = P["b"][y] - 1
            notes.append("padding rows %s, margins of row %d exactly 0" % (list(map(int, rows)), n))
        else:
            units = rng.permutation(d["M"])[:int(rng.integers(1, min(3, d["M"]) + 1))]
            P["b"][units] = 0.0
            notes.append("padding rows %s, b%s = 0: z exactly 0" % (list(map(int, rows)), list(map(int, units))))
    elif cond == "saturated":
        lo, hi = 20, 40
        if name == "softmax-ce":
            z = P["x"] @ P["W"] + P["b"]
            spread = np.mean(z.max(1) - z.min(1))
            f = rng.uniform(lo, hi) / spread
            P["W"], P["b"] = P["W"] * f, P["b"] * f
            notes.append("logits × %.3g: spread ≈ %.0f" % (f, spread * f))
        elif name == "attention":
            S = (P["x"] @ P["Wq"]) @ (P["x"] @ P["Wk"]).T / np.sqrt(d["K"])
            spread = np.mean(S.max(1) - S.min(1))
            f = np.sqrt(rng.uniform(lo, hi) / spread)
            P["Wq"], P["Wk"] = P["Wq"] * f, P["Wk"] * f
            notes.append("scores × %.3g: spread ≈ %.0f" % (f * f, spread * f * f))
        elif name == "rnn":
            H, D_ = d["H"], d["D"]
            units = rng.permutation(H)[:max(1, H // 2)]
            D["xs"] = 0.5 + 0.2 * rng.random(D["xs"].shape)
            for u in units:
                P["Wx"][:, u] = (1 if rng.random() < 0.5 else -1) * rng.uniform(lo, hi) / (0.6 * D_)
            P["Wh"][:, units] *= 0.1
            notes.append("hidden units %s saturated, |z| ≈ 20-40" % list(map(int, units)))
        elif name == "lstm":
            H = d["H"]
            sat = []
            for gate in range(4):
                for u in range(H):
                    if rng.random() < 0.6:
                        P["b"][gate * H + u] = (1 if rng.random() < 0.5 else -1) * rng.uniform(lo, hi)
                        sat.append("ifog"[gate] + str(u))
            notes.append("gate pre-activations ±20-40 at " + " ".join(sat))
    elif cond == "tiny-norm":
        axis = 0 if name == "batch-norm" else 1
        groups = P["x"].shape[1 - axis]
        which = np.arange(groups) if rng.random() < 0.5 else rng.permutation(groups)[:int(rng.integers(1, groups + 1))]
        norms = np.linalg.norm(P["x"], axis=axis)
        parts = []
        for g in which:
            target = scale_of(rng, -8, -5)
            if axis == 0:
                P["x"][:, g] = P["x"][:, g] / norms[g] * target
            else:
                P["x"][g, :] = P["x"][g, :] / norms[g] * target
            parts.append("%.1e" % target)
        D["eps"] = np.array(0.0)
        notes.append("eps = 0, %s %s of norm %s" % ("columns" if axis == 0 else "rows",
                                                     list(map(int, which)), " ".join(parts)))
    # Modifiers: a float32-rounded cost, and J over 1e-8..1e8 (a large scale, or a large constant term).
    if cond == "float32" or (cond != "J-scale" and rng.random() < 0.2):
        f32 = True
        tags.append("float32")
        notes.append("J rounded through float32")
    if cond == "J-scale" or (cond != "float32" and rng.random() < 0.2):
        if rng.random() < 0.6:
            scale = scale_of(rng, -8, 8)
            notes.append("J = %.2g · L" % scale)
            tags.append("J-scaled")
        else:
            offset = (1 if rng.random() < 0.5 else -1) * scale_of(rng, 1, 8)
            notes.append("J = %.6g + L" % offset)
            tags.append("J-offset")
    return offset, scale, f32, "; ".join(notes), tags, small


def stress():
    cases = []
    for fi, fam in enumerate(FAMILIES):
        special = SPECIAL.get(fam.name, [])
        # The hard conditions first and often: special ones interleaved with the common ones.
        order = [c for pair in zip(special + [None] * len(COMMON), COMMON + [None] * len(special))
                 for c in pair if c is not None]
        for k in range(STRESS_PER_FAMILY):
            cond = order[k % len(order)]
            size = "tiny" if k % 7 == 3 else "large" if k % 5 == 1 else "normal"
            for attempt in range(20):
                # Deterministic: every draw comes from this seed, and a draw the hand backward cannot match
                # (an ill-conditioned extreme) is simply drawn again with the next attempt's seed.
                rng = np.random.default_rng([9, 1000 + fi, k, attempt])
                tiny, large = SIZES[fam.name]
                d = dict(tiny if size == "tiny" else large) if size != "normal" else None
                P, D, d = fam.make(rng, cond, d)
                try:
                    offset, scale, f32, note, tags, small = stress_condition(fam, P, D, d, cond, rng, k)
                    if size != "normal":
                        tags = ["size-" + size] + tags
                    S = len(fam.structural)
                    generic = list(GENERIC)
                    rng.shuffle(generic)
                    kinds = [fam.structural[k % S], generic[0], fam.structural[(k + 1) % S]]
                    if small:
                        kinds = ["small-block", "sign-flip", fam.structural[k % S], "wrong-entry"]
                    # Fallbacks, for layers too small for some bugs to change anything.
                    kinds += [fam.structural[(k + 2) % S]] + generic[1:]
                    case = assemble(fam, P, D, d, cond, note, offset, scale, f32, kinds, rng,
                                    "%s-s%d" % (fam.name, k), want=3, small=small, tags=tags)
                    J = case["J"]
                    assert 1e-20 <= abs(J) <= 1e12 or cond in ("zero-block", "exact-zero"), ("J out of range", J)
                    break
                except AssertionError as e:
                    print("  redraw %s-s%d (%s): %s" % (fam.name, k, cond, str(e)[:100]))
            else:
                raise RuntimeError("no draw for %s-s%d" % (fam.name, k))
            cases.append(case)
            print("%-14s %-11s %-6s J=%-11.4g P=%-4d bugs=%s %s" % (
                fam.name, cond, size, case["J"], len(case["truth"]), ",".join(b["kind"] for b in case["bugs"]),
                note[:90]))
    write("user_stress.json", cases)


if __name__ == "__main__":
    stress() if "--stress" in sys.argv[1:] else main()
