#!/usr/bin/python3
"""The scriptblock verdict corpus: user code written as PowerShell scriptblocks, each a scalar cost J(θ).

Run from the repo root:  /usr/bin/python3 tests/corpus/script/make_script_corpus.py
Writes tests/corpus/script/fixtures/script_cases.json. Deterministic: every family draws from its own
numpy Generator seeded [SEED, family number], and torch runs on one thread, so two runs give the same file.
Floats are written by json.dump, which uses repr() and so round-trips float64 exactly.

Per case the truth is torch autograd in float64 of the cost that ScriptLayers.ps1 computes in PowerShell
(the same formulas, written twice). The buggy gradients are the mistakes people make: generic ones (a block
×1.01, ×1.001, ×2, a sign flipped, one entry off, a square block transposed, two blocks swapped, a block
zeroed) and each family's structural ones, which are torch autograd of a wrongly written backward (a
custom autograd.Function with a wrong derivative, a detach() where the dependency matters, the mean
forgotten, …). So no number in the fixture comes from GradCheck.

Layout of the file: {"generator", "conventions", "cases": [...]}; each case has id, family, cost (the
cost formula ScriptLayers.ps1 builds), condition, cfg, float32, seed (for the scriptblock's own
[System.Random]), J, nu and nu_source (ν, the rounding of one evaluation of the cost, see conventions),
params and data ({name: {shape, data}}, data flat row-major), truth ({name: flat}), optionally limitation
(a known weakness of the verdict, with why; none at present), and bugs: [{kind, description, changed, rel, maxabs,
at_kink, grad}] where grad holds only the changed blocks (the others equal truth).
"""
import json, math, os, sys
import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
SEED = 20240601
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "script_cases.json")
GEN = {"script": "tests/corpus/script/make_script_corpus.py", "python": sys.version.split()[0],
       "numpy": np.__version__, "torch": torch.__version__, "seed": SEED}
U = 2.0 ** -52
C_GELU = math.sqrt(2 / math.pi)
SELU_A, SELU_S = 1.6732632423543772, 1.0507009873554805

CONVENTIONS = {
    "truth": "torch.autograd in float64 of the unrounded, noise-free cost",
    "nu": "the rounding of one evaluation of the cost: u|J| (u = 2^-52), 2^-24|J| for a float32 cost, "
          "raised to noise*|J| for a cost with relative noise, to half the rounding quantum for a rounded J, "
          "to c*2^-53 for J = (c + L) - c, to u*max(h^2) for group norm's one-pass variance E[h^2] - E[h]^2; null (infinite) for a dropout mask redrawn on every call",
    "at_kink": "true when every entry the bug changes sits at an exact kink of J (its one-sided partial "
               "derivatives differ, by torch autograd at theta -/+ 1e-9 along the entry) and its buggy value "
               "lies between them: a valid one-sided derivative, not a bug a finite difference can find",
    "rel": "per changed block, ||g_bug - g_truth|| / ||g_truth||",
    "maxabs": "per changed block, max |g_bug - g_truth|",
    "layout": "params are ordered as a user writes them (W1, b1, W2, b2, ...); 2-D blocks row-major",
}


# ------------------------------------------------------------------ activations and losses
def act_fn(name, z, alpha=1.0):
    if name == 'gelu': return 0.5 * z * (1 + torch.tanh(C_GELU * (z + 0.044715 * z ** 3)))
    if name == 'gelu_erf': return 0.5 * z * (1 + torch.erf(z / math.sqrt(2)))
    if name == 'silu': return z / (1 + torch.exp(-z))
    if name == 'softplus': return torch.relu(z) + torch.log(1 + torch.exp(-torch.abs(z)))
    if name == 'elu': return torch.where(z > 0, z, alpha * (torch.exp(z) - 1))
    if name == 'selu': return SELU_S * torch.where(z > 0, z, SELU_A * (torch.exp(z) - 1))
    if name == 'sigmoid': return 1 / (1 + torch.exp(-z))
    if name == 'tanh': return torch.tanh(z)
    if name == 'hardtanh': return torch.clamp(z, -1.0, 1.0)
    raise ValueError(name)


# The derivative a person gets wrong, per activation (the 'act' bug).
ACT_BUG = {
    'softplus': "softplus' taken as sigmoid(-z)",
    'silu': "silu' taken as sigmoid(z), the z·s·(1 - s) term forgotten",
    'elu': "elu' on the negative side taken as the output a·(e^z - 1) instead of output + a",
    'selu': "selu' on the negative side without the scale s",
    'sigmoid': "sigmoid' taken as s, the (1 - s) forgotten",
    'tanh': "tanh' taken as 1 - tanh(z), the square forgotten",
    'hardtanh': "hardtanh' taken as 1 everywhere (straight-through, the mask forgotten)",
    'gelu': "gelu' with the product term forgotten: 0.5·(1 + tanh(·)) only",
}


