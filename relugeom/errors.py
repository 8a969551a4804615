"""Errors raised by relugeom.

Every error is a ``ValueError`` subclass whose message names the offending
layer, index or value, so the command line can print it as one line.
"""


class RelugeomError(ValueError):
    """Base class of every error relugeom raises on bad input."""


class NumberError(RelugeomError):
    """A value is not an exact finite rational (NaN, inf, bool, text, ...)."""


class FormatError(RelugeomError):
    """A file or document does not follow docs/formats.md."""


class ShapeError(RelugeomError):
    """Layer shapes do not chain, or a vector has the wrong length."""


class InputError(RelugeomError):
    """A batch of inputs is empty, ragged or of the wrong dimension."""


class BoundaryError(RelugeomError):
    """A point lies on a neuron's boundary (its pre-activation is exactly 0).

    Attributes ``sample`` (index in the batch, or None), ``layer`` (1-based) and
    ``neuron`` (0-based) say where.
    """

    def __init__(self, message: str, *, sample: int | None, layer: int, neuron: int):
        super().__init__(message)
        self.sample = sample
        self.layer = layer
        self.neuron = neuron


class SymmetryError(RelugeomError):
    """A requested transformation is not a symmetry of ReLU networks."""
