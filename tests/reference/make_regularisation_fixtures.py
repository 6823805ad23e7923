#!/usr/bin/python3
"""Reference fixtures for L2 regularisation, dropout with fixed masks and softmax outputs (issue 12).

Run from the repo root:  /usr/bin/python3 tests/reference/make_regularisation_fixtures.py
Writes tests/reference/fixtures/course_dropout.json and networks_regularised.json. Deterministic (fixed
seeds only); floats round-trip float64 exactly (json.dump uses repr). Matrices are nested lists, row-major.
The course's functions are written as the Regularization assignment writes them; see tests/reference/README.md.
"""
import os, sys
import numpy as np
import make_fixtures as mf
from make_fixtures import L, bits, seq_dot, sigmoid, relu

try:
    import torch
except Exception as e:  # torch is required for networks_regularised.json only
    torch = None
    print("torch unavailable, skipping networks_regularised.json:", e, file=sys.stderr)

mf.GEN = dict(mf.GEN, script="tests/reference/make_regularisation_fixtures.py")
KEYS = mf.KEYS


# ------------------------------------------------ the course's Regularization assignment, with seq_dot
# seq_dot (left-to-right, no FMA) is what GradCheck's forward pass computes, and equals np.dot with
# Debian's reference BLAS; whether np.dot here agrees is recorded as numpy_dot_equals_sequential.
def forward_propagation_with_dropout(X, p, keep_prob, dot):
    np.random.seed(1)
    Z1 = dot(p["W1"], X) + p["b1"]; A1 = relu(Z1)
    D1 = np.random.rand(A1.shape[0], A1.shape[1]); D1 = D1 < keep_prob
    A1 = A1 * D1; A1 = A1 / keep_prob
    Z2 = dot(p["W2"], A1) + p["b2"]; A2 = relu(Z2)
    D2 = np.random.rand(A2.shape[0], A2.shape[1]); D2 = D2 < keep_prob
    A2 = A2 * D2; A2 = A2 / keep_prob
    Z3 = dot(p["W3"], A2) + p["b3"]; A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, Z2, D2, A2, Z3, A3)


def forward_propagation_plain(X, p, dot):
    Z1 = dot(p["W1"], X) + p["b1"]; A1 = relu(Z1)
    Z2 = dot(p["W2"], A1) + p["b2"]; A2 = relu(Z2)
    Z3 = dot(p["W3"], A2) + p["b3"]; A3 = sigmoid(Z3)
    return A3, (Z1, A1, Z2, A2, Z3, A3)


def compute_cost(a3, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1. / m * np.nansum(logprobs)


def compute_cost_with_regularization(A3, Y, p, lambd):
    m = Y.shape[1]
    L2 = (1. / m * lambd / 2) * (np.sum(np.square(p["W1"])) + np.sum(np.square(p["W2"])) + np.sum(np.square(p["W3"])))
    return compute_cost(A3, Y) + L2


def backward(X, Y, p, Z1, A1, Z2, A2, A3, lambd, D1=None, D2=None, keep_prob=1.0):
    """backward_propagation_with_regularization and _with_dropout in one (both when both are given)."""
    m = X.shape[1]
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T) + (lambd * p["W3"]) / m
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(p["W3"].T, dZ3)
    if D2 is not None: dA2 = dA2 * D2; dA2 = dA2 / keep_prob
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T) + (lambd * p["W2"]) / m
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(p["W2"].T, dZ2)
    if D1 is not None: dA1 = dA1 * D1; dA1 = dA1 / keep_prob
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T) + (lambd * p["W1"]) / m
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def draw(shapes):
    np.random.seed(1)
    return [np.random.randn(*s) for s in shapes]


def cache_dict(names, values):
    return {n: L(v.astype(float)) for n, v in zip(names, values)}


