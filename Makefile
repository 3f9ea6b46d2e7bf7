# qrdesk — two commands on a fresh Debian 12 machine: `make demo`, then `make test`.
SWIFT ?= swift
RELEASE_BIN = .build/release/qrdesk
PREFIX ?= /usr/local
INSTALL_BIN ?= $(RELEASE_BIN)

.PHONY: deps build release demo test bench load install clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product qrdesk

## Installs what is missing, builds, and renders the bundled examples into output/.
demo: release
	$(RELEASE_BIN) demo

## Runs the whole test suite (decode round trips, goldens, purity, page sizes, bad input), then the web tests
## (the API against its OpenAPI document, the pages in Chromium) against servers on 127.0.0.1.
test: deps
	$(SWIFT) build --product qrdesk
	$(SWIFT) test
	scripts/web-tests.sh

## Release build; per-artifact times and throughput beside the C floor.
bench: release
	scripts/bench.sh

## wrk against POST /v1/cards on a release server on 127.0.0.1: throughput, p50/p99, memory before and after
## 10,000 requests (twice). A benchmark, not a test.
load: release
	scripts/install-deps.sh --web-tests
	scripts/load.py 10000 2

## Installs the binary to $(PREFIX)/bin and its templates, web pages and examples to $(PREFIX)/share/qrdesk,
## where the binary finds them from wherever it runs.
install:
	@test -x $(INSTALL_BIN) || $(MAKE) release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/qrdesk
	install -m 0755 $(INSTALL_BIN) $(DESTDIR)$(PREFIX)/bin/qrdesk
	rm -rf $(DESTDIR)$(PREFIX)/share/qrdesk/templates $(DESTDIR)$(PREFIX)/share/qrdesk/examples
	cp -R templates examples $(DESTDIR)$(PREFIX)/share/qrdesk/

clean:
	rm -rf .build output/*/ output/*.json
