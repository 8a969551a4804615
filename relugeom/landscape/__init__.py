"""The loss landscape of two-layer networks (Şimşek et al., arXiv:2105.12221; docs/theory.md §2.8):
:mod:`~relugeom.landscape.counts` (T, G_A, G_B: closed forms and brute force),
:mod:`~relugeom.landscape.expansions` (two-layer networks, expansion pieces Γ_φ, rescalings) and
:mod:`~relugeom.landscape.paths` (the three-segment path, replication). Exact function equality is
:mod:`relugeom.equality`, the squared loss and its gradient :mod:`relugeom.loss`.

>>> T(2, 3), same_function(two_layer_network([[1]], [2]), two_layer_network([[2]], [1]))
(12, True)
"""

from ..equality import difference_network, function_difference, same_function
from ..loss import critical_targets, loss_gradient, squared_loss
from .counts import (BRUTE_FORCE_LIMIT, G_A, G_B, G_A_bruteforce, G_A_inclusion_exclusion, G_B_bruteforce, T,
                     T_bruteforce, T_stirling, expansion_maps, format_table, landscape_report, ratio,
                     replication_maps, shifted_table, stirling2, table)
from .expansions import (expansion, expansion_dimension, expansion_pieces, expansion_subspace_dimension, incoming,
                         outgoing, rescale_neurons, split_weights, two_layer_network)
from .paths import (PathCheck, check_path, interpolate, midpoint, replicate, rescaling_midpoint_defect,
                    segment_certified, three_segment_path)

__all__ = [
    "stirling2", "T", "T_stirling", "T_bruteforce", "G_A", "G_A_inclusion_exclusion", "G_A_bruteforce", "G_B",
    "G_B_bruteforce", "expansion_maps", "replication_maps", "table", "shifted_table", "format_table", "ratio",
    "landscape_report", "BRUTE_FORCE_LIMIT",
    "two_layer_network", "incoming", "outgoing", "expansion", "split_weights", "rescale_neurons", "expansion_pieces",
    "expansion_dimension", "expansion_subspace_dimension", "difference_network", "same_function",
    "function_difference", "three_segment_path", "interpolate", "segment_certified", "PathCheck", "check_path",
    "replicate", "squared_loss", "loss_gradient", "critical_targets", "midpoint", "rescaling_midpoint_defect",
]
