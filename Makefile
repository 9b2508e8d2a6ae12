# SRO-portalen. Two commands on a fresh Debian 12 machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test lint format messages system-deps system-deps-test system-deps-bench bench-pdf bench-seal bench-embedded bench-site bench-crawl bench-saves bench-entry bench-term bench-recommendations bench-recommendations-public load-test fault-db fault-worker clean

help:
	@echo "make run    install, migrate, load the real SRO demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test   install what the tests need, then lint and run the whole suite"
	@echo "make lint   ruff, ruff format --check, djhtml --check, makemigrations --check, import-linter"
	@echo "make format reformat Python and templates"
	@echo "make bench-pdf  time the PDF of the demo notice (median of 10)"
	@echo "make bench-site public pages and search on 10 years of data, gunicorn + PostgreSQL"
	@echo "make bench-saves readers of the public site while a secretary saves once a second"
	@echo "make bench-seal what the electronic seal adds to an approval (median of 10)"
	@echo "make bench-embedded make run's SQLite and worker under 5 secretaries, the chair and 50 readers, beside PostgreSQL"
	@echo "make bench-crawl a client crawls the whole API from System: 2 bodies, 10 years each, PostgreSQL"
	@echo "make bench-entry page loads and form submits of one ordinary meeting, in Chromium"
	@echo "make bench-term page loads of the term change (SRO's seats into 2027–2030), in Chromium"
	@echo "make bench-recommendations a recommendation sent to the 50 parties, beside a notice to 30, in the request"
	@echo "make bench-recommendations-public the recommendation pages at 30 years beside the positions register"
	@echo "make load-test  200 readers and 5 editors for 2 minutes (locust), errors and 95th percentile"
	@echo "make fault-db   the database stopped mid-run: a Swedish 503, then recovery by itself"
	@echo "make fault-worker  workers killed during saves: every acknowledged save is kept"

system-deps:
	@bash scripts/system-deps.sh run

system-deps-test:
	@bash scripts/system-deps.sh test

system-deps-bench:
	@bash scripts/system-deps.sh bench

$(VENV)/.run-deps: requirements.txt | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements.txt requirements-dev.txt $(VENV)/.run-deps
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

# E-ARK's eark-validator pins another lxml than the portal's: it gets a virtual environment of its own.
$(VENV)-eark/.deps: requirements-eark.txt
	$(PYTHON) -m venv $(VENV)-eark
	$(VENV)-eark/bin/python -m pip install -q -r requirements-eark.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json | system-deps-test
	npm ci --no-audit --no-fund --loglevel=error

messages: $(VENV)/.run-deps
	DEBUG=true $(PY) manage.py compilemessages -l sv --ignore=$(VENV) --ignore=$(VENV)-eark --ignore=node_modules -v 0

# Without a seal certificate of one's own, approved notes are sealed with the demo chain load_demo makes.
DEMO_SEAL := SEAL_PKCS12_PATH=$${SEAL_PKCS12_PATH:-var/seal-demo/seal.p12} SEAL_PKCS12_PASSWORD=$${SEAL_PKCS12_PASSWORD:-demo} \
	SEAL_LOCAL_TSA_PKCS12_PATH=$${SEAL_LOCAL_TSA_PKCS12_PATH:-var/seal-demo/tsa.p12} \
	SEAL_TRUST_ROOTS=$${SEAL_TRUST_ROOTS:-var/seal-demo/root.pem}

run: $(VENV)/.run-deps messages
	DEBUG=true $(PY) manage.py migrate --no-input -v 0
	DEBUG=true $(PY) manage.py load_demo --users
	@echo
	@echo "SRO-portalen: http://$(HOST):$(PORT)/  (administration: http://$(HOST):$(PORT)/admin/)"
	@echo "Log in with one of the demo accounts above. Stop the server (and its background worker) with Ctrl+C."
	@echo "Nothing is mailed: each mail is a .eml file in var/outbox/, with one line here (recipient, subject, link)."
	HOST=$(HOST) PORT=$(PORT) $(DEMO_SEAL) bash scripts/run.sh $(PY) $(HOST):$(PORT)

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=sro_portal.settings $(VENV)/bin/lint-imports --no-cache

