import numpy as np
import pytest

from newsbrief.errors import NewsbriefError
from newsbrief.summarize.features import FEATURES
from newsbrief.summarize.weights import (
    SHORT_STORY_BUDGETS,
    ConceptModel,
    ShippedModels,
    SummarizerModel,
    model_for,
    shipped_model,
    shipped_models,
)


def test_shipped_model_matches_the_features():
    model = shipped_model()
    assert model.bigram.features == FEATURES
    assert model.unigram.coef.shape == (len(FEATURES),)


def test_probabilities_are_probabilities_and_order_by_document_frequency():
    model = shipped_model()
    rows = np.zeros((2, len(FEATURES)))
    rows[:, FEATURES.index("log_articles")] = np.log(10)
    rows[0, FEATURES.index("df_frac")], rows[0, FEATURES.index("log_df")] = 0.1, np.log1p(1)
    rows[1, FEATURES.index("df_frac")], rows[1, FEATURES.index("log_df")] = 0.9, np.log1p(9)
    rows[0, FEATURES.index("log_tf")], rows[1, FEATURES.index("log_tf")] = np.log1p(1), np.log1p(12)
    rows[0, FEATURES.index("single_doc")] = 1.0
    p = model.bigram.probability(rows)
    assert ((p > 0) & (p < 1)).all()
    assert p[1] > p[0]


def test_weights_file_with_other_features_is_refused():
    data = SummarizerModel(shipped_model().bigram, shipped_model().unigram, 0.1).to_dict()
    data["bigram"]["features"] = ["df_frac"]
    with pytest.raises(NewsbriefError, match="retrain"):
        SummarizerModel.from_dict(data)
    with pytest.raises(NewsbriefError, match="not a summarizer weights file"):
        SummarizerModel.from_dict({"bigram": data["unigram"]})
    assert isinstance(ConceptModel.from_dict(shipped_model().bigram.to_dict()), ConceptModel)


def test_short_stories_get_their_own_model():
    models = shipped_models()
    assert models.short is not None and models.short.bigram.features == FEATURES
    assert model_for(1000, 250) is models.short  # the budget holds a quarter of the input
    assert model_for(int(SHORT_STORY_BUDGETS * 100), 100) is models.long
    assert model_for(5000, 100) is models.long is shipped_model()


def test_weights_without_a_short_model_use_the_long_one_everywhere():
    data = shipped_model().to_dict()
    models = ShippedModels.from_dict(data)
    assert models.short is None
    assert models.for_story(10, 250) is models.long