def make_dropout_case():
    X, W1, b1, W2, b2, W3, b3 = draw([(3, 5), (2, 3), (2, 1), (3, 2), (3, 1), (1, 3), (1, 1)])
    p = dict(W1=W1, b1=b1, W2=W2, b2=b2, W3=W3, b3=b3)
    Y = np.array([[1, 1, 0, 1, 0]])
    A3, cache = forward_propagation_with_dropout(X, p, 0.7, seq_dot)
    A3_np, cache_np = forward_propagation_with_dropout(X, p, 0.7, np.dot)
    published = np.array([[0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721]])
    assert np.array_equal(np.round(A3, 8), published), A3
    Z1, D1, A1, Z2, D2, A2, Z3, _ = cache
    out = {"X": L(X), "Y": L(Y), **{k: L(v) for k, v in p.items()}, "keep_prob": 0.7,
           "published_A3": L(published), "A3_bits": bits(A3),
           "numpy_dot_equals_sequential": bool(all(np.array_equal(a, b) for a, b in zip(cache, cache_np))),
           "cache": cache_dict(["Z1", "D1", "A1", "Z2", "D2", "A2", "Z3", "A3"], cache),
           "cost": float(compute_cost(A3, Y)),
           "grads": {k: L(v) for k, v in backward(X, Y, p, Z1, A1, Z2, A2, A3, 0.0, D1, D2, 0.7).items()}}
    # The same network with λ = 0.7 as well: compute_cost_with_regularization on the dropout output.
    out["l2_lambda"] = 0.7
    out["l2_cost"] = float(compute_cost_with_regularization(A3, Y, p, 0.7))
    out["l2_grads"] = {k: L(v) for k, v in backward(X, Y, p, Z1, A1, Z2, A2, A3, 0.7, D1, D2, 0.7).items()}
    return out


def make_course_case():
    """gradient_check_n_test_case's cache, and its cost and gradients with compute_cost_with_regularization."""
    x, W1, b1, W2, b2, W3, b3 = draw([(4, 3), (5, 4), (5, 1), (3, 5), (3, 1), (1, 3), (1, 1)])
    p = dict(W1=W1, b1=b1, W2=W2, b2=b2, W3=W3, b3=b3)
    y = np.array([[1, 1, 0]])
    A3, cache = forward_propagation_plain(x, p, seq_dot)
    Z1, A1, Z2, A2, Z3, _ = cache
    return {"cache": cache_dict(["Z1", "A1", "Z2", "A2", "Z3", "A3"], cache), "A3_bits": bits(A3),
            "cost": float(compute_cost(A3, y)), "l2_lambda": 0.7,
            "l2_cost": float(compute_cost_with_regularization(A3, y, p, 0.7)),
            "l2_grads": {k: L(v) for k, v in backward(x, y, p, Z1, A1, Z2, A2, A3, 0.7).items()}}


# ------------------------------------------------ torch networks with L2, dropout and softmax
NETS = [  # name, sizes, activations, loss, m, seed, lambda, keep_prob, dropout_seed, soft labels
    ("l2_relu_sigmoid_ce", [3, 4, 1], ["ReLU", "Sigmoid"], "CrossEntropy", 5, 201, 0.1, 1.0, 1, False),
    ("l2_tanh_leaky_ce", [5, 6, 4, 2], ["Tanh", "LeakyReLU", "Sigmoid"], "CrossEntropy", 7, 202, 0.7, 1.0, 1, False),
    ("l2_tanh_linear_mse", [4, 3, 2], ["Tanh", "Linear"], "MeanSquaredError", 6, 203, 1.5, 1.0, 1, False),
    ("softmax_single_layer", [3, 4], ["Softmax"], "CategoricalCrossEntropy", 6, 204, 0.0, 1.0, 1, False),
    ("softmax_tanh_cce", [4, 5, 3], ["Tanh", "Softmax"], "CategoricalCrossEntropy", 8, 205, 0.0, 1.0, 1, False),
    ("softmax_deep_l2_cce", [6, 8, 5, 4], ["ReLU", "Tanh", "Softmax"], "CategoricalCrossEntropy", 9, 206, 0.3, 1.0, 1, False),
    ("softmax_soft_labels_cce", [3, 4, 3], ["Sigmoid", "Softmax"], "CategoricalCrossEntropy", 5, 207, 0.0, 1.0, 1, True),
    ("softmax_mse", [3, 4, 3], ["Tanh", "Softmax"], "MeanSquaredError", 5, 208, 0.0, 1.0, 1, False),
    ("dropout_relu_tanh_ce", [4, 6, 5, 2], ["ReLU", "Tanh", "Sigmoid"], "CrossEntropy", 6, 209, 0.0, 0.8, 3, False),
    ("dropout_l2_leaky_softmax", [5, 7, 3], ["LeakyReLU", "Softmax"], "CategoricalCrossEntropy", 8, 210, 0.2, 0.6, 5, False),
    ("dropout_sigmoid_mse", [3, 5, 4, 1], ["Sigmoid", "Tanh", "Linear"], "MeanSquaredError", 7, 211, 0.05, 0.5, 1, False),
]


def act(name, z):
    return {"ReLU": torch.relu, "Tanh": torch.tanh, "Sigmoid": torch.sigmoid, "Linear": lambda t: t,
            "LeakyReLU": lambda t: torch.nn.functional.leaky_relu(t, 0.01),
            "Softmax": lambda t: torch.softmax(t, dim=0)}[name](z)


