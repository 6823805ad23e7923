#!/usr/bin/python3
"""Independent reference fixtures for GradCheck, generated with numpy (and torch).

Run from the repo root:  /usr/bin/python3 tests/reference/make_fixtures.py
Writes JSON into tests/reference/fixtures/. Fully deterministic (fixed seeds only).
Floats are written by json.dump, which uses repr() and so round-trips float64 exactly.
Matrices are nested lists, row-major (a list of rows).
"""
import json, os, struct, sys
from fractions import Fraction
import numpy as np

try:
    import torch
except Exception as e:  # torch is optional: networks_torch.json is skipped without it
    torch = None
    print("torch unavailable, skipping networks_torch.json:", e, file=sys.stderr)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
GEN = {"script": "tests/reference/make_fixtures.py", "python": sys.version.split()[0],
       "numpy": np.__version__, "torch": torch.__version__ if torch else None}


def L(a):
    """numpy array/scalar -> nested python lists of float/int (row-major)."""
    return np.asarray(a).tolist()


def dump(name, obj):
    obj = dict(generator=GEN, **obj)
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
    print("wrote", name)


def bits(a):
    """float64 bits as big-endian hex, same shape as a."""
    return np.vectorize(lambda v: struct.pack(">d", float(v)).hex(), otypes=[object])(a).tolist()


# ---------------------------------------------------------------- a) MT19937
def genrand_int32(key, pos, n):
    """Pure-python MT19937 (Matsumoto & Nishimura genrand_int32) from a numpy state."""
    mt, out = [int(k) for k in key], []
    for _ in range(n):
        if pos >= 624:  # regenerate the whole block
            for i in range(624):
                y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7FFFFFFF)
                mt[i] = mt[(i + 397) % 624] ^ (y >> 1) ^ (0x9908B0DF if y & 1 else 0)
            pos = 0
        y = mt[pos]; pos += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        out.append(y)
    return out, mt, pos


def make_mt():
    rs = np.random.RandomState(1)
    _, key, pos = rs.get_state()[:3]
    raw, mt_after, pos_after = genrand_int32(key, pos, 16)
    # Check 1: random_sample = (a>>5 * 2^26 + b>>6) / 2^53 from consecutive raw words.
    rsamp = np.random.RandomState(1).random_sample(8)
    mine = [((raw[2*i] >> 5) * 67108864.0 + (raw[2*i+1] >> 6)) / 9007199254740992.0 for i in range(8)]
    assert mine == rsamp.tolist(), "pure-python MT19937 disagrees with random_sample"
    # Check 2: randint(0, 2**32, uint64) yields the same 16 words AND leaves the
    # generator exactly 16 words further on (i.e. one 32-bit word per value).
    rs2 = np.random.RandomState(1)
    ri = rs2.randint(0, 2**32, size=16, dtype=np.uint64)
    assert [int(v) for v in ri] == raw, "randint(uint64) != raw genrand_int32 words"
    st = rs2.get_state()
    assert st[2] == pos_after and [int(v) for v in st[1]] == mt_after, "randint consumed != 16 words"
    np.random.seed(1); randn = np.random.randn(21)
    np.random.seed(42); randn42 = np.random.randn(10)
    np.random.seed(1); r1 = np.random.randn(3); np.random.seed(1); r2 = np.random.randn(3)
    dump("mt19937_seed1.json", {
        "state_key": [int(k) for k in key], "state_pos": int(pos),
        "uint32": raw, "random_sample": L(rsamp), "randn": L(randn),
        "randn_seed_42": L(randn42), "randn_after_reseed": L(np.concatenate([r1, r2]))})


# ---------------------------------------------------------------- b) course N-D
KEYS = ["W1", "b1", "W2", "b2", "W3", "b3"]