class BugAct(torch.autograd.Function):
    """The activation with a deliberately wrong backward."""

    @staticmethod
    def forward(ctx, z, name, alpha):
        ctx.save_for_backward(z)
        ctx.name, ctx.alpha = name, alpha
        with torch.no_grad():
            return act_fn(name, z, alpha).clone()

    @staticmethod
    def backward(ctx, g):
        (z,) = ctx.saved_tensors
        n, a = ctx.name, ctx.alpha
        s = 1 / (1 + torch.exp(-z))
        if n == 'softplus': d = 1 / (1 + torch.exp(z))
        elif n == 'silu': d = s
        elif n == 'elu': d = torch.where(z > 0, torch.ones_like(z), a * (torch.exp(z) - 1))
        elif n == 'selu': d = torch.where(z > 0, SELU_S * torch.ones_like(z), SELU_A * torch.exp(z))
        elif n == 'sigmoid': d = s
        elif n == 'tanh': d = 1 - torch.tanh(z)
        elif n == 'hardtanh': d = torch.ones_like(z)
        elif n == 'gelu': d = 0.5 * (1 + torch.tanh(C_GELU * (z + 0.044715 * z ** 3)))
        else: raise ValueError(n)
        return g * d, None, None


def loss_fn(cfg, Z, Y):
    L = cfg['loss']
    if L == 'mse': return ((Z - Y) ** 2).mean()
    if L == 'huber':
        d = cfg['delta']; r = Z - Y; a = torch.abs(r)
        return torch.where(a <= d, 0.5 * r ** 2, d * (a - 0.5 * d)).mean()
    if L == 'smoothl1':
        b = cfg['delta']; r = Z - Y; a = torch.abs(r)
        return torch.where(a < b, 0.5 * r ** 2 / b, a - 0.5 * b).mean()
    if L == 'l1': return torch.abs(Z - Y).mean()
    if L == 'bce':
        z = Z[:, 0]; y = Y[:, 0]
        return (torch.relu(z) - z * y + torch.log(1 + torch.exp(-torch.abs(z)))).mean()
    if L == 'ce':
        m = Z.max(dim=1, keepdim=True).values.detach()
        lse = m[:, 0] + torch.log(torch.exp(Z - m).sum(dim=1))
        return (lse - Z[torch.arange(Z.shape[0]), Y[:, 0].long()]).mean()
    raise ValueError(L)


# ------------------------------------------------------------------ costs (each mirrored in ScriptLayers.ps1)
def mlp_cost(P, D, cfg, bug=None):
    """One or two layers: Z = act(X W1ᵀ + b1) W2ᵀ + b2 (or X W1ᵀ + b1, optionally through outact), a loss,
    an optional L1/L2 penalty on the weights; J = offset + scale·(loss + penalty)."""
    X, Y = D['X'], D['Y']
    n = X.shape[0]
    if 'W2' in P:
        Z1 = X @ P['W1'].T + P['b1']
        if bug == 'act': A = BugAct.apply(Z1, cfg['act'], cfg.get('alpha', 1.0))
        elif bug == 'gelu_erf': A = act_fn('gelu_erf', Z1)
        else: A = act_fn(cfg['act'], Z1, cfg.get('alpha', 1.0))
        Z = A @ P['W2'].T + P['b2']
        Ws = ['W1', 'W2']
    else:
        Z = X @ P['W1'].T + P['b1']
        if cfg.get('outact'):
            Z = BugAct.apply(Z, cfg['outact'], 1.0) if bug == 'act' else act_fn(cfg['outact'], Z)
        Ws = ['W1']
    c2 = dict(cfg)
    if bug == 'delta': c2['delta'] = cfg['delta'] * 2
    loss = loss_fn(c2, Z, Y)
    if bug == 'sum': loss = loss * n
    pen = 0.0
    if cfg.get('pen') and bug != 'nopen':
        for w in Ws:
            pen = pen + (0.5 * cfg['lam'] * (P[w] ** 2).sum() if cfg['pen'] == 'l2' else cfg['lam'] * torch.abs(P[w]).sum())
    if bug == 'l2forl1':
        pen = sum(0.5 * cfg['lam'] * (P[w] ** 2).sum() for w in Ws)
    return cfg.get('offset', 0.0) + cfg.get('scale', 1.0) * (loss + pen)


def maxout_cost(P, D, cfg, bug=None):
    X, Y, k, h = D['X'], D['Y'], cfg['k'], cfg['h']
    Z = (X @ P['W'].T + P['b']).reshape(X.shape[0], h, k)
    if bug == 'second':  # the gradient routed to the runner-up piece
        idx = Z.argsort(dim=2)[:, :, -2:-1]
        A = torch.gather(Z, 2, idx)[:, :, 0]
        A = A + (Z.max(dim=2).values - A).detach()
    else:
        A = Z.max(dim=2).values
    O = A @ P['V'].T + P['c']
    return ((O - Y) ** 2).mean()


