#!/usr/bin/python3
"""Reference fixtures for New-GradCheckNetwork -Precision Single (issue 14): float32 networks in torch.

Run from the repo root:  /usr/bin/python3 tests/reference/make_float32_network_fixtures.py
Writes tests/reference/fixtures/networks_float32.json. Deterministic (fixed seeds, torch on one thread).

Each case is a set of New-GradCheckNetwork arguments. The script draws that network's data and parameters in
float64 with numpy's legacy RandomState, as New-GradCheckNetwork documents the draws (and as the double network
draws them), rounds them to float32, and then builds the network in torch float32 as float32 training code
would: every tensor float32, every scalar (1/m, λ, keep_prob, the fault factors) a float32 tensor, forward by
the formulas below and the gradient by torch.autograd. The cost and the gradients are float32 numbers, written
as the float64 of the same value (exact), like the float32 inputs and parameters.

Conventions: activations are features x examples, W_l is (n_l, n_{l-1}), b_l is (n_l, 1); Z_l = W_l @ A + b_l;
A_l = f(Z_l), then A_l * D_l / keep on hidden layers with dropout; CrossEntropy = -sum(Y log A + (1-Y) log(1-A))/m
on a sigmoid output; MeanSquaredError = sum((A-Y)^2)/(2m); CategoricalCrossEntropy = -sum(Y * log_softmax(Z_L))/m;
L2 adds (λ/2m)·sum_l ||W_l||^2; LeakyReLU's slope is 0.01 (rounded to float32 by torch).
"""
import os, sys
import numpy as np
import torch
import make_fixtures as mf
from make_fixtures import L

mf.GEN = dict(mf.GEN, script="tests/reference/make_float32_network_fixtures.py")
F32 = torch.float32

# name, New-GradCheckNetwork arguments. Between them: every activation and loss, L2, dropout, both presets, faults,
# and sums longer than numpy's pairwise block of 128.
CASES = [
    ("course", {"Preset": "CourseTestCase"}),
    ("course_fault", {"Preset": "CourseTestCase", "Fault": {"W2": 2.0, "b1": 4.0}}),
    ("course_l2", {"Preset": "CourseTestCase", "L2": 0.7}),
    ("course_dropout", {"Preset": "CourseDropoutTestCase"}),
    ("leaky_tanh_sigmoid", {"LayerSize": [4, 8, 8, 1], "Activation": ["LeakyReLU", "Tanh", "Sigmoid"],
                            "ExampleCount": 16, "Seed": 3}),
    ("tanh_mse", {"LayerSize": [3, 2], "Activation": ["Tanh"], "Loss": "MeanSquaredError", "Seed": 4}),
    ("softmax_l2", {"LayerSize": [4, 6, 3], "Activation": ["Tanh", "Softmax"], "Loss": "CategoricalCrossEntropy",
                    "L2": 0.7, "Seed": 2}),
    ("softmax_dropout_l2", {"LayerSize": [5, 7, 3], "Activation": ["LeakyReLU", "Softmax"],
                            "Loss": "CategoricalCrossEntropy", "ExampleCount": 8, "Seed": 210, "L2": 0.2,
                            "KeepProbability": 0.6, "DropoutSeed": 5, "Fault": {"dW2": 1.01}}),
    ("sigmoid_tanh_linear_mse", {"LayerSize": [3, 5, 4, 1], "Activation": ["Sigmoid", "Tanh", "Linear"],
                                 "Loss": "MeanSquaredError", "ExampleCount": 7, "Seed": 11, "L2": 0.05,
                                 "KeepProbability": 0.5}),
    ("relu_wide", {"LayerSize": [3, 16, 1], "Activation": ["ReLU", "Sigmoid"], "ExampleCount": 300, "Seed": 9}),
    # Given data where float32 and float64 part: 1e8 + 1 - 1e8 is 0 in float32 whatever the order of the sum (the
    # float32 spacing at 1e8 is 8), and 1 in float64, so Z1[0, 0] and the cost tell float32 arithmetic apart.
    ("cancellation", {"LayerSize": [3, 1], "Activation": ["Linear"], "Loss": "MeanSquaredError",
                      "Input": [[1e8, 1.0], [1.0, 2.0], [-1e8, 3.0]], "Label": [[0.0, 1.0]],
                      "Parameter": {"W1": [[1.0, 1.0, 1.0]], "b1": [[0.0]]}}),
]

COURSE = {"CourseTestCase": ([4, 5, 3, 1], 3, [1, 1, 0], 1.0),
          "CourseDropoutTestCase": ([3, 2, 3, 1], 5, [1, 1, 0, 1, 0], 0.7)}


# ------------------------------------------------ the draws, in float64, as New-GradCheckNetwork documents them
def draw_labels(rs, loss, rows, m):
    """0 or 1 (random_sample < 0.5 gives 0) for CrossEntropy; one uniform class per column; uniform [0, 1)."""
    if loss == "CrossEntropy":
        return np.where(rs.random_sample((rows, m)) < 0.5, 0.0, 1.0)
    if loss == "CategoricalCrossEntropy":
        y = np.zeros((rows, m))
        for j in range(m):
            y[min(rows - 1, int(rs.random_sample() * rows)), j] = 1.0
        return y
    return rs.random_sample((rows, m))


