#!/usr/bin/python3
"""Reference fixtures for Test-Jacobian and Test-Hessian: layers' Jacobians, VJPs and planted bugs.

Run from the repo root:  /usr/bin/python3 tests/reference/make_jacobian_fixtures.py
Writes tests/reference/fixtures/jacobian_layers.json. Deterministic (fixed seeds only); floats round-trip
float64 exactly (json.dump uses repr). Arrays are nested lists in their natural shapes, row-major.

The truth is torch autograd in float64 (torch.autograd.functional.jacobian / vjp / hessian / hvp). Each layer
is also written in numpy as the deep-learning course writes it (linear_forward, conv_forward/conv_backward
with their loops, lstm_cell_forward/lstm_cell_backward); the script asserts that numpy agrees with torch, and
the planted bugs are those numpy backward passes with one mistake each. See tests/reference/README.md.
"""
import os
import numpy as np
import torch
import make_fixtures as mf
from make_fixtures import L

mf.GEN = dict(mf.GEN, script="tests/reference/make_jacobian_fixtures.py")
torch.set_default_dtype(torch.float64)
TOL = 1e-12  # numpy vs torch, relative to the largest entry of each block


def close(a, b, what):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape, (what, a.shape, b.shape)
    scale = max(np.abs(b).max(), 1e-300)
    assert np.abs(a - b).max() <= TOL * scale, (what, np.abs(a - b).max() / scale)


def t(a):
    return torch.tensor(np.asarray(a, dtype=float))


def vector_case(name, description, inputs, f, dout, numpy_forward, numpy_backward, bug, extra=None):
    """inputs: ordered dict of numpy arrays; f(*tensors) -> tensor or tuple of tensors (in output order);
    numpy_forward(inputs) -> ordered dict of outputs; numpy_backward(inputs, dout, bug) -> ordered dict 'd'+name."""
    in_names = list(inputs)
    tensors = tuple(t(inputs[k]) for k in in_names)
    outputs = numpy_forward(inputs)
    out_names = list(outputs)
    y = f(*tensors)
    ys = (y,) if torch.is_tensor(y) else tuple(y)
    for k, v in zip(out_names, ys): close(outputs[k], v.numpy(), name + " forward " + k)

    # Full Jacobian, one block of columns per input and one block of rows per output, each row-major.
    jac = torch.autograd.functional.jacobian(f, tensors)
    if torch.is_tensor(y): jac = (jac,)
    rows = []
    for o, per_output in enumerate(jac):
        n_o = ys[o].numel()
        rows.append(np.hstack([per_output[i].reshape(n_o, tensors[i].numel()).numpy() for i in range(len(in_names))]))
    J = np.vstack(rows)

    v = tuple(t(dout[k]) for k in out_names)
    _, vjp = torch.autograd.functional.vjp(f, tensors, v[0] if torch.is_tensor(y) else v)
    vjp = {"d" + k: g.numpy() for k, g in zip(in_names, vjp)}
    dout_flat = np.concatenate([np.asarray(dout[k]).reshape(-1) for k in out_names])
    vjp_flat = np.concatenate([vjp["d" + k].reshape(-1) for k in in_names])
    close(dout_flat @ J, vjp_flat, name + " dout^T J")

    mine = numpy_backward(inputs, dout, False)
    for k in in_names: close(mine["d" + k], vjp["d" + k], name + " numpy backward d" + k)
    buggy = numpy_backward(inputs, dout, True)
    wrong = [k for k in buggy if not np.allclose(buggy[k], vjp[k], rtol=1e-6, atol=0)]
    assert wrong == bug[1], (name, wrong)
    for k in buggy:
        if k not in wrong: assert np.array_equal(buggy[k], mine[k]), (name, k)

    case = {"name": name, "description": description,
            "input_order": in_names, "input_shapes": {k: list(np.shape(inputs[k])) for k in in_names},
            "inputs": {k: L(inputs[k]) for k in in_names},
            "output_order": out_names, "output_shapes": {k: list(np.shape(outputs[k])) for k in out_names},
            "outputs": {k: L(ys[i].numpy()) for i, k in enumerate(out_names)},
            "jacobian": L(J), "dout": {k: L(dout[k]) for k in out_names},
            "vjp": {"d" + k: L(vjp["d" + k]) for k in in_names},
            "bug": bug[0], "bug_blocks": bug[1], "vjp_bug": {k: L(buggy[k]) for k in buggy}}
    if extra: case.update(extra)
    return case


# ------------------------------------------------ affine: the course's linear_forward, Z = W·A + b
def affine_forward(p):
    return {"Z": np.dot(p["W"], p["A"]) + p["b"]}


