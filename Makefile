# kaohe: the two commands.
#   make run    build, create a database in var/ (first time), serve on
#               http://127.0.0.1:8080 until Ctrl-C
#   make test   build with sanitizers and run every test: unit, API over
#               real HTTP, the browser test in real Chromium, fuzzing
# Both install missing Debian packages first (as root), or print the
# apt-get line to run.

BUILD      ?= build
TEST_BUILD ?= build-test
FUZZ_BUILD ?= build-fuzz
DB         ?= var/kaohe.db
PORT       ?= 8080
FUZZ_SECONDS ?= 20

.PHONY: run test build deps deps-test unit golden cli api e2e fuzz bench clean

run: deps build
	@mkdir -p $(dir $(DB))
	@if [ ! -f $(DB) ]; then \
		echo "Creating the database $(abspath $(DB))"; \
		$(BUILD)/kaohe init --db $(DB) || exit 1; \
		$(BUILD)/kaohe demo --db $(DB) || exit 1; \
		for wb in examples/zhuhai-2026 examples/liangjiang-2026; do \
			$(BUILD)/kaohe cycle import $$wb --db $(DB) || exit 1; \
		done; \
		echo; \
	else \
		echo "Using the database $(abspath $(DB))"; \
		echo "(lost the password? $(BUILD)/kaohe user reset-password admin --db $(DB))"; \
	fi
	@echo "Open http://127.0.0.1:$(PORT)/ and log in as admin (or zuzhibu, the organisation department). Ctrl-C stops the server."
	@exec $(BUILD)/kaohe serve --db $(DB) --port $(PORT)

deps:
	@tools/deps.sh build

deps-test:
	@tools/deps.sh test

build: deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) --buildtype=debugoptimized
	@ninja -C $(BUILD) kaohe

# The test build: ASan and UBSan on, warnings are errors.
$(TEST_BUILD)/build.ninja:
	meson setup $(TEST_BUILD) --buildtype=debug -Dwerror=true \
		-Db_sanitize=address,undefined -Db_lundef=false

test: deps-test $(TEST_BUILD)/build.ninja
	ninja -C $(TEST_BUILD)
	$(MAKE) --no-print-directory unit golden cli api e2e fuzz
	@echo "make test: all passed"

export UBSAN_OPTIONS = halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS = detect_leaks=1:abort_on_error=0

unit:
	meson test -C $(TEST_BUILD) --suite unit --print-errorlogs

# The engine against hand-worked workbooks, and the assess commands.
golden:
	tests/golden/run.sh $(TEST_BUILD)/kaohe

cli:
	KAOHE_BIN=$(TEST_BUILD)/kaohe node --test tests/cli/

tests/node_modules/.installed: tests/package.json tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund
	@touch $@

api:
	KAOHE_BIN=$(TEST_BUILD)/kaohe node --test tests/api/

e2e: tests/node_modules/.installed
	KAOHE_BIN=$(TEST_BUILD)/kaohe node --test tests/e2e/

fuzz:
	@[ -f $(FUZZ_BUILD)/build.ninja ] || CC=clang meson setup $(FUZZ_BUILD) \
		--buildtype=debug -Dfuzz=true -Db_sanitize=address,undefined \
		-Db_lundef=false
	ninja -C $(FUZZ_BUILD) tests/fuzz/fuzz_request
	@mkdir -p $(FUZZ_BUILD)/corpus/request
	$(FUZZ_BUILD)/tests/fuzz/fuzz_request -max_total_time=$(FUZZ_SECONDS) \
		-max_len=4096 -print_final_stats=1 \
		$(FUZZ_BUILD)/corpus/request tests/fuzz/corpus/request
	ninja -C $(FUZZ_BUILD) tests/fuzz/fuzz_workbook
	@mkdir -p $(FUZZ_BUILD)/corpus/workbook
	$(FUZZ_BUILD)/tests/fuzz/fuzz_workbook -max_total_time=$(FUZZ_SECONDS) \
		-max_len=4096 -print_final_stats=1 \
		$(FUZZ_BUILD)/corpus/workbook tests/fuzz/corpus/workbook
	ninja -C $(FUZZ_BUILD) tests/fuzz/fuzz_sheet
	@mkdir -p $(FUZZ_BUILD)/corpus/sheet
	$(FUZZ_BUILD)/tests/fuzz/fuzz_sheet -max_total_time=$(FUZZ_SECONDS) \
		-max_len=16384 -print_final_stats=1 \
		$(FUZZ_BUILD)/corpus/sheet tests/fuzz/corpus/sheet

bench: build
	@bench/run.sh
	@bench/ballots.sh

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(FUZZ_BUILD)
