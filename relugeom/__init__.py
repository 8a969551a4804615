"""relugeom: exact, combinatorial analysis of the geometry of small ReLU networks.

>>> from relugeom import ReLUNetwork, batch_functional_dimension
>>> net = ReLUNetwork.from_arrays([([[1], [-1]], [0, 1]), ([[1, 2]], [0])])
>>> batch_functional_dimension(net, [[-3], [-2], ["1/2"], ["3/4"], [2], [3]]).rank
5
"""

from .dimension import BatchDimension, batch_functional_dimension, region_bound, symmetry_bound
from .domain import Domain
from .errors import (BoundaryError, FormatError, InputError, NumberError, RelugeomError, ShapeError,
                     SymmetryError)
from .exact.linalg import RankCertificate, RankResult, check_certificate, nullspace, rank, rref
from .exact.rational import format_rational, to_rational
from .faces import Face, euler_characteristic, f_vector, face_poset
from .graph import linear_regions, region_graph, write_graph
from .inputs import as_batch, load_inputs
from .jacobian import Jacobian, frozen_jacobian, jacobian
from .network import Layer, ReLUNetwork
from .regions import Inequality, Region, RegionLimitError, Regions, enumerate_regions, iter_regions
from .symmetry import permute, random_symmetry, rescale

__version__ = "0.2.0.dev0"

__all__ = [
    "BatchDimension", "batch_functional_dimension", "region_bound", "symmetry_bound",
    "BoundaryError", "FormatError", "InputError", "NumberError", "RelugeomError", "ShapeError", "SymmetryError",
    "RankCertificate", "RankResult", "check_certificate", "nullspace", "rank", "rref",
    "format_rational", "to_rational", "as_batch", "load_inputs",
    "Jacobian", "frozen_jacobian", "jacobian", "Layer", "ReLUNetwork",
    "permute", "random_symmetry", "rescale",
    "Domain", "Inequality", "Region", "RegionLimitError", "Regions", "enumerate_regions", "iter_regions",
    "linear_regions", "region_graph", "write_graph", "Face", "euler_characteristic", "f_vector", "face_poset",
]