def groupnorm_cost(P, D, cfg, bug=None):
    X, R, G, eps = D['X'], D['R'], cfg['G'], cfg['eps']
    H = X @ P['W'].T + P['b']
    n, C = H.shape
    Hg = H.reshape(n, G, C // G)
    mu = Hg.mean(dim=2, keepdim=True)
    if bug == 'nomean': mu = mu.detach()
    var = ((Hg - mu) ** 2).mean(dim=2, keepdim=True)
    if bug == 'novar': var = var.detach()
    xh = ((Hg - mu) / torch.sqrt(var + eps)).reshape(n, C)
    return (torch.tanh(P['gamma'] * xh + P['beta']) * R).sum() / n


def embed_cost(P, D, cfg, bug=None):
    idx, y = D['idx'].long(), D['y']
    pred = torch.tanh(P['E'][idx].mean(dim=1)) @ P['w'] + P['c']
    return ((pred - y) ** 2).mean()


def tied_cost(P, D, cfg, bug=None):
    X, W = D['X'], P['W']
    We = W.detach() if bug == 'decoder_only' else W
    Wd = W.detach() if bug == 'encoder_only' else W
    Xr = torch.tanh(X @ We.T + P['b']) @ Wd + P['c']
    return ((Xr - X) ** 2).sum(dim=1).mean()


def cosine_cost(P, D, cfg, bug=None):
    X, T, eps = D['X'], D['T'], cfg['eps']
    Uu = X @ P['W'].T + P['b']
    nu = torch.sqrt((Uu ** 2).sum(dim=1) + eps)
    if bug == 'nonorm': nu = nu.detach()
    cos = (Uu * T).sum(dim=1) / (nu * torch.sqrt((T ** 2).sum(dim=1)))
    return (1 - cos).mean()


def smooth_cost(P, D, cfg, bug=None):
    u = P['x'] / cfg['s']
    f = cfg['f']
    if f == 'rosen': v = (100 * (u[1:] - u[:-1] ** 2) ** 2 + (1 - u[:-1]) ** 2).sum()
    elif f == 'lse':
        z = D['A'] @ u; m = z.max().detach(); v = m + torch.log(torch.exp(z - m).sum())
    elif f == 'expquad': v = torch.exp(0.1 * (u ** 2).sum()) + (u ** 4).sum() * 0.01
    elif f == 'logbar': v = -(torch.log(u) + torch.log(1 - u)).sum() + (u * D['a']).sum()
    return cfg.get('offset', 0.0) + cfg.get('scale', 1.0) * v


def quant_cost(P, D, cfg, bug=None):
    """A least-squares fit plus a quantised penalty λ·Σ floor(q·w)/q, whose gradient is 0 almost everywhere."""
    r = D['X'] @ P['w'] + P['b'] - D['y']
    return (r ** 2).mean() + cfg['lam'] * torch.floor(P['w'].detach() * cfg['q']).sum() / cfg['q']


def drop_cost(P, D, cfg, bug=None):
    A = torch.tanh(D['X'] @ P['W1'].T + P['b1']) * D['M'] / 0.8
    return ((A @ P['W2'].T + P['b2'] - D['Y']) ** 2).mean()


def two_cost(P, D, cfg, bug=None):
    return cfg['A'] * torch.sin(P['a']).sum() + cfg['B'] * torch.sin(P['b'] * D['k']).sum()


COSTS = dict(mlp=mlp_cost, maxout=maxout_cost, groupnorm=groupnorm_cost, gn1pass=groupnorm_cost,
             embed=embed_cost, tied=tied_cost, cosine=cosine_cost, smooth=smooth_cost, f32mlp=mlp_cost,
             quant=quant_cost, drop=drop_cost, two=two_cost)

STRUCT = {
    'act': None,  # per activation, ACT_BUG
    'gelu_erf': "the gradient of the erf GELU for a cost that uses the tanh approximation",
    'sum': "the loss's mean forgotten in the backward (a sum over the batch)",
    'nopen': "the penalty's gradient forgotten",
    'l2forl1': "the L2 penalty's gradient λ·W for an L1 penalty",
    'delta': "the Huber / smooth-L1 threshold taken as 2δ in the backward",
    'second': "the gradient routed to the runner-up piece instead of the max",
    'nomean': "the mean's dependence on the inputs forgotten (μ treated as a constant)",
    'novar': "the variance's dependence on the inputs forgotten (σ² treated as a constant)",
    'decoder_only': "a tied weight's gradient from the decoder only",
    'encoder_only': "a tied weight's gradient from the encoder only",
    'nonorm': "the norm's dependence on the inputs forgotten",
}
GENERIC = {
    'scale-1.01': "one block ×1.01", 'scale-1.001': "one block ×1.001", 'scale-2': "one block ×2",
    'sign-flip': "one entry's sign flipped", 'wrong-entry': "one entry off by 5 % of its block's RMS",
    'transposed': "a square block transposed", 'swapped': "two blocks of the same shape swapped",
    'zero-block': "one block left at zero",
}


def tt(a):
    return torch.tensor(np.asarray(a, dtype=np.float64))


def grad_of(kind, Pn, Dn, cfg, bug=None):
    P = {k: tt(v).requires_grad_(True) for k, v in Pn.items()}
    D = {k: tt(v) for k, v in Dn.items()}
    J = COSTS[kind](P, D, cfg, bug)
    gs = torch.autograd.grad(J, list(P.values()), allow_unused=True)
    return float(J), {k: (g.detach().numpy().copy() if g is not None else np.zeros_like(np.asarray(Pn[k], dtype=float)))
                      for k, g in zip(P.keys(), gs)}


def one_sided(kind, Pn, Dn, cfg):
    """Per entry, torch's partial derivative at θ − δ and θ + δ along it (δ = 1e-9·max(1, |θ_i|))."""
    out = {}
    for name, v in Pn.items():
        v = np.asarray(v, dtype=np.float64)
        lo, hi = np.zeros(v.size), np.zeros(v.size)
        for i in range(v.size):
            for sign, dst in ((-1, lo), (1, hi)):
                Q = {k: np.array(w, dtype=np.float64, copy=True) for k, w in Pn.items()}
                flat = Q[name].reshape(-1)
                flat[i] += sign * 1e-9 * max(1.0, abs(flat[i]))
                dst[i] = grad_of(kind, Q, Dn, cfg)[1][name].reshape(-1)[i]
        out[name] = (lo, hi)
    return out


def generic_bugs(truth, rng):
    bugs = []
    names = list(truth.keys())

    def rb():  # a random block with a nonzero gradient
        cand = [k for k in names if np.abs(truth[k]).max() > 0]
        return cand[rng.integers(len(cand))] if cand else names[0]

    def cp():
        return {k: v.copy() for k, v in truth.items()}

    for kind, factor in (('scale-1.01', 1.01), ('scale-1.001', 1.001), ('scale-2', 2.0)):
        b = rb(); g = cp(); g[b] = g[b] * factor; bugs.append((kind, g))
    b = rb(); g = cp(); f = g[b].reshape(-1); a = np.abs(f)
    i = int(np.argsort(a)[len(a) // 2 + (len(a) - 1) // 4]) if len(a) > 1 else 0
    f[i] = -f[i]; bugs.append(('sign-flip', g))
    big = max(names, key=lambda k: truth[k].size); g = cp(); f = g[big].reshape(-1)
    i = int(rng.integers(f.size)); f[i] += 0.05 * np.sqrt((f ** 2).mean()) + 1e-300; bugs.append(('wrong-entry', g))
    sq = [k for k in names if truth[k].ndim == 2 and truth[k].shape[0] == truth[k].shape[1] and truth[k].shape[0] > 1]
    if sq: g = cp(); g[sq[0]] = g[sq[0]].T.copy(); bugs.append(('transposed', g))
    same = [(a_, c) for i_, a_ in enumerate(names) for c in names[i_ + 1:] if truth[a_].shape == truth[c].shape]
    if same: a_, c = same[0]; g = cp(); g[a_], g[c] = truth[c].copy(), truth[a_].copy(); bugs.append(('swapped', g))
    b = rb(); g = cp(); g[b] = np.zeros_like(g[b]); bugs.append(('zero-block', g))
    return bugs


def nu_of(J, cond, cfg, f32):
    if cond == 'fresh-mask': return None, 'fresh-mask'
    v, src = (2.0 ** -24 if f32 else U) * abs(J), ('2^-24|J|' if f32 else 'u|J|')
    for key, val, name in (('noise', cfg.get('noise', 0) * abs(J), 'noise|J|'),
                           ('roundq', cfg.get('roundq', 0) / 2, 'quantum/2'),
                           ('cancel', cfg.get('cancel', 0) * 2.0 ** -53, 'c*2^-53')):
        if key in cfg and val > v: v, src = val, name
    return v, src


def enc(a):
    a = np.asarray(a, dtype=np.float64)
    return dict(shape=list(a.shape), data=a.reshape(-1).tolist())


def bundle(cid, family, kind, cond, Pn, Dn, cfg, struct, rng, seed, f32=False, extra=None):
    J, truth = grad_of(kind, Pn, Dn, cfg)
    bugs = [(k, GENERIC[k], g) for k, g in generic_bugs(truth, rng)]
    for sb in struct:
        _, gb = grad_of(kind, Pn, Dn, cfg, sb)
        desc = ACT_BUG[cfg.get('act') or cfg.get('outact')] if sb == 'act' else STRUCT[sb]
        bugs.append(('act' if sb == 'act' else sb, desc, gb))
    if extra: bugs += extra(truth)
    sides = one_sided(kind, Pn, Dn, cfg) if 'exact' in cond else None
    out = []
    for k, desc, g in bugs:
        ch = [b for b in truth if not np.array_equal(g[b], truth[b])]
        if not ch: continue
        at_kink = sides is not None
        if sides is not None:
            for b in ch:
                lo, hi = sides[b]
                for i in np.nonzero(g[b].reshape(-1) != truth[b].reshape(-1))[0]:
                    a, c, x = lo[i], hi[i], g[b].reshape(-1)[i]
                    slack = 1e-6 * (abs(a) + abs(c)) + 1e-12
                    if abs(a - c) <= slack or not (min(a, c) - slack <= x <= max(a, c) + slack):
                        at_kink = False
        rel = {b: float(np.linalg.norm(g[b] - truth[b]) / max(np.linalg.norm(truth[b]), 1e-300)) for b in ch}
        mx = {b: float(np.abs(g[b] - truth[b]).max()) for b in ch}
        out.append(dict(kind=k, description=desc, changed=ch, rel=rel, maxabs=mx, at_kink=at_kink,
                        grad={b: g[b].reshape(-1).tolist() for b in ch}))
    nu, src = nu_of(J, cond, cfg, f32)
    if kind == 'gn1pass':  # E[h²] − E[h]² loses the digits of the mean: the variance is off by about u·max h²
        Hmax = float(np.max((Dn['X'] @ Pn['W'].T + Pn['b']) ** 2)) * U
        if Hmax > nu: nu, src = Hmax, 'u*max(h^2)'
    case = dict(id=cid, family=family, cost=kind, condition=cond, cfg=cfg, float32=f32, seed=seed, J=J,
                nu=nu, nu_source=src, params={k: enc(v) for k, v in Pn.items()},
                data={k: enc(v) for k, v in Dn.items()}, truth={k: v.reshape(-1).tolist() for k, v in truth.items()},
                bugs=out)
    return case


def mlp_case(rng, act, loss, n=6, d=3, h=4, o=2, wscale=1.0, xscale=1.0, **cfgkw):
    X = rng.normal(size=(n, d)) * xscale
    P = dict(W1=rng.normal(size=(h, d)) * wscale / np.sqrt(d), b1=rng.normal(size=h) * 0.3 * wscale)
    if act:
        P['W2'] = rng.normal(size=(o, h)) / np.sqrt(h); P['b2'] = rng.normal(size=o) * 0.3
    oo = o if act else h
    if loss == 'bce': Y = (rng.random(size=(n, 1)) < 0.5).astype(float)
    elif loss == 'ce': Y = rng.integers(0, oo, size=(n, 1)).astype(float)
    else: Y = rng.normal(size=(n, oo))
    cfg = dict(act=act, loss=loss); cfg.update(cfgkw)
    return P, dict(X=X, Y=Y), cfg


# ------------------------------------------------------------------ the families
FAMILIES = []


def family(fn):
    FAMILIES.append(fn)
    return fn


@family
def gelu_silu(rng, add):
    for i, (act, cond, kw) in enumerate([('gelu', 'plain', {}), ('gelu', 'theta-large', dict(wscale=8)),
                                         ('gelu', 'J-offset', dict(offset=1e6)), ('silu', 'plain', {}),
                                         ('silu', 'J-scale', dict(scale=1e-6)), ('gelu', 'x-large', dict(xscale=30))]):
        P, D, cfg = mlp_case(rng, act, 'mse', **kw)
        add('gelu-%d' % i, 'gelu-silu', 'mlp', cond, P, D, cfg, ['act'] + (['gelu_erf'] if act == 'gelu' else []))


@family
def softplus_bce(rng, add):
    for i, (cond, kw) in enumerate([('plain', {}), ('saturated', dict(wscale=30)), ('J-offset', dict(offset=1e3)),
                                    ('l2', dict(pen='l2', lam=0.1))]):
        P, D, cfg = mlp_case(rng, 'softplus', 'bce', o=1, **kw)
        add('softplus-%d' % i, 'softplus-bce', 'mlp', cond, P, D, cfg, ['act', 'sum'] + (['nopen'] if 'pen' in kw else []))


@family
def elu_selu(rng, add):
    for i, (act, cond, alpha) in enumerate([('elu', 'plain', 1.0), ('elu', 'near-kink', 0.5), ('selu', 'plain', 1.0),
                                            ('selu', 'near-kink', 1.0), ('elu', 'near-kink', 1.0),
                                            ('selu', 'exact-zero', 1.0)]):
        P, D, cfg = mlp_case(rng, act, 'mse', alpha=alpha)
        if cond in ('near-kink', 'exact-zero'):
            Z = D['X'] @ P['W1'].T + P['b1']
            for j in range(P['b1'].size):  # example j mod n's pre-activation of unit j next to (or at) 0
                e = j % D['X'].shape[0]
                off = 0.0 if cond == 'exact-zero' else rng.choice([-1, 1]) * 10 ** rng.uniform(-10, -7.5)
                P['b1'][j] -= Z[e, j] - off
        add('elu-%d' % i, 'elu-selu', 'mlp', cond, P, D, cfg, ['act'])


@family
def tanh_sigmoid(rng, add):
    for i, (act, cond, ws) in enumerate([('tanh', 'plain', 1), ('tanh', 'saturated', 15), ('sigmoid', 'plain', 1),
                                         ('sigmoid', 'saturated', 25), ('tanh', 'theta-large', 200)]):
        P, D, cfg = mlp_case(rng, act, 'mse', wscale=ws)
        add('sat-%d' % i, 'tanh-sigmoid', 'mlp', cond, P, D, cfg, ['act'])


@family
def huber(rng, add):
    for i, (loss, cond, delta) in enumerate([('huber', 'plain', 1.0), ('huber', 'near-kink', 0.5),
                                             ('smoothl1', 'near-kink', 1.0), ('smoothl1', 'plain', 0.1),
                                             ('huber', 'outliers', 0.1), ('l1', 'plain', 0)]):
        P, D, cfg = mlp_case(rng, None, loss, n=8, d=4, h=3, delta=delta)
        if cond == 'near-kink':  # residuals 1e-10..1e-8 from ±δ
            Z = D['X'] @ P['W1'].T + P['b1']; Y = D['Y']
            for e in range(4):
                j = e % Y.shape[1]; s = rng.choice([-1, 1])
                Y[e, j] = Z[e, j] - s * (delta + rng.choice([-1, 1]) * 10 ** rng.uniform(-10, -8))
        if cond == 'outliers': D['Y'][:3] *= 50
        add('huber-%d' % i, 'huber-smoothl1', 'mlp', cond, P, D, cfg, (['delta'] if loss != 'l1' else []) + ['sum'])


@family
def l1_penalty(rng, add):
    for i, (cond, vals) in enumerate([('exact-zero', [0.0, 0.0]), ('tiny', [1e-9, -3e-8]), ('plain', None),
                                      ('tiny-large-lam', [2e-8, -5e-10])]):
        P, D, cfg = mlp_case(rng, None, 'mse', n=8, d=5, h=2, pen='l1', lam=0.05 if 'large' not in cond else 2.0)
        if vals: P['W1'][0, 0] = vals[0]; P['W1'][1, 2] = vals[1]
        add('l1-%d' % i, 'l1-penalty', 'mlp', cond, P, D, cfg, ['nopen', 'l2forl1'])


@family
def hardtanh(rng, add):
    for i, cond in enumerate(['plain', 'near-kink', 'saturated', 'plain-out']):
        if cond == 'plain-out':
            P, D, cfg = mlp_case(rng, None, 'mse', n=6, d=4, h=3, outact='hardtanh', wscale=1.5)
        else:
            P, D, cfg = mlp_case(rng, 'hardtanh', 'mse', wscale=3 if cond == 'saturated' else 1.2)
        if cond == 'near-kink':
            Z = D['X'] @ P['W1'].T + P['b1']
            for j in range(P['b1'].size):
                e = j % D['X'].shape[0]
                P['b1'][j] -= Z[e, j] - rng.choice([-1, 1]) * (1 + rng.choice([-1, 1]) * 10 ** rng.uniform(-10, -7.5))
        add('clamp-%d' % i, 'hardtanh-clamp', 'mlp', cond, P, D, cfg, ['act'])


@family
def lse_ce(rng, add):
    for i, (cond, xs, kw) in enumerate([('plain', 1, {}), ('large-logits', 300, {}),
                                        ('large-logits-l2', 100, dict(pen='l2', lam=1e-3)), ('huge-logits', 3000, {})]):
        P, D, cfg = mlp_case(rng, None, 'ce', n=6, d=4, h=4, xscale=xs, **kw)
        add('lse-%d' % i, 'lse-ce', 'mlp', cond, P, D, cfg, ['sum'] + (['nopen'] if kw else []))


@family
def j_scale_offset(rng, add):
    for i, (cond, kw, n) in enumerate([('big-mean', {}, 60), ('offset-1e6', dict(offset=1e6), 20),
                                       ('sum-1e3', dict(scale=60.0 * 50), 60), ('tiny-J', dict(scale=1e-9), 20),
                                       ('offset-1e6-l2', dict(offset=1e6, pen='l2', lam=1e-4), 20)]):
        P, D, cfg = mlp_case(rng, 'tanh', 'mse', n=n, d=3, h=4, o=1, **kw)
        add('scale-%d' % i, 'J-scale-offset', 'mlp', cond, P, D, cfg, ['sum'] + (['nopen'] if 'pen' in kw else []))


@family
def maxout(rng, add):
    for i, cond in enumerate(['plain', 'near-tie', 'exact-tie', 'plain']):
        n, d, h, k, o = 6, 3, 3, 3, 2
        X = rng.normal(size=(n, d))
        P = dict(W=rng.normal(size=(h * k, d)), b=rng.normal(size=h * k) * 0.3, V=rng.normal(size=(o, h)),
                 c=rng.normal(size=o))
        if cond in ('near-tie', 'exact-tie'):  # example j's top two pieces of unit j tied (or 1e-10..1e-8 apart)
            Z = X @ P['W'].T + P['b']
            for j in range(h):
                zz = Z[j, j * k:(j + 1) * k]; top = np.argsort(zz)[-2:]
                off = 0.0 if cond == 'exact-tie' else 10 ** rng.uniform(-10, -8)
                P['b'][j * k + top[0]] += zz[top[1]] - zz[top[0]] - off
        add('maxout-%d' % i, 'maxout', 'maxout', cond, P, dict(X=X, Y=rng.normal(size=(n, o))), dict(k=k, h=h), ['second'])


@family
def group_norm(rng, add):
    for i, (cond, eps) in enumerate([('plain', 1e-5), ('tiny-var', 1e-5), ('tiny-var-eps0', 1e-12), ('plain', 1e-3)]):
        n, d, C, G = 4, 3, 6, 2
        X = rng.normal(size=(n, d)); W = rng.normal(size=(C, d)); b = rng.normal(size=C) * 0.3
        if cond.startswith('tiny-var'):
            W[1] = W[0] + rng.normal(size=d) * 1e-3; W[2] = W[0] + rng.normal(size=d) * 1e-3; b[1] = b[0] + 1e-3; b[2] = b[0] - 1e-3
        P = dict(W=W, b=b, gamma=1 + 0.1 * rng.normal(size=C), beta=0.1 * rng.normal(size=C))
        add('gn-%d' % i, 'group-norm', 'groupnorm', cond, P, dict(X=X, R=rng.normal(size=(n, C))), dict(G=G, eps=eps),
            ['nomean', 'novar'])


@family
def embedding(rng, add):
    for i, cond in enumerate(['repeats', 'heavy-repeats', 'plain']):
        V, Dm, n, L = 8, 3, 5, 4
        idx = rng.integers(0, V if cond == 'plain' else (3 if cond == 'heavy-repeats' else 5), size=(n, L))
        P = dict(E=rng.normal(size=(V, Dm)), w=rng.normal(size=Dm), c=np.array(0.1))
        Dd = dict(idx=idx.astype(float), y=rng.normal(size=n))

        def extra(truth, P=P, idx=idx, Dd=Dd):
            # A scatter that overwrites instead of accumulating: the last occurrence of a row wins.
            E = tt(P['E']).requires_grad_(True)
            rows = E[torch.tensor(idx)]; rows.retain_grad()
            pred = torch.tanh(rows.mean(dim=1)) @ tt(P['w']) + tt(P['c'])
            ((pred - tt(Dd['y'])) ** 2).mean().backward()
            gr = rows.grad.numpy(); gE = np.zeros_like(P['E'])
            for a in range(idx.shape[0]):
                for bb in range(idx.shape[1]): gE[idx[a, bb]] = gr[a, bb]
            g = {k: v.copy() for k, v in truth.items()}; g['E'] = gE
            g2 = {k: v.copy() for k, v in truth.items()}; g2['E'] = truth['E'] * idx.shape[1]
            return [('no-accumulate', "a repeated row's gradient overwritten, not accumulated", g),
                    ('missing-1/L', "the mean pooling's 1/L forgotten", g2)]
        add('embed-%d' % i, 'embedding', 'embed', cond, P, Dd, {}, [], extra=extra)


@family
def tied_weights(rng, add):
    for i, (cond, ws) in enumerate([('plain', 0.5), ('theta-large', 3.0), ('plain', 1.0)]):
        n, d, h = 5, 4, 4
        P = dict(W=rng.normal(size=(h, d)) * ws, b=rng.normal(size=h) * 0.2, c=rng.normal(size=d) * 0.2)
        add('tied-%d' % i, 'tied-weights', 'tied', cond, P, dict(X=rng.normal(size=(n, d))), {},
            ['decoder_only', 'encoder_only'])


@family
def cosine(rng, add):
    for i, (cond, ws, eps) in enumerate([('plain', 1.0, 1e-12), ('tiny-norm', 1e-4, 1e-12), ('tiny-norm-eps', 1e-5, 1e-8),
                                         ('tiny-norm-6', 1e-6, 0.0)]):
        n, d, k = 4, 3, 3
        P = dict(W=rng.normal(size=(k, d)) * ws, b=rng.normal(size=k) * ws * 0.3)
        add('cos-%d' % i, 'cosine', 'cosine', cond, P, dict(X=rng.normal(size=(n, d)), T=rng.normal(size=(n, k))),
            dict(eps=eps), ['nonorm'])


@family
def smooth_odd_scale(rng, add):
    for i, (f, s, kw, cond) in enumerate([('rosen', 1e4, {}, 'theta-1e4'), ('rosen', 1e-6, {}, 'theta-1e-6'),
                                          ('rosen', 1.0, dict(offset=1e6), 'offset-1e6'), ('lse', 1.0, {}, 'lse-large'),
                                          ('expquad', 1e-6, dict(scale=1e-12), 'tiny-all'),
                                          ('logbar', 1.0, {}, 'near-boundary'),
                                          ('expquad', 1e4, dict(scale=1e8), 'huge-J'), ('rosen', 1.0, {}, 'plain')]):
        m = 6
        if f == 'rosen': u = rng.normal(size=m) * 0.8
        elif f in ('lse', 'expquad'): u = rng.normal(size=m)
        else: u = rng.uniform(0.02, 0.98, size=m); u[0] = 1e-4; u[1] = 1 - 1e-5
        Dd = dict(A=rng.normal(size=(5, m)) * 200) if f == 'lse' else (dict(a=rng.normal(size=m)) if f == 'logbar' else {})
        cfg = dict(f=f, s=s); cfg.update(kw)
        add('smooth-%d' % i, 'smooth-odd-scale', 'smooth', cond, dict(x=u * s), Dd, cfg, [])


@family
def float32_cost(rng, add):
    for i, (cond, kw) in enumerate([('f32-plain', {}), ('f32-offset', dict(offset=100.0)),
                                    ('f32-large-theta', dict(wscale=20)), ('f32-sum', dict(scale=10.0))]):
        P, D, cfg = mlp_case(rng, 'tanh', 'mse', n=5, d=3, h=4, o=1, **kw)
        add('f32-%d' % i, 'float32-cost', 'f32mlp', cond, P, D, cfg, ['act'], f32=True)


@family
def noisy_cost(rng, add):
    # The scriptblock sums the examples in a shuffled order, or multiplies J by (1 + noise·U(−1, 1)), drawing
    # from a [System.Random] seeded with the case's seed: the noise is real, and the same on every run.
    for i, (cond, noise) in enumerate([('shuffled-sum', 0), ('noise-1e-13', 1e-13), ('noise-1e-10', 1e-10),
                                       ('noise-1e-8', 1e-8), ('shuffled-sum-big', 0)]):
        P, D, cfg = mlp_case(rng, 'tanh', 'mse', n=12 if 'big' not in cond else 40, d=3, h=4, o=1,
                             **(dict(noise=noise) if noise else dict(shuffle=True)))
        add('noisy-%d' % i, 'noisy-cost', 'mlp', cond, P, D, cfg, ['act'])


@family
def piecewise_const(rng, add):
    for i, cond in enumerate(['floor-far', 'floor-near', 'floor-near2', 'round-J-1e-8', 'round-J-1e-12']):
        if cond.startswith('floor'):
            n, d = 8, 4; X = rng.normal(size=(n, d)); w = rng.normal(size=d); q = 4.0
            if cond == 'floor-near': w[0] = np.round(w[0] * q) / q + 3e-8; w[2] = np.round(w[2] * q) / q - 2e-10
            if cond == 'floor-near2': w[1] = np.round(w[1] * q) / q + 1e-12
            add('quant-%d' % i, 'piecewise-const', 'quant', cond, dict(w=w, b=np.array(0.2)),
                dict(X=X, y=rng.normal(size=n)), dict(q=q, lam=0.5), [])
        else:  # J rounded to 8 or 12 decimals in the scriptblock ([Math]::Round)
            P, D, cfg = mlp_case(rng, 'tanh', 'mse', n=6, d=3, h=3, o=1, roundq=1e-8 if '1e-8' in cond else 1e-12)
            add('quant-%d' % i, 'piecewise-const', 'mlp', cond, P, D, cfg, ['act'])


@family
def offsets(rng, add):
    # An additive constant 3e6..1e7 (a Gaussian NLL's (n/2)·log 2π over a big data set) on several layers.
    for i, (act, loss, kw) in enumerate([('gelu', 'mse', {}), ('softplus', 'bce', dict(o=1)), ('tanh', 'mse', {}),
                                         ('elu', 'huber', dict(delta=0.5, alpha=1.0)), ('sigmoid', 'mse', {}),
                                         ('silu', 'ce', dict(o=3))]):
        for off in (1e7, 3e6):
            P, D, cfg = mlp_case(rng, act, loss, offset=off, **kw)
            add('off-%d-%g' % (i, off), 'offset-1e6..1e7', 'mlp', 'offset-%g' % off, P, D, cfg,
                ['act'] + (['sum'] if loss != 'mse' else []))


@family
def cancellation(rng, add):
    # J = (c + L) − c in the scriptblock: J is L rounded to c's spacing, far coarser than one rounding of |J|.
    for i, big in enumerate([1e8, 1e6, 1e10]):
        P, D, cfg = mlp_case(rng, 'tanh', 'mse', n=6, d=3, h=4, o=1, cancel=big)
        add('cancel-%d' % i, 'cancellation', 'mlp', 'cancel-%g' % big, P, D, cfg, ['act'])


@family
def groupnorm_onepass(rng, add):
    # Group norm with the one-pass variance E[h²] − E[h]² on activations of mean 1e2..3e3 (cancellation).
    for i, shift in enumerate([1e2, 1e3, 3e3]):
        n, d, C, G = 4, 3, 6, 2
        X = rng.normal(size=(n, d)); W = rng.normal(size=(C, d)); b = rng.normal(size=C) * 0.3 + shift
        P = dict(W=W, b=b, gamma=1 + 0.1 * rng.normal(size=C), beta=0.1 * rng.normal(size=C))
        add('gn1p-%d' % i, 'groupnorm-onepass', 'gn1pass', 'shift-%g' % shift, P, dict(X=X, R=rng.normal(size=(n, C))),
            dict(G=G, eps=1e-5), ['nomean', 'novar'])


@family
def dropout_state(rng, add):
    # A dropout mask fixed for the check, or redrawn on every cost call (the course's pitfall; the scriptblock's
    # [System.Random] is seeded, so the redrawn masks are the same on every run). Truth: the fixed mask M.
    for i, cond in enumerate(['fixed-mask', 'fresh-mask', 'fresh-mask']):
        n, d, h = 6, 3, 5
        X = rng.normal(size=(n, d)); M = (rng.random(size=(n, h)) < 0.8).astype(float)
        P = dict(W1=rng.normal(size=(h, d)), b1=rng.normal(size=h) * 0.3, W2=rng.normal(size=(1, h)), b2=rng.normal(size=1) * 0.3)
        add('drop-%d' % i, 'dropout-state', 'drop', cond, P, dict(X=X, Y=rng.normal(size=(n, 1)), M=M), {}, [])


@family
def block_scale(rng, add):
    # J = A·Σ sin(a) + B·Σ sin(k·b): two blocks whose gradients differ by 1e3..1e9.
    for i, (A, B) in enumerate([(1e6, 1e-3), (1e3, 1e-6), (1.0, 1e-9), (1e8, 1.0)]):
        P = dict(a=rng.normal(size=5), b=rng.normal(size=4)); Dd = dict(k=rng.uniform(0.5, 2, size=4))
        add('two-%d' % i, 'block-scale-mismatch', 'two', 'A=%g,B=%g' % (A, B), P, Dd, dict(A=A, B=B), [])


@family
def l1_subgradient(rng, add):
    # L1 at exact zeros: torch's sign(0) = 0 is the truth; sign(0) = +1 is another valid one-sided derivative.
    for i, lam in enumerate([0.05, 1.0, 1e-4]):
        P, D, cfg = mlp_case(rng, None, 'mse', n=8, d=5, h=2, pen='l1', lam=lam)
        P['W1'][0, 0] = 0.0; P['W1'][1, 3] = 0.0

        def extra(truth, P=P, lam=lam):
            g = {k: v.copy() for k, v in truth.items()}; g['W1'] = g['W1'] + lam * (P['W1'] == 0)
            g2 = {k: v.copy() for k, v in truth.items()}; g2['W1'] = g2['W1'] + 2 * lam * (P['W1'] == 0)
            return [('sign0=+1', "sign(0) taken as +1 at the zero weights (a valid one-sided derivative)", g),
                    ('2lam-at-zero', "2λ at the zero weights (outside the subdifferential)", g2)]
        add('l1z-%d' % i, 'l1-subgradient', 'mlp', 'exact-zero lam=%g' % lam, P, D, cfg, [], extra=extra)


def main():
    cases = []
    for number, fam in enumerate(FAMILIES):
        rng = np.random.default_rng([SEED, number])

        def add(cid, fam_name, kind, cond, P, D, cfg, struct, **kw):
            c = bundle(cid, fam_name, kind, cond, P, D, cfg, struct, rng, seed=SEED + len(cases), **kw)
            cases.append(c)
            print(c['id'], c['family'], c['condition'], 'J=%.4g' % c['J'], 'bugs', len(c['bugs']), file=sys.stderr)
        fam(rng, add)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(dict(generator=GEN, conventions=CONVENTIONS, cases=cases), f, separators=(',', ':'))
    print(len(cases), 'cases', sum(1 + len(c['bugs']) for c in cases), 'variants', os.path.getsize(OUT), 'bytes',
          file=sys.stderr)


if __name__ == '__main__':
    main()
