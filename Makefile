# Karta: the two commands of the README.
#   make run   — install missing Debian packages, build, run the main job (karta demo)
#   make test  — install what tests need, start a PostgreSQL test server, build with warnings
#                checked, run all tests (the store suite on SQLite and on PostgreSQL), the plugin
#                goldens and specs, the plugin doctor (luacheck), the tutorials followed literally,
#                the independent office check (python-docx, openpyxl, LibreOffice), the web
#                application in a real browser (Chromium + Selenium), the load and fault tests
#                on PostgreSQL, and the quick benchmark; then stop the server

KARTA := .build/debug/karta

.PHONY: run test test-steps bench build deps test-deps clean

run: build
	$(KARTA) demo --output out

test: test-deps
	scripts/with-postgres.sh .build/test-pg $(MAKE) --no-print-directory test-steps

test-steps:
	scripts/build.sh --build-tests
	swift test --skip-build --skip LongRunningHostTests
	swift test --skip-build --filter LongRunningHostTests
	$(KARTA) plugin check
	$(KARTA) plugin test
	$(KARTA) plugin doctor
	scripts/tutorial-test.py $(KARTA) docs/tutorial.md docs/ru/tutorial.md
	rm -rf .build/office-check
	scripts/check-office.sh .build/office-check $(KARTA)
	scripts/browser-test.sh $(KARTA)
	scripts/postgres-load.py $(KARTA) $(KARTA_TEST_PG_DIR)
	$(KARTA) bench --quick

# The benchmark at federal scale, on an optimised build (figures: docs/performance.md).
bench: test-deps
	swift build -c release
	.build/release/karta bench

build: deps
	scripts/build.sh

deps:
	scripts/install-deps.sh run

test-deps:
	scripts/install-deps.sh test

clean:
	rm -rf .build out
