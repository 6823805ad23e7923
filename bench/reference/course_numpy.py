#!/usr/bin/python3
"""Reference timing: the deep-learning course's gradient-checking loop, in NumPy.

Builds the course's network (ReLU hidden layers, Sigmoid output, cross-entropy cost,
activations features x examples), computes the exact gradient with one backprop, then
runs the course's gradient_check_n loop: for every parameter entry, copy the flat
vector, nudge one entry by +/-eps, run a full forward pass for each. Only that loop
(plus the final difference) is timed. Prints ONE JSON object on stdout.

Usage: /usr/bin/python3 course_numpy.py --layers 100,64,32,1 --examples 64 --seed 1
                                        [--max-perturbations N] [--repeat K]
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np


def make_problem(layers, m, seed):
    """Data and parameters, drawn in the fixed order the benchmark defines."""
    rs = np.random.RandomState(seed)
    X = rs.randn(layers[0], m)
    Y = (rs.rand(1, m) > 0.5).astype(float)
    params = {}
    for l in range(1, len(layers)):
        params["W%d" % l] = rs.randn(layers[l], layers[l - 1]) * np.sqrt(2.0 / layers[l - 1])
        params["b%d" % l] = 0.1 * rs.randn(layers[l], 1)
    return X, Y, params


def forward_propagation_n(X, Y, parameters):
    """Returns (cost, cache); cache holds (A_prev, W, Z) per layer for backprop."""
    L = len(parameters) // 2
    A, cache = X, []
    for l in range(1, L + 1):
        W, b = parameters["W%d" % l], parameters["b%d" % l]
        Z = np.dot(W, A) + b
        cache.append((A, W, Z))
        A = 1.0 / (1.0 + np.exp(-Z)) if l == L else np.maximum(0, Z)
    m = X.shape[1]
    logprobs = np.multiply(-np.log(A), Y) + np.multiply(-np.log(1 - A), 1 - Y)
    cost = 1.0 / m * np.sum(logprobs)
    return cost, (cache, A)


def backward_propagation_n(X, Y, cache):
    """The correct backprop: dZ_L = A_L - Y, then back through the ReLU layers."""
    layer_cache, AL = cache
    m = X.shape[1]
    L = len(layer_cache)
    grads = {}
    dZ = AL - Y
    for l in range(L, 0, -1):
        A_prev, W, _ = layer_cache[l - 1]
        grads["dW%d" % l] = 1.0 / m * np.dot(dZ, A_prev.T)
        grads["db%d" % l] = 1.0 / m * np.sum(dZ, axis=1, keepdims=True)
        if l > 1:
            dA_prev = np.dot(W.T, dZ)
            dZ = np.multiply(dA_prev, np.int64(A_prev > 0))
    return grads


def dictionary_to_vector(parameters, L, prefix=""):
    """Course helper: W1,b1,W2,b2,... each reshaped to a column and stacked.
    With prefix="d" it flattens a gradient dictionary (dW1,db1,...) the same way."""
    keys = [prefix + k % l for l in range(1, L + 1) for k in ("W%d", "b%d")]
    theta = np.concatenate([parameters[k].reshape((-1, 1)) for k in keys], axis=0)
    return theta, keys


def vector_to_dictionary(theta, shapes):
    """Inverse of dictionary_to_vector, given the {key: shape} of the originals."""
    out, pos = {}, 0
    for key, shape in shapes.items():
        size = int(np.prod(shape))
        out[key] = theta[pos:pos + size].reshape(shape)
        pos += size
    return out


def blas_library():
    """Path of the BLAS shared library actually mapped into this process, if any."""
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and "/" in line}
        return sorted(os.path.realpath(p) for p in libs) or None
    except OSError:
        return None


def blas_threads():
    """BLAS thread info via threadpoolctl when present, else None."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    return [{k: d.get(k) for k in ("internal_api", "num_threads", "version")}
            for d in threadpool_info() if d.get("user_api") == "blas"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layers", default="100,64,32,1")
    ap.add_argument("--examples", type=int, default=64)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-perturbations", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=0, help="warm: the median of K loops after the first")
    args = ap.parse_args()
    layers = [int(s) for s in args.layers.split(",")]
    L, eps = len(layers) - 1, 1e-7

    X, Y, parameters = make_problem(layers, args.examples, args.seed)
    shapes = {k: v.shape for k, v in parameters.items()}
    _, cache = forward_propagation_n(X, Y, parameters)
    grad, _ = dictionary_to_vector(backward_propagation_n(X, Y, cache), L, prefix="d")
    values, _ = dictionary_to_vector(parameters, L)
    P = values.shape[0]

    # Which entries to perturb: all of them, or N spread evenly across the vector.
    N = args.max_perturbations
    extrapolated = N is not None and 0 < N < P
    idx = np.round(np.linspace(0, P - 1, N)).astype(int) if extrapolated else np.arange(P)
    J_plus, J_minus, gradapprox = np.zeros((P, 1)), np.zeros((P, 1)), np.zeros((P, 1))
    print("course_numpy: P=%d, perturbing %d entries" % (P, len(idx)), file=sys.stderr)

    def check():
        """The course's loop, verbatim in spirit, and the difference; returns (seconds, difference)."""
        t0 = time.perf_counter()
        for i in idx:
            thetaplus = np.copy(values)
            thetaplus[i][0] += eps
            J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus, shapes))
            thetaminus = np.copy(values)
            thetaminus[i][0] -= eps
            J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus, shapes))
            gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * eps)
        difference = None
        if not extrapolated:
            numerator = np.linalg.norm(grad - gradapprox)
            denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
            difference = float(numerator / denominator)
        return time.perf_counter() - t0, difference

    # The first loop in the process is "cold"; the median of --repeat more is "warm".
    seconds, difference = check()
    warm = [check()[0] for _ in range(args.repeat)]
    warm_seconds = statistics.median(warm) if warm else None
    scale = P / len(idx) if extrapolated else 1

    out = {
        "tool": "numpy-course-loop", "numpy": np.__version__,
        "layers": layers, "examples": args.examples, "parameters": int(P),
        "perturbations_measured": int(len(idx)), "seconds": seconds,
        "extrapolated": bool(extrapolated),
        # Estimated times of the full loop, cold and warm; "seconds" itself when nothing was extrapolated.
        "extrapolated_seconds": seconds * scale,
        "warm_seconds": warm_seconds * scale if warm_seconds is not None else None,
        "repeat": args.repeat,
        "threads": blas_threads(), "blas": blas_library(),
    }
    if not extrapolated:
        out["difference"] = difference
    print(json.dumps(out))


if __name__ == "__main__":
    main()