def affine_backward(p, dout, bug):
    dZ = dout["Z"]
    dA = np.dot(p["W"].T, dZ)
    dW = np.dot(dZ, p["A"].T)
    if bug: dW = np.reshape(np.dot(p["A"], dZ.T), p["W"].shape)  # A·dZᵀ is (4, 2); reshaped to W's (2, 4)
    db = np.sum(dZ, axis=1, keepdims=True)
    return {"dA": dA, "dW": dW, "db": db}


def make_affine():
    rs = np.random.RandomState(1)
    p = {"A": rs.randn(4, 3), "W": rs.randn(2, 4), "b": rs.randn(2, 1)}
    dout = {"Z": rs.randn(2, 3)}
    return vector_case(
        "affine", "Z = W·A + b, A (features × examples) as the course's linear_forward. The backward is the VJP of "
        "this function itself: dA = Wᵀ·dZ, dW = dZ·Aᵀ, db = row sums of dZ, with no 1/m (the course's "
        "linear_backward divides by m because its dZ is the gradient of the per-example losses' sum).",
        p, lambda A, W, b: W @ A + b, dout, affine_forward, affine_backward,
        ("dW = reshape(A·dZᵀ, W.shape): the transpose forgotten, and the (4, 2) product reshaped row-major to "
         "W's (2, 4) to silence the shape error; dA and db are right", ["dW"]))


# ------------------------------------------------ softmax over axis 0 (a vector, or each column of a matrix)
def softmax(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_backward(p, dout, bug):
    y, dy = softmax(p["z"]), dout["y"]
    if bug: return {"dz": y * dy}
    return {"dz": y * dy - y * np.sum(y * dy, axis=0, keepdims=True)}


def make_softmax(name, shape, seed):
    rs = np.random.RandomState(seed)
    p = {"z": rs.randn(*shape)}
    dout = {"y": rs.randn(*shape)}
    what = "a vector of length 5" if len(shape) == 1 else "each column (axis 0) of a (4, 3) matrix"
    return vector_case(
        name, "y = softmax(z) over " + what + "; the VJP is dz = y·dy − y·Σ(y·dy), the sum over axis 0.",
        p, lambda z: torch.softmax(z, dim=0), dout, lambda q: {"y": softmax(q["z"])}, softmax_backward,
        ("dz = y·dy: the −y·Σ(y·dy) term forgotten (the diagonal of the Jacobian only)", ["dz"]),
        {"axis": 0})


# ------------------------------------------------ conv: the course's conv_forward / conv_backward (NHWC)
def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=(0, 0))


def conv_forward(p, stride=1, pad=1):
    A_prev, W, b = p["A_prev"], p["W"], p["b"]
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    n_H = int((n_H_prev - f + 2 * pad) / stride) + 1
    n_W = int((n_W_prev - f + 2 * pad) / stride) + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride; vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride; horiz_end = horiz_start + f
                for c in range(n_C):
                    a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                    Z[i, h, w, c] = np.sum(a_slice_prev * W[:, :, :, c]) + float(b[0, 0, 0, c])
    return {"Z": Z}


def conv_backward(p, dout, bug, stride=1, pad=1):
    A_prev, W, dZ = p["A_prev"], p["W"], dout["Z"]
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    (m, n_H, n_W, n_C) = dZ.shape
    dA_prev = np.zeros(A_prev.shape); dW = np.zeros(W.shape); db = np.zeros((1, 1, 1, n_C))
    A_prev_pad = zero_pad(A_prev, pad); dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        if bug: db = np.zeros((1, 1, 1, n_C))  # reset for every example: db keeps the last example's sum only
        a_prev_pad = A_prev_pad[i]; da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            vert_start = h * stride; vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride; horiz_end = horiz_start + f
                for c in range(n_C):
                    a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i, :, :, :] = da_prev_pad[pad:-pad, pad:-pad, :]
    return {"dA_prev": dA_prev, "dW": dW, "db": db}


def conv_torch(A_prev, W, b):
    """The same convolution with torch.conv2d: NHWC -> NCHW, W (f, f, C_prev, C) -> (C, C_prev, f, f)."""
    Z = torch.nn.functional.conv2d(A_prev.permute(0, 3, 1, 2), W.permute(3, 2, 0, 1), b.reshape(-1),
                                   stride=1, padding=1)
    return Z.permute(0, 2, 3, 1)


