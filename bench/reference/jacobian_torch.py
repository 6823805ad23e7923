"""torch.autograd.gradcheck on the Jacobian bench's layers (bench/jacobian/AffineLayer.cs, ConvLayer.cs), on the same numbers.

Reads the layer's x (the JSON that bench/jacobian/Invoke-JacobianBenchmark.ps1 writes), builds the same function
with torch ops in float64, and times gradcheck in slow mode (the full Jacobian) and fast mode (one random
projection): the first call (cold, after import) and the median of 5 more (warm). Prints one JSON line.
OMP_NUM_THREADS is set by the caller to the core count.
"""
import json
import sys
import time

import torch


def affine(d):
    n, m, k = d["n"], d["m"], d["k"]
    x = torch.tensor(d["x"], dtype=torch.float64)
    A = x[: n * m].reshape(n, m)
    W = x[n * m: n * m + k * n].reshape(k, n)
    b = x[n * m + k * n:].reshape(k, 1)
    return (lambda A, W, b: W @ A + b), (A, W, b)


def conv(d):
    m, h, w, c, f, k = d["m"], d["h"], d["w"], d["c"], d["f"], d["k"]
    x = torch.tensor(d["x"], dtype=torch.float64)
    a = m * h * w * c
    A = x[:a].reshape(m, h, w, c)
    W = x[a: a + f * f * c * k].reshape(f, f, c, k)
    b = x[a + f * f * c * k:].reshape(1, 1, 1, k)

    def forward(A, W, b):
        z = torch.nn.functional.conv2d(A.permute(0, 3, 1, 2), W.permute(3, 2, 0, 1), padding=f // 2)
        return z.permute(0, 2, 3, 1) + b

    return forward, (A, W, b)


def timed(fn, inputs, fast):
    args = tuple(t.clone().requires_grad_(True) for t in inputs)
    start = time.perf_counter()
    ok = torch.autograd.gradcheck(fn, args, eps=1e-6, atol=1e-5, rtol=1e-3, fast_mode=fast)
    cold = time.perf_counter() - start
    times = []
    for _ in range(5):
        start = time.perf_counter()
        torch.autograd.gradcheck(fn, args, eps=1e-6, atol=1e-5, rtol=1e-3, fast_mode=fast)
        times.append(time.perf_counter() - start)
    return {"cold": cold, "warm": sorted(times)[2], "passed": bool(ok)}


def main():
    layer, path = sys.argv[1], sys.argv[2]
    with open(path) as handle:
        data = json.load(handle)
    fn, inputs = affine(data) if layer == "affine" else conv(data)
    print(json.dumps({"slow": timed(fn, inputs, False), "fast": timed(fn, inputs, True),
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