# The finite differences lose ~9 digits, so the 10th digit of "difference" depends on how
# each dot product is rounded. Two explicit, BLAS-independent variants are computed:
#  seq_dot: plain left-to-right sum of products, each product and sum rounded (no FMA);
#           equals np.dot on this machine (Debian reference BLAS) and the older course
#           printout 0.285093156781.
#  fma_dot: left-to-right with fused multiply-add s = fma(a, b, s) (exact via Fraction);
#           reproduces the current course's expected_values
#           [0.2850931567761623, 1.1890913024229996e-07] (OpenBLAS FMA kernels).
def _dot(A, B, step):
    A, B = np.atleast_2d(A), np.atleast_2d(B)
    C = np.zeros((A.shape[0], B.shape[1]))
    for i in range(A.shape[0]):
        for j in range(B.shape[1]):
            s = 0.0
            for k in range(A.shape[1]):
                s = step(float(A[i, k]), float(B[k, j]), s)
            C[i, j] = s
    return C


seq_dot = lambda A, B: _dot(A, B, lambda a, b, s: s + a * b)
fma_dot = lambda A, B: _dot(A, B, lambda a, b, s: float(Fraction(a) * Fraction(b) + Fraction(s)))
DOT = seq_dot  # switched by make_course()
sigmoid = lambda z: 1 / (1 + np.exp(-z))
relu = lambda z: np.maximum(0, z)


def forward_propagation_n(X, Y, p):
    m = X.shape[1]
    Z1 = DOT(p["W1"], X) + p["b1"]; A1 = relu(Z1)
    Z2 = DOT(p["W2"], A1) + p["b2"]; A2 = relu(Z2)
    Z3 = DOT(p["W3"], A2) + p["b3"]; A3 = sigmoid(Z3)
    logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cost = 1. / m * np.sum(logprobs)
    return cost, (Z1, A1, p["W1"], p["b1"], Z2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])