def masks(sizes, m, keep, seed):
    """np.random.seed(seed), then D_l = rand(n_l, m) < keep for each hidden layer in order."""
    if keep == 1.0: return []
    np.random.seed(seed)
    return [(np.random.rand(n, m) < keep).astype(float) for n in sizes[1:-1]]


def net_forward(X, Y, P, acts, loss, lambd, D, keep):
    A, zs, m = X, [], X.shape[1]
    for l, a in enumerate(acts):
        Z = P[2 * l] @ A + P[2 * l + 1]; zs.append((a, Z, D[l] if l < len(D) else None))
        A = act(a, Z)
        if l < len(D): A = A * torch.tensor(D[l]) / keep
    if loss == "CrossEntropy":
        cost = -(Y * torch.log(A) + (1 - Y) * torch.log(1 - A)).sum() / m
    elif loss == "CategoricalCrossEntropy":  # log softmax, stably
        cost = -(Y * torch.log_softmax(Z, dim=0)).sum() / m
    else:
        cost = ((A - Y) ** 2).sum() / (2 * m)
    return cost + (1. / m * lambd / 2) * sum((W ** 2).sum() for W in P[0::2]), zs


def labels(rs, loss, acts, rows, m, soft):
    if loss == "CrossEntropy":
        return (rs.rand(rows, m) < 0.5).astype(float)
    if loss == "CategoricalCrossEntropy":
        if soft:
            y = rs.rand(rows, m); return y / y.sum(axis=0, keepdims=True)
        y = np.zeros((rows, m)); y[rs.randint(0, rows, size=m), np.arange(m)] = 1; return y
    return rs.rand(rows, m) if acts[-1] == "Softmax" else rs.randn(rows, m)


def make_net(name, sizes, acts, loss, m, seed, lambd, keep, dropout_seed, soft):
    rs = np.random.RandomState(seed)
    D = masks(sizes, m, keep, dropout_seed)
    for attempt in range(1000):  # resample until no kept ReLU/LeakyReLU pre-activation is within 1e-3 of 0
        X = rs.randn(sizes[0], m)
        Y = labels(rs, loss, acts, sizes[-1], m, soft)
        P = []
        for l in range(1, len(sizes)):
            P += [0.5 * rs.randn(sizes[l], sizes[l - 1]), 0.5 * rs.randn(sizes[l], 1)]
        _, zs = net_forward(torch.tensor(X), torch.tensor(Y), [torch.tensor(p) for p in P], acts, loss, lambd, D, keep)
        near = [np.abs(z.numpy())[(d if d is not None else np.ones(z.shape)) > 0].min()
                for a, z, d in zs if a in ("ReLU", "LeakyReLU")]
        if all(v >= 1e-3 for v in near): break
    else:
        raise RuntimeError("could not avoid ReLU kinks for " + name)
    tp = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in P]
    cost, _ = net_forward(torch.tensor(X), torch.tensor(Y), tp, acts, loss, lambd, D, keep)
    cost.backward()
    pn = [("W%d" if i % 2 == 0 else "b%d") % (i // 2 + 1) for i in range(len(P))]
    return {"name": name, "layer_sizes": sizes, "activations": acts, "loss": loss, "seed": seed,
            "l2_lambda": lambd, "keep_prob": keep, "dropout_seed": dropout_seed, "resample_attempts": attempt,
            "X": L(X), "Y": L(Y), "masks": {"D%d" % (l + 1): L(d) for l, d in enumerate(D)},
            "params": {k: L(p) for k, p in zip(pn, P)}, "cost": float(cost.item()),
            "grads": {"d" + k: L(t.grad.numpy()) for k, t in zip(pn, tp)}}


def make_torch():
    torch.set_default_dtype(torch.float64)
    mf.dump("networks_regularised.json", {
        "conventions": "as networks_torch.json; cost += (1/m)*(lambda/2)*sum ||W_l||^2; dropout A_l = f(Z_l)*D_l/keep "
                       "on hidden layers, D_l = np.random.seed(dropout_seed); rand(n_l, m) < keep in layer order; "
                       "Softmax over each column (dim 0); CategoricalCrossEntropy = -1/m sum(Y * log_softmax(Z_L))",
        "networks": [make_net(*spec) for spec in NETS]})


if __name__ == "__main__":
    os.makedirs(mf.OUT, exist_ok=True)
    mf.dump("course_dropout.json", {"dropout_test_case": make_dropout_case(), "gradient_check_n_test_case": make_course_case()})
    if torch is not None:
        make_torch()
