"""Two dated events, two figures of one document, a slip and two figures of two documents are cut
at their own fitted thresholds; a configured ``sameness-threshold`` sets them all."""

from __future__ import annotations

from dataclasses import replace

from factlint.cluster.sameness import SamenessModel, Weights, fitted_model
from factlint.config import Config
from factlint.runner import sameness_model


def _model(threshold: float, event_threshold: float | None, own_document_threshold: float | None = None) -> SamenessModel:
    return SamenessModel(agree=Weights({}, 0.0, 0.5),
                         conflict=Weights({}, 0.0, threshold, event_threshold, own_document_threshold))


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


def test_figures_of_one_document_are_cut_at_their_own_threshold():
    model = _model(0.7, 0.45, 0.85)
    assert not model.same(0.8, agreeing=False, own_document=True)
    assert model.same(0.8, agreeing=False)
    assert model.same(0.5, agreeing=False, event=True, own_document=True)  # an event keeps the events' cut


def test_a_configured_threshold_sets_every_cut():
    model = sameness_model(Config(sameness_threshold=0.9))
    assert (model.conflict.threshold == model.conflict.event_threshold == model.conflict.own_document_threshold
            == model.conflict.slip_threshold == 0.9)


def test_the_fitted_model_has_thresholds_for_events_and_for_one_document():
    conflict = fitted_model().conflict
    assert conflict.event_threshold is not None and 0.0 < conflict.event_threshold < 1.0
    assert conflict.own_document_threshold is not None and 0.0 < conflict.own_document_threshold < 1.0


def test_figures_of_one_document_that_disagree_have_their_own_scorer():
    own = Weights({"restated_count_same_document": 4.0}, -2.0, 0.6)
    model = replace(_model(0.7, 0.45, 0.85), own_document=own)
    restated = {"restated_count_same_document": 1.0}
    assert model.score(restated, agreeing=False, own_document=True) == own.score(restated)
    assert model.score(restated, agreeing=False) == model.conflict.score(restated)
    assert model.same(0.65, agreeing=False, own_document=True)  # the own scorer's cut, not 0.85
    assert not model.same(0.65, agreeing=False)
    assert model.same(0.5, agreeing=False, event=True, own_document=True)  # an event keeps the events' cut


def test_a_configured_threshold_sets_the_own_document_scorers_cut(monkeypatch):
    import factlint.cluster.sameness as sameness

    with_own = replace(fitted_model(), own_document=Weights({"restated_count_same_document": 4.0}, -2.0, 0.6))
    monkeypatch.setattr(sameness, "fitted_model", lambda: with_own)
    model = sameness_model(Config(sameness_threshold=0.9))
    assert model.own_document is not None and model.own_document.threshold == 0.9
    assert model.conflict.own_document_threshold == 0.9


def test_a_slip_is_cut_at_its_own_threshold():
    model = replace(_model(0.7, 0.45), conflict=Weights({}, 0.0, 0.7, 0.45, None, 0.55))
    assert model.same(0.6, agreeing=False, slip=True)
    assert not model.same(0.6, agreeing=False)
    assert not model.same(0.5, agreeing=False, slip=True)
    assert model.same(0.5, agreeing=False, event=True, slip=True)  # an event keeps the events' cut
    assert model.same(0.52, agreeing=True, slip=True)  # agreeing pairs keep the agree cut (0.5)


def test_without_a_slip_threshold_a_slip_uses_the_figures_one():
    model = _model(0.7, 0.45)
    assert not model.same(0.6, agreeing=False, slip=True) and model.same(0.7, agreeing=False, slip=True)