def backward_propagation_n(X, Y, cache, buggy):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * DOT(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = DOT(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * DOT(dZ2, A1.T) * (2 if buggy else 1)   # course bug: x2
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = DOT(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * DOT(dZ1, X.T)
    db1 = (4. if buggy else 1.) / m * np.sum(dZ1, axis=1, keepdims=True)  # course bug: 4./m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def dictionary_to_vector(p):
    keys, vecs = [], []
    for k in KEYS:
        v = np.reshape(p[k], (-1, 1)); keys += [k] * v.shape[0]; vecs.append(v)
    return np.concatenate(vecs, axis=0), keys


def gradients_to_vector(g):
    return np.concatenate([np.reshape(g["d" + k], (-1, 1)) for k in KEYS], axis=0)


def vector_to_dictionary(theta, shapes):
    p, i = {}, 0
    for k in KEYS:
        n = int(np.prod(shapes[k])); p[k] = theta[i:i + n].reshape(shapes[k]); i += n
    return p


def course_diff(grad, approx):
    return float(np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx)))


def course_check(x, y, p, shapes):
    """Course forward/backward + gradient_check_n (epsilon 1e-7) using the current DOT."""
    cost, cache = forward_propagation_n(x, y, p)
    grads = backward_propagation_n(x, y, cache, buggy=False)
    grads_b = backward_propagation_n(x, y, cache, buggy=True)
    theta, keys = dictionary_to_vector(p)
    gv, gvb = gradients_to_vector(grads), gradients_to_vector(grads_b)
    eps, n = 1e-7, theta.shape[0]
    J_plus, J_minus, approx = np.zeros((n, 1)), np.zeros((n, 1)), np.zeros((n, 1))
    for i in range(n):  # exactly the course loop
        tp = np.copy(theta); tp[i][0] = tp[i][0] + eps
        J_plus[i], _ = forward_propagation_n(x, y, vector_to_dictionary(tp, shapes))
        tm = np.copy(theta); tm[i][0] = tm[i][0] - eps
        J_minus[i], _ = forward_propagation_n(x, y, vector_to_dictionary(tm, shapes))
        approx[i] = (J_plus[i] - J_minus[i]) / (2 * eps)
    ka = np.array(keys)
    blk = lambda g: {k: course_diff(g[ka == k], approx[ka == k]) for k in KEYS}
    return {"cost": float(cost), "grads": {k: L(v) for k, v in grads.items()},
            "grads_buggy": {k: L(v) for k, v in grads_b.items()},
            "theta": L(theta.ravel()), "keys": keys,
            "grad_vector": L(gv.ravel()), "grad_vector_buggy": L(gvb.ravel()),
            "gradapprox": L(approx.ravel()), "J_plus": L(J_plus.ravel()), "J_minus": L(J_minus.ravel()),
            "difference_fixed": course_diff(gv, approx), "difference_buggy": course_diff(gvb, approx),
            "block_difference_fixed": blk(gv), "block_difference_buggy": blk(gvb)}


def make_course():
    global DOT
    np.random.seed(1)
    x = np.random.randn(4, 3); y = np.array([1, 1, 0])
    W1 = np.random.randn(5, 4); b1 = np.random.randn(5, 1)
    W2 = np.random.randn(3, 5); b2 = np.random.randn(3, 1)
    W3 = np.random.randn(1, 3); b3 = np.random.randn(1, 1)
    p = dict(W1=W1, b1=b1, W2=W2, b2=b2, W3=W3, b3=b3)
    shapes = {k: v.shape for k, v in p.items()}
    DOT = np.dot; via_numpy = course_check(x, y, p, shapes)   # whatever BLAS numpy has here
    DOT = fma_dot; fma = course_check(x, y, p, shapes)
    DOT = seq_dot; res = course_check(x, y, p, shapes)        # the main (top-level) results
    for tag, r in (("seq", res), ("fma", fma), ("np.dot", via_numpy)):
        print("course[%s]: cost = %r  difference_buggy = %r  difference_fixed = %r"
              % (tag, r["cost"], r["difference_buggy"], r["difference_fixed"]))
    fma = {k: fma[k] for k in ("cost", "grad_vector", "grad_vector_buggy", "gradapprox", "J_plus",
                               "J_minus", "difference_fixed", "difference_buggy",
                               "block_difference_fixed", "block_difference_buggy")}
    dump("course_nd.json", {
        "x": L(x), "y": L(y), **{k: L(v) for k, v in p.items()}, "epsilon": 1e-7,
        "dot_product": "sequential left-to-right, no FMA (see 'fma' for the fused variant)",
        **res, "numpy_dot_equals_sequential": via_numpy == res, "fma": fma,
        "raw_bits": {"x": bits(x), "W1": bits(W1)}})


# ---------------------------------------------------------------- c) 1-D
def make_one_d():
    x, theta, eps = 2, 4, 1e-7
    out = {"x": x, "theta": theta, "epsilon": eps}
    J_plus = (theta + eps) * x; J_minus = (theta - eps) * x   # J(theta) = theta * x
    approx = (J_plus - J_minus) / (2 * eps)
    for tag, grad in (("", x), ("_wrong", 3)):
        diff = np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
        out["grad" + tag] = grad; out["difference" + tag] = float(diff)
    out.update(J_plus=J_plus, J_minus=J_minus, gradapprox=approx)
    dump("one_d.json", out)


# ---------------------------------------------------------------- d) torch networks
NETS = [  # (name, layer_sizes, activations, loss, m, seed, soft_labels)
    ("relu_relu_sigmoid_ce", [3, 4, 1], ["ReLU", "Sigmoid"], "CrossEntropy", 5, 101, False),
    ("tanh_sigmoid_ce_multi", [5, 3, 2], ["Tanh", "Sigmoid"], "CrossEntropy", 4, 102, False),
    ("deep_relu_ce_soft", [2, 6, 4, 3], ["ReLU", "ReLU", "Sigmoid"], "CrossEntropy", 6, 103, True),
    ("logistic_ce", [4, 1], ["Sigmoid"], "CrossEntropy", 7, 104, False),
    ("linear_mse", [4, 1], ["Linear"], "MeanSquaredError", 5, 105, False),
    ("leaky_linear_mse", [3, 4, 2], ["LeakyReLU", "Linear"], "MeanSquaredError", 6, 106, False),
    ("tanh_tanh_mse", [2, 5, 3, 2], ["Tanh", "Tanh", "Tanh"], "MeanSquaredError", 4, 107, False),
    ("sigmoid_sigmoid_mse", [3, 3, 1], ["Sigmoid", "Sigmoid"], "MeanSquaredError", 5, 108, False),
    ("mixed_ce_soft", [4, 5, 3, 2], ["LeakyReLU", "Tanh", "Sigmoid"], "CrossEntropy", 8, 109, True),
    ("relu_leaky_linear_mse", [5, 4, 3, 3], ["ReLU", "LeakyReLU", "Linear"], "MeanSquaredError", 3, 110, False),
    ("single_example_ce", [3, 2, 1], ["Tanh", "Sigmoid"], "CrossEntropy", 1, 111, False),
    ("wide_relu_ce", [6, 8, 1], ["ReLU", "Sigmoid"], "CrossEntropy", 10, 112, False),
]


def act(name, z):
    return {"ReLU": torch.relu, "Tanh": torch.tanh, "Sigmoid": torch.sigmoid, "Linear": lambda t: t,
            "LeakyReLU": lambda t: torch.nn.functional.leaky_relu(t, 0.01)}[name](z)


def net_forward(X, Y, params, acts, loss):
    A, zs = X, []
    for l, a in enumerate(acts):
        Z = params[2 * l] @ A + params[2 * l + 1]; zs.append((a, Z)); A = act(a, Z)
    m = X.shape[1]
    if loss == "CrossEntropy":  # plain log formula on the sigmoid output
        cost = -(Y * torch.log(A) + (1 - Y) * torch.log(1 - A)).sum() / m
    else:
        cost = ((A - Y) ** 2).sum() / (2 * m)
    return cost, zs


def make_net(name, sizes, acts, loss, m, seed, soft):
    assert len(acts) == len(sizes) - 1 and (loss != "CrossEntropy" or acts[-1] == "Sigmoid")
    rs = np.random.RandomState(seed)
    for attempt in range(1000):  # resample until every ReLU/LeakyReLU pre-activation is >=1e-3 from 0
        X = rs.randn(sizes[0], m)
        if loss == "CrossEntropy":
            Y = rs.rand(sizes[-1], m) if soft else (rs.rand(sizes[-1], m) < 0.5).astype(float)
        else:
            Y = rs.randn(sizes[-1], m)
        P = []
        for l in range(1, len(sizes)):
            P += [0.5 * rs.randn(sizes[l], sizes[l - 1]), 0.5 * rs.randn(sizes[l], 1)]
        _, zs = net_forward(torch.tensor(X), torch.tensor(Y), [torch.tensor(p) for p in P], acts, loss)
        if all(np.abs(z.numpy()).min() >= 1e-3 for a, z in zs if a in ("ReLU", "LeakyReLU")):
            break
    else:
        raise RuntimeError("could not avoid ReLU kinks for " + name)
    tp = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in P]
    cost, _ = net_forward(torch.tensor(X), torch.tensor(Y), tp, acts, loss)
    cost.backward()
    pn = [("W%d" if i % 2 == 0 else "b%d") % (i // 2 + 1) for i in range(len(P))]
    return {"name": name, "layer_sizes": sizes, "activations": acts, "loss": loss,
            "seed": seed, "resample_attempts": attempt, "X": L(X), "Y": L(Y),
            "params": {k: L(p) for k, p in zip(pn, P)}, "cost": float(cost.item()),
            "grads": {"d" + k: L(t.grad.numpy()) for k, t in zip(pn, tp)}}


def make_torch():
    torch.set_default_dtype(torch.float64)
    nets = [make_net(*spec) for spec in NETS]
    dump("networks_torch.json", {"conventions": "activations features x examples; W_l (n_l, n_{l-1}); "
         "b_l (n_l, 1); CrossEntropy = -1/m sum(Y log A + (1-Y) log(1-A)); "
         "MeanSquaredError = 1/(2m) sum((A-Y)^2); LeakyReLU slope 0.01", "networks": nets})


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    make_mt(); make_course(); make_one_d()
    if torch is not None:
        make_torch()