def make_conv():
    rs = np.random.RandomState(1)
    p = {"A_prev": rs.randn(2, 5, 5, 3), "W": rs.randn(3, 3, 3, 2), "b": rs.randn(1, 1, 1, 2)}
    dout = {"Z": rs.randn(2, 5, 5, 2)}
    return vector_case(
        "conv", "The course's conv_forward on NHWC arrays, A_prev (m, n_H, n_W, n_C_prev), W (f, f, n_C_prev, "
        "n_C), b (1, 1, 1, n_C), stride 1, zero padding 1: Z[i,h,w,c] = Σ a_prev_pad[i, h:h+f, w:w+f, :]·"
        "W[:,:,:,c] + b[c]. The truth is torch.conv2d (permuted to NCHW); the course's loops agree with it.",
        p, conv_torch, dout, conv_forward, conv_backward,
        ("db = zeros(...) inside the loop over the examples: db keeps the last example's sum only (the sum over "
         "the batch lost); dA_prev and dW are right", ["db"]),
        {"stride": 1, "pad": 1})


# ------------------------------------------------ lstm: the course's lstm_cell_forward / lstm_cell_backward
def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def lstm_forward(p):
    xt, a_prev, c_prev = p["xt"], p["a_prev"], p["c_prev"]
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sigmoid(np.dot(p["Wf"], concat) + p["bf"])
    it = sigmoid(np.dot(p["Wi"], concat) + p["bi"])
    cct = np.tanh(np.dot(p["Wc"], concat) + p["bc"])
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(p["Wo"], concat) + p["bo"])
    a_next = ot * np.tanh(c_next)
    return {"a_next": a_next, "c_next": c_next}


def lstm_backward(p, dout, bug):
    xt, a_prev, c_prev = p["xt"], p["a_prev"], p["c_prev"]
    da_next, dc_next = dout["a_next"], dout["c_next"]
    n_a = a_prev.shape[0]
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sigmoid(np.dot(p["Wf"], concat) + p["bf"])
    it = sigmoid(np.dot(p["Wi"], concat) + p["bi"])
    cct = np.tanh(np.dot(p["Wc"], concat) + p["bc"])
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(p["Wo"], concat) + p["bo"])
    tc = np.tanh(c_next)
    dc = dc_next + ot * (1 - tc ** 2) * da_next  # everything that reaches c_next
    dot = da_next * tc * ot * (1 - ot)
    dcct = dc * it * (1 - cct ** 2)
    dit = dc * cct * it * (1 - it)
    dft = dc * c_prev * ft * (1 - ft)
    g = {"f": dft, "i": dit, "c": dcct, "o": dot}
    da_prev = sum(np.dot(p["W" + k][:, :n_a].T, g[k]) for k in "fico")
    dxt = sum(np.dot(p["W" + k][:, n_a:].T, g[k]) for k in "fico")
    dc_prev = dc_next * ft + ot * (1 - tc ** 2) * ft * da_next
    if bug: dc_prev = dc_next * ft + ot * (1 - tc ** 2) * da_next  # the ft factor dropped on the a_next path
    out = {"dxt": dxt, "da_prev": da_prev, "dc_prev": dc_prev}
    for k in "fico":
        out["dW" + k] = np.dot(g[k], concat.T)
        out["db" + k] = np.sum(g[k], axis=1, keepdims=True)
    return out


def lstm_torch(xt, a_prev, c_prev, Wf, bf, Wi, bi, Wc, bc, Wo, bo):
    concat = torch.cat((a_prev, xt), 0)
    ft = torch.sigmoid(Wf @ concat + bf)
    it = torch.sigmoid(Wi @ concat + bi)
    cct = torch.tanh(Wc @ concat + bc)
    c_next = ft * c_prev + it * cct
    ot = torch.sigmoid(Wo @ concat + bo)
    return ot * torch.tanh(c_next), c_next


def make_lstm():
    n_x, n_a, m = 3, 4, 2
    rs = np.random.RandomState(1)
    xt, a_prev, c_prev = rs.randn(n_x, m), rs.randn(n_a, m), rs.randn(n_a, m)
    drawn = {}
    for k in "fioc":  # the course's lstm_cell_forward_test_case draws Wf, bf, Wi, bi, Wo, bo, Wc, bc in this order
        drawn["W" + k], drawn["b" + k] = rs.randn(n_a, n_a + n_x), rs.randn(n_a, 1)
    p = {"xt": xt, "a_prev": a_prev, "c_prev": c_prev}
    for k in "fico": p["W" + k], p["b" + k] = drawn["W" + k], drawn["b" + k]
    dout = {"a_next": rs.randn(n_a, m), "c_next": rs.randn(n_a, m)}
    out = vector_case(
        "lstm", "The course's lstm_cell_forward(xt, a_prev, c_prev, parameters), n_x = 3, n_a = 4, m = 2: "
        "concat = [a_prev; xt] (a_prev on top), ft = σ(Wf·concat + bf), it = σ(Wi·concat + bi), "
        "cct = tanh(Wc·concat + bc), c_next = ft·c_prev + it·cct, ot = σ(Wo·concat + bo), a_next = ot·tanh(c_next). "
        "Two outputs, a_next then c_next; the VJP takes both upstream gradients.",
        p, lstm_torch, dout, lstm_forward, lstm_backward,
        ("dc_prev = dc_next·ft + ot·(1 − tanh²(c_next))·da_next: the ft factor dropped on the path through "
         "a_next; every other gradient is right", ["dc_prev"]),
        {"n_x": n_x, "n_a": n_a, "m": m})
    return out


