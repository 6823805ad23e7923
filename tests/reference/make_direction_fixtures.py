#!/usr/bin/python3
"""Reference random directions for GradCheck's directional check, from numpy's MT19937.

Run from the repo root:  /usr/bin/python3 tests/reference/make_direction_fixtures.py
Reads fixtures/course_nd.json (numpy's course test case) and writes fixtures/course_directions.json.

Direction k of a check with -Seed s is drawn from MT19937 seeded (init_genrand, as numpy's legacy
RandomState(seed) seeds it) with (s * 2654435761 + k) mod 2**32: entry i is +1 when bit i mod 32 of
draw i // 32 is 0 and -1 when it is 1, the lowest bit first. For each direction the file gives v and
g.v for the course's correct and buggy (dW2 x2, db1 x4) gradients, over all of theta and over each
block, summed in entry order.
"""
import json, math, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_fixtures import GEN, OUT, genrand_int32  # noqa: E402

SEEDS = [5, 1]
DIRECTIONS = 3


def direction(seed, k, n):
    state = np.random.RandomState((seed * 2654435761 + k) % 2**32).get_state()
    draws, _, _ = genrand_int32(state[1], state[2], math.ceil(n / 32))
    return [1.0 if (draws[i // 32] >> (i % 32)) & 1 == 0 else -1.0 for i in range(n)]


def dot(g, v, first, count):
    s = 0.0
    for i in range(first, first + count):
        s += g[i] * v[i]
    return s


def main():
    with open(os.path.join(OUT, "course_nd.json")) as f:
        course = json.load(f)
    fixed, buggy = course["grad_vector"], course["grad_vector_buggy"]
    n = len(course["theta"])
    blocks, offset = [], 0
    for key in ["W1", "b1", "W2", "b2", "W3", "b3"]:
        count = int(np.asarray(course[key]).size)
        blocks.append((key, offset, count))
        offset += count
    assert offset == n
    checks = []
    for seed in SEEDS:
        for k in range(DIRECTIONS):
            v = direction(seed, k, n)
            checks.append({
                "seed": seed, "k": k, "v": v,
                "dot_fixed": dot(fixed, v, 0, n), "dot_buggy": dot(buggy, v, 0, n),
                "blocks": [{"name": name, "dot_fixed": dot(fixed, v, o, c), "dot_buggy": dot(buggy, v, o, c)}
                           for name, o, c in blocks]})
    obj = dict(generator=dict(GEN, script="tests/reference/make_direction_fixtures.py"),
               parameters=n, directions=checks)
    with open(os.path.join(OUT, "course_directions.json"), "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
    print("wrote course_directions.json")


if __name__ == "__main__":
    main()
