# qrdesk — two commands on a fresh Debian 12 machine: `make demo`, then `make test`.
SWIFT ?= swift
RELEASE_BIN = .build/release/qrdesk

.PHONY: deps build release demo test bench clean

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

clean:
	rm -rf .build output/*/ output/*.json
