import yaml

from evaluation.models import SMOKE_EPOCHS, SMOKE_ITERATIONS, smoke_config


def test_a_smoke_config_trains_each_kind_of_model_quickly(tmp_path):
    config = tmp_path / "config.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "language": "en",
                "pipeline": [
                    {"name": "WhitespaceTokenizer"},
                    {"name": "DIETClassifier", "epochs": 100},
                    {"name": "clinic_nlu.linear_intent_classifier.LinearIntentClassifier"},
                ],
            }
        )
    )
    quick = yaml.safe_load(smoke_config(config, tmp_path).read_text())
    tokenizer, diet, ours = quick["pipeline"]
    assert tokenizer == {"name": "WhitespaceTokenizer"}
    assert diet["epochs"] == SMOKE_EPOCHS
    assert ours["max_iter"] == SMOKE_ITERATIONS
    assert quick["language"] == "en"
