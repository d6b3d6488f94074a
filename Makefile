# make demo: set up and run the demo on http://127.0.0.1:8000/
# make test: set up and run the whole test suite on SQLite, then on MariaDB
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The MariaDB the tests use; Django creates (and drops) a test_ database there.
MARIADB_TEST_URL ?= mysql://root@127.0.0.1:3306/vicidial
# Set REQUIRE_MARIADB=1 to fail, not skip, when that server is unreachable (CI does).
REQUIRE_MARIADB ?= 0

.PHONY: demo test test-sqlite test-mariadb setup clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt scripts/system_packages.sh
	@scripts/system_packages.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing Python packages into $(VENV) ..."
	@$(BIN)/pip install --quiet --upgrade pip
	@$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

demo: setup
	$(BIN)/python manage.py demo

test: test-sqlite test-mariadb

test-sqlite: setup
	@echo "== Test suite on SQLite =="
	env -u VICIDIAL_DATABASE_URL -u DATABASE_URL -u REQUIRE_MARIADB $(BIN)/pytest

test-mariadb: setup
	@echo "== Test suite on MariaDB ($(MARIADB_TEST_URL)) =="
	@if $(BIN)/python scripts/mariadb_reachable.py "$(MARIADB_TEST_URL)"; then \
		VICIDIAL_DATABASE_URL="$(MARIADB_TEST_URL)" REQUIRE_MARIADB=$(REQUIRE_MARIADB) $(BIN)/pytest; \
	elif [ "$(REQUIRE_MARIADB)" = "1" ]; then \
		echo "MariaDB is required (REQUIRE_MARIADB=1) but not reachable."; exit 1; \
	else \
		echo "WARNING: MariaDB tests NOT run; start MariaDB on 127.0.0.1:3306 or set MARIADB_TEST_URL."; \
	fi

clean:
	rm -rf $(VENV) var
