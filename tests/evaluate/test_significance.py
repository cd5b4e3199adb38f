import pytest

from newsbrief.evaluate.significance import paired_difference


def test_a_steady_lead_excludes_zero_and_the_interval_is_the_same_on_every_run():
    ours = [10.0 + (k % 5) for k in range(60)]
    theirs = [score - 1.0 + 0.3 * ((k * 7) % 3 - 1) for k, score in enumerate(ours)]
    first = paired_difference(ours, theirs)
    assert first.low <= first.mean <= first.high
    assert first.excludes_zero and first.mean == pytest.approx(1.0, abs=0.1)
    assert paired_difference(ours, theirs) == first


def test_a_lead_that_comes_from_a_few_stories_does_not_exclude_zero():
    theirs = [10.0] * 40
    ours = [10.0 + (12.0 if k < 2 else -0.5) for k in range(40)]  # two lucky stories carry the mean
    difference = paired_difference(ours, theirs)
    assert difference.mean > 0 and not difference.excludes_zero


def test_scores_of_different_stories_are_refused():
    with pytest.raises(ValueError, match="same stories"):
        paired_difference([1.0, 2.0], [1.0])