# The suite in two processes (pytest-xdist, a test file in each at a time, a database for each), then the
# browser tests in one: their drags and timings do not share two cores with the rest. PYTEST_ARGS goes to both
# runs; a run it leaves with nothing to do (exit 5) is not a failure.
PYTEST_ARGS ?=

# SRO_REQUIRE_VALIDATORS: a standard's validator that is missing fails its tests here instead of skipping them.
test: system-deps-test $(VENV)/.test-deps $(VENV)-eark/.deps node_modules/.package-lock.json messages lint
	SRO_REQUIRE_VALIDATORS=1 $(PY) -m pytest -n 2 --dist loadfile -m "not browser" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(PY) -m pytest -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]
	env -u DATABASE_URL SRO_TEST_EMBEDDED=1 $(PY) -m pytest $(EMBEDDED_TESTS) $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The second leg, as `make run` runs the portal (tests/embedded.py): SQLite in a file with WAL and a real worker
# process beside the live server; the journeys (the secretary sends, the chair sends back and approves, a member
# downloads, a citizen reads) and the concurrency test.
EMBEDDED_TESTS := tests/test_embedded_concurrency.py tests/browser/test_notice_journey.py \
	tests/browser/test_minutes_journey.py tests/browser/test_members_area.py \
	"tests/browser/test_public_pages.py::test_a_visitor_searches_from_the_home_page_reads_the_notes_and_downloads_the_pdf"

bench-pdf: $(VENV)/.test-deps messages
	$(PY) bench/notice_pdf.py

bench-site: system-deps-bench $(VENV)/.test-deps messages
	bash scripts/with-postgres.sh $(PY) bench/public_site.py

bench-saves: system-deps-bench $(VENV)/.test-deps messages
	bash scripts/with-postgres.sh $(PY) bench/readers_with_saves.py

bench-recommendations-public: system-deps-bench $(VENV)/.test-deps messages
	bash scripts/with-postgres.sh $(PY) bench/recommendations_public.py

bench-crawl: system-deps-bench $(VENV)/.test-deps messages
	bash scripts/with-postgres.sh $(PY) bench/api_crawl.py

bench-embedded: system-deps-bench $(VENV)/.test-deps messages
	bash scripts/with-postgres.sh $(PY) bench/embedded.py $(BENCH_ARGS)

bench-recommendations: system-deps-bench $(VENV)/.test-deps messages
	bash scripts/with-postgres.sh $(PY) bench/recommendation_dispatch.py

bench-seal: $(VENV)/.test-deps messages
	$(PY) bench/seal_approval.py

bench-entry: system-deps-test $(VENV)/.test-deps node_modules/.package-lock.json messages
	$(PY) -m pytest bench/entry_effort.py -q -s -p no:cacheprovider

bench-term: system-deps-test $(VENV)/.test-deps node_modules/.package-lock.json messages
	$(PY) -m pytest bench/term_change.py -q -s -p no:cacheprovider

$(VENV)/.bench-deps: requirements-bench.txt $(VENV)/.test-deps
	$(PY) -m pip install -q -r requirements-bench.txt
	touch $@

load-test: system-deps-bench $(VENV)/.bench-deps messages
	bash scripts/with-postgres.sh $(PY) bench/load_test.py

fault-db: system-deps-bench $(VENV)/.test-deps messages
	bash scripts/with-postgres.sh $(PY) bench/fault_database.py

fault-worker: system-deps-bench $(VENV)/.test-deps messages
	bash scripts/with-postgres.sh $(PY) bench/fault_worker.py

format: $(VENV)/.test-deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djhtml templates

clean:
	rm -rf $(VENV) $(VENV)-eark node_modules var db.sqlite3
