"""The sameness fit (bench/sameness/fit.py) holds each weight to the sign of the evidence it is."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench" / "sameness"))
import fit  # noqa: E402


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), signs=st.lists(st.sampled_from([-1, 0, 1]), min_size=3, max_size=3))
def test_a_signed_weight_never_takes_the_other_sign(seed, signs):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(200, 3))
    y = (x @ rng.normal(size=3) + 0.5 * rng.normal(size=200) > 0).astype(float)
    weights, _ = fit.fit_logistic(x, y, signs=np.array(signs))
    assert all(w * s >= 0 for w, s in zip(weights, signs))


def test_an_unsigned_fit_is_the_plain_fit_and_a_satisfied_sign_changes_nothing():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(300, 2))
    y = (x[:, 0] - x[:, 1] > 0).astype(float)
    plain, bias = fit.fit_logistic(x, y)
    assert plain[0] > 0 > plain[1]
    signed, signed_bias = fit.fit_logistic(x, y, signs=np.array([1, -1]))
    assert np.allclose(plain, signed, atol=1e-6) and abs(bias - signed_bias) < 1e-6


def test_every_signed_descriptor_is_a_descriptor():
    from factlint.cluster.sameness import FEATURES

    assert set(fit.EVIDENCE_SIGNS) <= set(FEATURES)
