"""Independent exact reference geometry for the region tests (no relugeom import at all).

* :func:`fm_point` — Fourier–Motzkin elimination for a system of *strict* inequalities
  ``a·x < c`` (integer normals, rational offsets); returns a witness point or None. A strict system
  has an open solution set, so "feasible" and "nonempty interior" coincide. Exact, works on
  unbounded sets.
* :func:`reference_patterns` / :func:`all_patterns_brute` — the activation patterns whose
  frozen-pattern constraint systems have nonempty interior in the domain.
* :func:`polygon_refinement` — 2-D Sutherland–Hodgman clipping of the domain polygon by every
  hidden neuron in order, on Fractions.
* :func:`zaslavsky_regions` / :func:`whitney_regions` — region count of an affine hyperplane
  arrangement from its intersection poset (Möbius function) and from Whitney's subset formula.

Networks are given as raw layer lists ``[(W, b), ...]`` (entries int / Fraction / "p/q").
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cmp_to_key
from itertools import product

F = Fraction


# ------------------------------------------------------------------------------- networks


def as_layers(layers):
    return [([[F(v) for v in row] for row in w], [F(v) for v in b]) for w, b in layers]


def frozen_affine(layers, pattern, d):
    """Per hidden layer, the list of ``(a, c)`` with ``z_i(x) = a·x + c`` on the frozen cell of ``pattern``."""
    layers = as_layers(layers)
    h = [(tuple(F(int(i == j)) for j in range(d)), F(0)) for i in range(d)]
    out = []
    for k, (w, b) in enumerate(layers[:-1]):
        zs = []
        for row, bias in zip(w, b):
            a = [F(0)] * d
            c = bias
            for wt, (ha, hc) in zip(row, h):
                if wt:
                    for j in range(d):
                        a[j] += wt * ha[j]
                    c += wt * hc
            zs.append((tuple(a), c))
        out.append(zs)
        bits = pattern[k] if pattern is not None and k < len(pattern) else None
        if bits is None:
            break
        h = [z if on else (tuple(F(0) for _ in range(d)), F(0)) for z, on in zip(zs, bits)]
    return out


def network_output_affine(layers, pattern, d):
    """``(A, c)`` of the network on the frozen cell of ``pattern`` (independent of relugeom)."""
    layers = as_layers(layers)
    h = [(tuple(F(int(i == j)) for j in range(d)), F(0)) for i in range(d)]
    for k, (w, b) in enumerate(layers):
        zs = []
        for row, bias in zip(w, b):
            a = [F(0)] * d
            c = bias
            for wt, (ha, hc) in zip(row, h):
                for j in range(d):
                    a[j] += wt * ha[j]
                c += wt * hc
            zs.append((tuple(a), c))
        if k < len(layers) - 1:
            h = [z if on else (tuple(F(0) for _ in range(d)), F(0)) for z, on in zip(zs, pattern[k])]
        else:
            return tuple(z[0] for z in zs), tuple(z[1] for z in zs)


def evaluate(layers, x):
    """Exact forward pass and per-layer pre-activations."""
    layers = as_layers(layers)
    h = [F(v) for v in x]
    zs = []
    for k, (w, b) in enumerate(layers):
        z = [sum((wt * v for wt, v in zip(row, h)), bias) for row, bias in zip(w, b)]
        zs.append(z)
        h = [max(v, F(0)) for v in z] if k < len(layers) - 1 else z
    return zs


# ------------------------------------------------------------------ Fourier–Motzkin (strict)


def _norm(a, c):
    """Scale ``a·x < c`` to a primitive integer normal (positive factor); ``c`` stays a Fraction."""
    den = math.lcm(*(F(v).denominator for v in a), 1)
    ai = [int(F(v) * den) for v in a]
    c = F(c) * den
    g = math.gcd(*ai)
    if g > 1:
        ai = [v // g for v in ai]
        c = c / g
    return tuple(ai), c


def _dedupe(cons):
    best = {}
    for a, c in cons:
        if a in best:
            if c < best[a]:
                best[a] = c
        else:
            best[a] = c
    return list(best.items())


def fm_point(constraints, d):
    """A point with ``a·x < c`` for every ``(a, c)`` in ``constraints``, or None (exact).

    ``a`` are rational vectors of length ``d``; ``c`` rationals. Fourier–Motzkin elimination of
    x_{d-1}, …, x_0 (strict combined with strict stays strict), then back-substitution.
    """
    cur = _dedupe([_norm(a, c) for a, c in constraints])
    zero = (0,) * d
    if any(a == zero and c <= 0 for a, c in cur):
        return None
    stages = []
    for k in reversed(range(d)):
        stages.append((k, cur))
        pos = [(a, c) for a, c in cur if a[k] > 0]
        neg = [(a, c) for a, c in cur if a[k] < 0]
        new = [(a, c) for a, c in cur if a[k] == 0]
        for ap, cp in pos:
            for an, cn in neg:
                u, v = -an[k], ap[k]
                a = tuple(u * x + v * y for x, y in zip(ap, an))
                c = u * cp + v * cn
                if a == zero:
                    if c <= 0:
                        return None
                    continue
                new.append(_norm(a, c))
        cur = _dedupe(new)
        if any(a == zero and c <= 0 for a, c in cur):
            return None
    if any(c <= 0 for a, c in cur):
        return None
    x = [F(0)] * d
    for k, system in reversed(stages):  # stages[-1] is the system in x_0 only
        lo = hi = None
        for a, c in system:
            if a[k] == 0:
                continue
            rest = sum((a[j] * x[j] for j in range(k)), F(0))
            bound = (c - rest) / a[k]
            if a[k] > 0:
                hi = bound if hi is None else min(hi, bound)
            else:
                lo = bound if lo is None else max(lo, bound)
        if lo is not None and hi is not None:
            assert lo < hi, "Fourier–Motzkin back-substitution failed"
            x[k] = (lo + hi) / 2
        elif lo is not None:
            x[k] = lo + 1
        elif hi is not None:
            x[k] = hi - 1
        else:
            x[k] = F(0)
    x = tuple(x)
    for a, c in constraints:
        assert sum((F(ai) * xi for ai, xi in zip(a, x)), F(0)) < c
    return x


def fm_feasible_mixed(constraints, d):
    """Is ``{x : a·x < c (strict) or a·x ≤ c}`` nonempty? ``constraints``: ``(a, c, strict)`` (exact FM)."""
    cur = {}
    for a, c, strict in constraints:
        a, c = _norm(a, c)
        old = cur.get(a)
        if old is None or c < old[0] or (c == old[0] and strict):
            cur[a] = (c, strict)
    zero = (0,) * d

    def bad(items):
        return any(a == zero and (c < 0 or (c == 0 and s)) for a, (c, s) in items)

    if bad(cur.items()):
        return False
    for k in reversed(range(d)):
        items = list(cur.items())
        pos = [t for t in items if t[0][k] > 0]
        neg = [t for t in items if t[0][k] < 0]
        new = {}

        def add(a, c, s):
            old = new.get(a)
            if old is None or c < old[0] or (c == old[0] and s):
                new[a] = (c, s)

        for a, (c, s) in items:
            if a[k] == 0:
                add(a, c, s)
        for ap, (cp, sp) in pos:
            for an, (cn, sn) in neg:
                u, v = -an[k], ap[k]
                a = tuple(u * x + v * y for x, y in zip(ap, an))
                c = u * cp + v * cn
                if a == zero:
                    if c < 0 or (c == 0 and (sp or sn)):
                        return False
                    continue
                a2, c2 = _norm(a, c)
                add(a2, c2, sp or sn)
        cur = new
        if bad(cur.items()):
            return False
    return True


def polyhedron_bounded(a_rows, d):
    """Is ``{x : A x ≤ b}`` (nonempty) bounded, i.e. is its recession cone ``{r : A r ≤ 0}`` just 0?"""
    for i in range(d):
        for s in (1, -1):
            e = tuple(F(-s if j == i else 0) for j in range(d))  # s r_i ≥ 1  ⇔  -s r_i ≤ -1
            cons = [(tuple(F(v) for v in row), F(0), False) for row in a_rows] + [(e, F(-1), False)]
            if fm_feasible_mixed(cons, d):
                return False
    return True


# -------------------------------------------------------------------------- domains


def domain_bounded(spec):
    if spec[0] == "space":
        return False
    if spec[0] == "box":
        return True
    return polyhedron_bounded(spec[1], len(spec[1][0]))


def domain_constraints(spec):
    """``(d, [(a, c), ...])`` with the domain's interior ``{a·x < c}``.

    ``spec``: ``("space", d)``, ``("box", lo_list, hi_list)`` or ``("polytope", A, b)``.
    """
    kind = spec[0]
    if kind == "space":
        return spec[1], []
    if kind == "box":
        lo, hi = [F(v) for v in spec[1]], [F(v) for v in spec[2]]
        d = len(lo)
        cons = []
        for i in range(d):
            e = tuple(F(int(i == j)) for j in range(d))
            cons.append((tuple(-v for v in e), -lo[i]))
        for i in range(d):
            e = tuple(F(int(i == j)) for j in range(d))
            cons.append((e, hi[i]))
        return d, cons
    if kind == "polytope":
        a = [tuple(F(v) for v in row) for row in spec[1]]
        return len(a[0]), list(zip(a, [F(v) for v in spec[2]]))
    raise ValueError(kind)


def neuron_constraint(z, bit):
    """The strict constraint(s) of one neuron with frozen pre-activation ``z = (a, c)`` and bit ``bit``.

    Returns a list (empty when ``z ≡ 0`` and ``bit = 0``; the infeasible ``0 < 0`` when ``z ≡ 0``
    and ``bit = 1``).
    """
    a, c = z
    if bit:
        return [(tuple(-v for v in a), c)]  # a·x + c > 0
    if all(v == 0 for v in a) and c == 0:
        return []  # identically zero: inactive by convention
    return [(a, -c)]  # a·x + c < 0


def pattern_constraints(layers, pattern, d):
    out = []
    for zs, bits in zip(frozen_affine(layers, pattern, d), pattern):
        for z, bit in zip(zs, bits):
            out += neuron_constraint(z, bit)
    return out


def widths(layers):
    return [len(w) for w, _ in layers[:-1]]


def all_patterns_brute(layers, spec):
    """Every pattern in {0,1}^N tested separately (literal brute force; use for small N)."""
    d, dom = domain_constraints(spec)
    ws = widths(layers)
    n = sum(ws)
    found = {}
    for bits in product((0, 1), repeat=n):
        pattern, k = [], 0
        for w in ws:
            pattern.append(tuple(bits[k:k + w]))
            k += w
        pattern = tuple(pattern)
        x = fm_point(dom + pattern_constraints(layers, pattern, d), d)
        if x is not None:
            found[pattern] = x
    return found


def reference_patterns(layers, spec):
    """Same set as :func:`all_patterns_brute`, by depth-first search over the bits in neuron order,
    pruning a prefix as soon as its constraints (a subset of every extension's) are infeasible."""
    d, dom = domain_constraints(spec)
    layers = as_layers(layers)
    ws = widths(layers)
    found = {}

    def rec(layer, done, current, cons):
        # ``done``: completed layers' bit tuples; ``current``: bits of the current layer so far
        if layer == len(ws):
            found[tuple(done)] = fm_point(cons, d)
            return
        if len(current) == ws[layer]:
            rec(layer + 1, done + [tuple(current)], [], cons)
            return
        zs = frozen_affine(layers, tuple(done), d)[layer]
        z = zs[len(current)]
        for bit in (1, 0):
            new = cons + neuron_constraint(z, bit)
            if fm_point(new, d) is not None:
                rec(layer, done, current + [bit], new)

    if fm_point(dom, d) is not None:
        rec(0, [], [], list(dom))
    return found


# ----------------------------------------------------------------- 2-D polygon clipping


def shoelace(poly):
    n = len(poly)
    return sum((poly[i][0] * poly[(i + 1) % n][1] - poly[(i + 1) % n][0] * poly[i][1] for i in range(n)), F(0)) / 2


def clip(poly, a, c):
    """Sutherland–Hodgman: the part of the convex polygon where ``a·x + c ≥ 0``."""
    def g(p):
        return a[0] * p[0] + a[1] * p[1] + c

    out = []
    n = len(poly)
    for i in range(n):
        p, q = poly[i], poly[(i + 1) % n]
        vp, vq = g(p), g(q)
        if vp >= 0:
            out.append(p)
        if (vp > 0 and vq < 0) or (vp < 0 and vq > 0):
            t = vp / (vp - vq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return simplify(out)


def simplify(poly):
    """Drop repeated and collinear vertices."""
    pts = []
    for p in poly:
        if not pts or pts[-1] != p:
            pts.append(p)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    changed = True
    while changed and len(pts) >= 3:
        changed = False
        for i in range(len(pts)):
            p, q, r = pts[i - 1], pts[i], pts[(i + 1) % len(pts)]
            if (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]) == 0:
                del pts[i]
                changed = True
                break
    return pts


def domain_polygon(spec):
    """Counter-clockwise vertices of a 2-D box or polytope domain (by clipping a huge square)."""
    if spec[0] == "box":
        (x0, y0), (x1, y1) = [F(v) for v in spec[1]], [F(v) for v in spec[2]]
        return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    big = F(10 ** 6)
    poly = [(-big, -big), (big, -big), (big, big), (-big, big)]
    for row, rhs in zip(spec[1], spec[2]):
        poly = clip(poly, (-F(row[0]), -F(row[1])), F(rhs))
    return poly


def polygon_refinement(layers, spec):
    """``{pattern: polygon}`` of the 2-D refinement of the domain polygon by every hidden neuron."""
    layers = as_layers(layers)
    zero2 = (F(0), F(0))
    identity = [((F(1), F(0)), F(0)), ((F(0), F(1)), F(0))]
    pieces = [(domain_polygon(spec), [], identity)]
    for w, b in layers[:-1]:
        staged = []
        for poly, pattern, h in pieces:
            zs = []
            for row, bias in zip(w, b):
                a0 = sum((wt * ha[0] for wt, (ha, _) in zip(row, h)), F(0))
                a1 = sum((wt * ha[1] for wt, (ha, _) in zip(row, h)), F(0))
                c = sum((wt * hc for wt, (_, hc) in zip(row, h)), bias)
                zs.append(((a0, a1), c))
            parts = [(poly, ())]
            for a, c in zs:
                refined = []
                for p, bits in parts:
                    if a == zero2 and c == 0:
                        refined.append((p, bits + (0,)))
                        continue
                    plus = clip(p, a, c)
                    minus = clip(p, (-a[0], -a[1]), -c)
                    if len(plus) >= 3 and shoelace(plus) > 0:
                        refined.append((plus, bits + (1,)))
                    if len(minus) >= 3 and shoelace(minus) > 0:
                        refined.append((minus, bits + (0,)))
                parts = refined
            for p, bits in parts:
                staged.append((p, pattern + [bits], [z if on else (zero2, F(0)) for z, on in zip(zs, bits)]))
        pieces = staged
    out = {}
    for poly, pattern, _ in pieces:
        key = tuple(pattern)
        assert key not in out
        out[key] = poly
    return out


def sort_ccw(points, center):
    """Sort 2-D points counter-clockwise around ``center`` (exact comparator)."""
    def half(p):
        dx, dy = p[0] - center[0], p[1] - center[1]
        return 0 if (dy > 0 or (dy == 0 and dx > 0)) else 1

    def cmp(p, q):
        hp, hq = half(p), half(q)
        if hp != hq:
            return hp - hq
        cross = (p[0] - center[0]) * (q[1] - center[1]) - (p[1] - center[1]) * (q[0] - center[0])
        return -1 if cross > 0 else (1 if cross < 0 else 0)

    return sorted(points, key=cmp_to_key(cmp))


# ------------------------------------------------------------------ arrangements


def rref(rows):
    """Reduced row echelon form (Fractions), zero rows dropped."""
    m = [[F(v) for v in r] for r in rows]
    if not m:
        return []
    ncol = len(m[0])
    r = 0
    for j in range(ncol):
        p = next((i for i in range(r, len(m)) if m[i][j] != 0), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        piv = m[r][j]
        m[r] = [v / piv for v in m[r]]
        for i in range(len(m)):
            if i != r and m[i][j] != 0:
                f = m[i][j]
                m[i] = [x - f * y for x, y in zip(m[i], m[r])]
        r += 1
    return [tuple(row) for row in m[:r]]


def rank(rows):
    return len(rref(rows))


def distinct_hyperplanes(normals_offsets):
    """The distinct affine hyperplanes ``{a·x + c = 0}`` among the given ``(a, c)`` with ``a ≠ 0``."""
    seen = {}
    for a, c in normals_offsets:
        if all(F(v) == 0 for v in a):
            continue
        key = rref([[*a, c]])[0]  # canonical up to nonzero scaling (either sign)
        seen[key] = (tuple(F(v) for v in a), F(c))
    return list(seen.values())


def _flat(rows, d):
    """Canonical key of the affine subspace ``{a·x + c = 0 : rows}`` or None if empty."""
    red = rref(rows)
    for row in red:
        if all(v == 0 for v in row[:d]):
            return None  # 0 = nonzero
    return tuple(red)


def zaslavsky_regions(hyperplanes, d):
    """Number of regions of the arrangement: ``(-1)^d χ(-1)``, ``χ`` from the intersection poset's
    Möbius function ``μ(R^d, X)``."""
    hs = [[*a, c] for a, c in hyperplanes]
    flats = {(): d}  # key -> dimension (R^d is the empty system)
    frontier = [()]
    while frontier:
        nxt = []
        for key in frontier:
            for h in hs:
                k = _flat(list(key) + [h], d)
                if k is not None and k not in flats:
                    flats[k] = d - len(k)
                    nxt.append(k)
        frontier = nxt
    order = sorted(flats, key=lambda k: -flats[k])

    def contains(big, small):  # flat ``small`` ⊆ flat ``big``
        return len(rref(list(small) + list(big))) == len(small)

    mu = {}
    for x in order:
        if x == ():
            mu[x] = 1
        else:
            mu[x] = -sum(mu[y] for y in mu if y != x and flats[y] > flats[x] and contains(y, x))
    chi_minus_one = sum(m * (-1) ** flats[x] for x, m in mu.items())
    return (-1) ** d * chi_minus_one


def whitney_regions(hyperplanes, d):
    """``(-1)^d χ(-1)`` with Whitney's formula ``χ(t) = Σ_{B, ∩B ≠ ∅} (-1)^{|B|} t^{d - rank B}``."""
    hs = [[*a, c] for a, c in hyperplanes]
    total = 0
    for mask in range(1 << len(hs)):
        rows = [hs[i] for i in range(len(hs)) if mask >> i & 1]
        key = _flat(rows, d) if rows else ()
        if key is None:
            continue
        total += (-1) ** len(rows) * (-1) ** (d - len(key))
    return (-1) ** d * total
