"""Float rank vs exact rank on an ill-conditioned network (why relugeom computes ranks exactly).

Two neurons whose breakpoints are 2^-50 apart: the thin region between them holds two samples, so
the exact batch functional dimension is 5 (= N - H), but the Jacobian has a singular value near
1e-17 and numpy's matrix_rank (float64, default tolerance) reports 4 — and float32 loses even more.

Run: python examples/float_vs_exact.py
"""

from fractions import Fraction

import numpy as np

from relugeom import ReLUNetwork, batch_functional_dimension, jacobian

EPS = Fraction(1, 2**50)
NET = ReLUNetwork.from_arrays([([[1], [1 + EPS]], [0, EPS]), ([[1, 1]], [0])])
X = [[Fraction(-2)], [Fraction(-1)], [-EPS / 4], [-EPS / 3], [Fraction(1)], [Fraction(2)]]


def ranks() -> tuple[int, int, int]:
    """(exact rank, numpy float64 rank, numpy float32 rank) of the same Jacobian."""
    exact = batch_functional_dimension(NET, X).rank
    as_float = np.array([[float(q) for q in row] for row in jacobian(NET, X).matrix])
    return exact, int(np.linalg.matrix_rank(as_float)), int(np.linalg.matrix_rank(as_float.astype(np.float32)))


if __name__ == "__main__":
    exact, f64, f32 = ranks()
    print(f"exact rank (certified): {exact}")
    print(f"numpy matrix_rank, float64: {f64}")
    print(f"numpy matrix_rank, float32: {f32}")
