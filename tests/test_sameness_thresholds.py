"""Two dated events and two figures are cut at their own fitted thresholds; a configured
``sameness-threshold`` sets both."""

from __future__ import annotations

from dataclasses import replace

from factlint.cluster.sameness import SamenessModel, Weights, fitted_model
from factlint.config import Config
from factlint.runner import sameness_model


def _model(threshold: float, event_threshold: float | None) -> SamenessModel:
    return SamenessModel(agree=Weights({}, 0.0, 0.5), conflict=Weights({}, 0.0, threshold, event_threshold))


def test_events_are_cut_at_their_own_threshold():
    model = _model(0.7, 0.45)
    assert model.same(0.5, agreeing=False, event=True)
    assert not model.same(0.5, agreeing=False, event=False)
    assert model.same(0.72, agreeing=False, event=False)


def test_without_an_event_threshold_events_use_the_figures_one():
    model = _model(0.7, None)
    assert not model.same(0.5, agreeing=False, event=True)
    assert model.same(0.7, agreeing=False, event=True)


def test_the_agree_threshold_ignores_the_kind():
    model = replace(_model(0.7, 0.45), agree=Weights({}, 0.0, 0.5, None))
    assert model.same(0.5, agreeing=True, event=True) and not model.same(0.49, agreeing=True, event=True)


def test_a_configured_threshold_sets_both_cuts():
    model = sameness_model(Config(sameness_threshold=0.9))
    assert model.conflict.threshold == model.conflict.event_threshold == 0.9


def test_the_fitted_model_has_a_threshold_for_events():
    conflict = fitted_model().conflict
    assert conflict.event_threshold is not None and 0.0 < conflict.event_threshold < 1.0
