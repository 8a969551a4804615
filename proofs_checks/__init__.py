"""Exhaustive checks of the theorems of shared/THEORY.md on small cases (one module per theorem).

``python -m proofs_checks`` runs them all and prints a report. The checks themselves arrive with the
theorem-checks issue; for now the runner only reports that there is nothing to run yet.
"""
