#!/usr/bin/python3
"""Reference timing: torch.autograd.gradcheck on the course's network.

Same network, data and parameters as course_numpy.py (drawn from the same
np.random.RandomState stream), as float64 leaf tensors. f(*params) returns the scalar
cross-entropy cost; gradcheck compares autograd's gradient with centred differences,
in slow mode (every entry perturbed) and in fast mode (one random projection), each
timed with time.perf_counter. Each mode's first call in the process is reported as
"cold" (it includes torch's own first-call costs, but not Python's start-up or the
import), the median of --repeat further calls as "warm". --fast-calls N times N
consecutive fast-mode calls as one measurement (N random projections, to compare
with GradCheck's -Directions N). Prints ONE JSON object on stdout.

Usage: /usr/bin/python3 torch_gradcheck.py --layers 100,64,32,1 --examples 64 --seed 1
                                           [--skip-slow] [--repeat K] [--fast-calls N]
"""
import argparse
import inspect
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

EPS, ATOL, RTOL = 1e-6, 1e-5, 1e-3


def make_problem(layers, m, seed):
    """Data and parameters, drawn in the fixed order the benchmark defines."""
    rs = np.random.RandomState(seed)
    X = rs.randn(layers[0], m)
    Y = (rs.rand(1, m) > 0.5).astype(float)
    params = []
    for l in range(1, len(layers)):
        params.append(rs.randn(layers[l], layers[l - 1]) * np.sqrt(2.0 / layers[l - 1]))
        params.append(0.1 * rs.randn(layers[l], 1))
    as_t = lambda a: torch.tensor(a, dtype=torch.float64)
    # Parameters are leaf tensors that require grad; X and Y are constants.
    return as_t(X), as_t(Y), tuple(as_t(p).requires_grad_(True) for p in params)


def make_cost(X, Y):
    """f(W1, b1, W2, b2, ...) -> scalar cost; ReLU hidden layers, Sigmoid output."""
    m = X.shape[1]

    def f(*params):
        A = X
        L = len(params) // 2
        for l in range(L):
            Z = params[2 * l] @ A + params[2 * l + 1]
            A = torch.sigmoid(Z) if l == L - 1 else torch.relu(Z)
        return -1.0 / m * torch.sum(Y * torch.log(A) + (1 - Y) * torch.log(1 - A))

    return f


def time_gradcheck(f, params, repeat, calls=1, **mode):
    """Seconds of the first `calls` consecutive gradcheck calls (cold), the median over
    `repeat` further groups of `calls` (warm), and whether every call passed."""
    times, passed = [], True
    for _ in range(1 + repeat):
        t0 = time.perf_counter()
        for _ in range(calls):
            ok = torch.autograd.gradcheck(f, params, eps=EPS, atol=ATOL, rtol=RTOL,
                                          raise_exception=False, **mode)
            passed = passed and bool(ok)
        times.append(time.perf_counter() - t0)
        label = "fast" if mode.get("fast_mode") else "slow"
        print("torch_gradcheck: %s x%d %.3f s passed=%s" % (label, calls, times[-1], ok),
              file=sys.stderr)
    warm = statistics.median(times[1:]) if repeat > 0 else None
    return times[0], warm, passed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layers", default="100,64,32,1")
    ap.add_argument("--examples", type=int, default=64)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-slow", action="store_true",
                    help="skip the entry-by-entry (slow mode) check, for very large networks")
    ap.add_argument("--repeat", type=int, default=1,
                    help="warm: the median of K calls after the first")
    ap.add_argument("--fast-calls", type=int, default=1,
                    help="time N consecutive fast-mode calls as one measurement")
    args = ap.parse_args()
    layers = [int(s) for s in args.layers.split(",")]

    X, Y, params = make_problem(layers, args.examples, args.seed)
    f = make_cost(X, Y)
    P = sum(p.numel() for p in params)
    has_fast = "fast_mode" in inspect.signature(torch.autograd.gradcheck).parameters
    print("torch_gradcheck: P=%d, fast_mode available=%s, threads=%d"
          % (P, has_fast, torch.get_num_threads()), file=sys.stderr)

    slow = (None, None, None)
    fast = (None, None, None)
    if not args.skip_slow:
        # Where fast_mode exists, pass False explicitly; older torch is always "slow".
        slow = time_gradcheck(f, params, args.repeat,
                              **({"fast_mode": False} if has_fast else {}))
    if has_fast:
        fast = time_gradcheck(f, params, args.repeat, calls=args.fast_calls, fast_mode=True)

    print(json.dumps({
        "tool": "torch.autograd.gradcheck", "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "layers": layers, "examples": args.examples, "parameters": P,
        "repeat": args.repeat, "fast_calls": args.fast_calls,
        "slow_cold_seconds": slow[0], "slow_seconds": slow[1], "slow_passed": slow[2],
        "fast_cold_seconds": fast[0], "fast_seconds": fast[1], "fast_passed": fast[2],
    }))


if __name__ == "__main__":
    main()