def draw_random(a):
    """X = randn(n0, m), the labels, then He initialisation layer by layer: sqrt(2/n_{l-1})·randn, 0.1·randn."""
    sizes, m, loss = a["LayerSize"], a.get("ExampleCount", 8), a.get("Loss", "CrossEntropy")
    rs = np.random.RandomState(a["Seed"])
    X = rs.randn(sizes[0], m)
    Y = draw_labels(rs, loss, sizes[-1], m)
    P = []
    for l in range(1, len(sizes)):
        P += [np.sqrt(2.0 / sizes[l - 1]) * rs.randn(sizes[l], sizes[l - 1]), 0.1 * rs.randn(sizes[l], 1)]
    return sizes, a["Activation"], loss, X, Y, P, a.get("KeepProbability", 1.0)


def draw_preset(a):
    """np.random.seed(1); X = randn(n0, m); then randn for each block in order; ReLU, ReLU, Sigmoid."""
    sizes, m, y, keep = COURSE[a["Preset"]]
    rs = np.random.RandomState(1)
    X = rs.randn(sizes[0], m)
    P = []
    for l in range(1, len(sizes)):
        P += [rs.randn(sizes[l], sizes[l - 1]), rs.randn(sizes[l], 1)]
    return sizes, ["ReLU", "ReLU", "Sigmoid"], "CrossEntropy", X, np.array([y], float), P, a.get("KeepProbability", keep)


def draw_given(a):
    """-Input, -Label and -Parameter as given (in float64), nothing drawn."""
    P = [np.array(a["Parameter"][("W%d" if i % 2 == 0 else "b%d") % (i // 2 + 1)], float)
         for i in range(2 * (len(a["LayerSize"]) - 1))]
    return (a["LayerSize"], a["Activation"], a.get("Loss", "CrossEntropy"), np.array(a["Input"], float),
            np.array(a["Label"], float), P, a.get("KeepProbability", 1.0))


def masks(sizes, m, keep, seed):
    """np.random.seed(seed), then D_l = rand(n_l, m) < keep for each hidden layer in order; none for keep 1."""
    if keep == 1.0:
        return []
    rs = np.random.RandomState(seed)
    return [(rs.rand(n, m) < keep).astype(float) for n in sizes[1:-1]]


# ------------------------------------------------ the float32 network in torch
def act(name, z):
    return {"ReLU": torch.relu, "Tanh": torch.tanh, "Sigmoid": torch.sigmoid, "Linear": lambda t: t,
            "LeakyReLU": lambda t: torch.nn.functional.leaky_relu(t, 0.01),
            "Softmax": lambda t: torch.softmax(t, dim=0)}[name](z)


def f32(x):
    return torch.tensor(np.asarray(x, dtype=np.float32), dtype=F32)


def forward(X, Y, P, acts, loss, lambd, D, keep):
    m = X.shape[1]
    A, Z = X, None
    for l, a in enumerate(acts):
        Z = P[2 * l] @ A + P[2 * l + 1]
        A = act(a, Z)
        if l < len(D):
            A = A * D[l] / keep
    if loss == "CrossEntropy":
        cost = -(Y * torch.log(A) + (1 - Y) * torch.log(1 - A)).sum() / m
    elif loss == "CategoricalCrossEntropy":
        cost = -(Y * torch.log_softmax(Z, dim=0)).sum() / m
    else:
        cost = ((A - Y) ** 2).sum() / (2 * m)
    if float(lambd) != 0:
        cost = cost + lambd / (2 * m) * sum((W ** 2).sum() for W in P[0::2])
    assert cost.dtype == F32
    return cost


def make_case(name, a):
    draw = draw_preset if "Preset" in a else draw_given if "Input" in a else draw_random
    sizes, acts, loss, X, Y, P, keep = draw(a)
    m = X.shape[1]
    D = masks(sizes, m, keep, a.get("DropoutSeed", 1))
    names = [("W%d" if i % 2 == 0 else "b%d") % (i // 2 + 1) for i in range(len(P))]
    X32, Y32, P32 = X.astype(np.float32), Y.astype(np.float32), [p.astype(np.float32) for p in P]
    tp = [torch.tensor(p, dtype=F32, requires_grad=True) for p in P32]
    cost = forward(f32(X32), f32(Y32), tp, acts, loss, f32(a.get("L2", 0.0)), [f32(d) for d in D], f32(keep))
    cost.backward()
    grads = {"d" + n: t.grad.clone() for n, t in zip(names, tp)}
    for block, factor in a.get("Fault", {}).items():
        key = block if block.startswith("d") else "d" + block
        grads[key] = grads[key] * f32(factor)
    assert np.isfinite(cost.item()) and all(torch.isfinite(g).all() for g in grads.values()), name
    assert all(g.dtype == F32 for g in grads.values())
    return {"name": name, "arguments": a, "X": L(X32.astype(float)), "Y": L(Y32.astype(float)),
            "masks": {"D%d" % (l + 1): L(d) for l, d in enumerate(D)},
            "params": {n: L(p.astype(float)) for n, p in zip(names, P32)},
            "params_float64": {n: L(p) for n, p in zip(names, P)},
            "cost": float(cost.item()), "grads": {k: L(g.numpy().astype(float)) for k, g in grads.items()}}


if __name__ == "__main__":
    torch.set_num_threads(1)
    os.makedirs(mf.OUT, exist_ok=True)
    mf.dump("networks_float32.json", {
        "conventions": __doc__.split("Conventions: ", 1)[1].strip().replace("\n", " "),
        "networks": [make_case(*c) for c in CASES]})