# ------------------------------------------------ Rosenbrock: gradient, Hessian, Hessian-vector product
def rosenbrock_torch(th):
    return (100 * (th[1:] - th[:-1] ** 2) ** 2 + (1 - th[:-1]) ** 2).sum()


def rosenbrock_hessian(th):
    """The analytic Hessian in numpy: tridiagonal, H[i, i+1] = H[i+1, i] = −400·θ_i."""
    n = len(th); H = np.zeros((n, n))
    for i in range(n - 1):
        H[i, i] += 1200 * th[i] ** 2 - 400 * th[i + 1] + 2
        H[i + 1, i + 1] += 200
        H[i, i + 1] = H[i + 1, i] = -400 * th[i]
    return H


def make_rosenbrock():
    theta = np.array([-1.2, 1.0, 0.7, 1.3])
    rs = np.random.RandomState(5)
    v = rs.randn(4)
    th = t(theta).requires_grad_(True)
    cost = rosenbrock_torch(th)
    grad, = torch.autograd.grad(cost, th)
    H = torch.autograd.functional.hessian(rosenbrock_torch, t(theta)).numpy()
    _, hvp = torch.autograd.functional.hvp(rosenbrock_torch, t(theta), t(v))
    hvp = hvp.numpy()
    Jg = torch.autograd.functional.jacobian(lambda x: torch.autograd.grad(rosenbrock_torch(x), x, create_graph=True)[0],
                                            t(theta)).numpy()
    close(Jg, H, "rosenbrock jacobian of the gradient")
    close(rosenbrock_hessian(theta), H, "rosenbrock numpy hessian")
    close(H @ v, hvp, "rosenbrock H v")
    assert np.array_equal(H, H.T)

    asym = H.copy(); asym[0, 1] = -400 * theta[1]
    sym = H.copy(); sym[1, 2] = sym[2, 1] = -200 * theta[1]
    assert np.count_nonzero(asym != H) == 1 and np.count_nonzero(sym != H) == 2
    assert sym[1, 2] - H[1, 2] == sym[2, 1] - H[2, 1] != 0 and np.array_equal(sym, sym.T)
    bugs = {
        "asymmetric": {"bug": "H[0,1] = −400·θ[1] instead of −400·θ[0] (the wrong index in that one entry); "
                              "H[1,0] stays right, so the Hessian is not symmetric", "entries": [[0, 1]],
                       "hessian": L(asym), "hvp": L(asym @ v)},
        "symmetric": {"bug": "H[1,2] = H[2,1] = −200·θ[1] instead of −400·θ[1] (the factor 2 of d(θ²)/dθ lost in "
                             "that coupling); the Hessian stays symmetric", "entries": [[1, 2], [2, 1]],
                      "hessian": L(sym), "hvp": L(sym @ v)}}
    return {"name": "rosenbrock",
            "description": "f(θ) = Σ_{i=0}^{n−2} 100·(θ_{i+1} − θ_i²)² + (1 − θ_i)² for θ of length 4, at a fixed "
                           "point; gradient by torch.autograd.grad, Hessian by torch.autograd.functional.hessian, "
                           "Hessian-vector product H·v by torch.autograd.functional.hvp. The buggy Hessians' "
                           "products are numpy's H_bug·v.",
            "theta": L(theta), "cost": float(cost.item()), "gradient": L(grad.numpy()), "hessian": L(H),
            "v": L(v), "hvp": L(hvp), "bugs": bugs}


if __name__ == "__main__":
    os.makedirs(mf.OUT, exist_ok=True)
    mf.dump("jacobian_layers.json", {
        "conventions": "Each vector case: inputs is a dictionary of blocks in input_order, outputs of blocks in "
                       "output_order, each a nested list in its natural shape (row-major). jacobian is "
                       "[outputs, inputs]: rows are the outputs' blocks flattened row-major and concatenated in "
                       "output_order, columns likewise the inputs' in input_order. dout is one fixed upstream "
                       "gradient in the outputs' shapes; vjp is torch's doutᵀ·J in the inputs' shapes, keyed 'd' + "
                       "the input's name; vjp_bug is the planted bug's backward for the same dout (numpy), "
                       "bug_blocks the keys where it differs from vjp.",
        "cases": [make_affine(), make_softmax("softmax", (5,), 2), make_softmax("softmax_axis0", (4, 3), 3),
                  make_conv(), make_lstm(), make_rosenbrock()]})
