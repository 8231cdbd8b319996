"""Cluster: claims about the same (entities, metric, period, event), and how their values relate."""

from factlint.cluster.graph import ClaimGraph, build_graph

__all__ = ["ClaimGraph", "build_graph"]
