# The one entry point for developers and CI.
#   make demo   build the package and serve the demo on http://127.0.0.1:8080
#   make test   run every test suite (native, wasm in Node and Chromium, npm package, browser)
#   make pkg    build the npm package into pkg/
#   make bench  run the benchmarks (the npm package against the JS peers, the wasm memory soak, then the native core) and write docs/benchmarks.md
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: help tools browser-tools pkg demo test test-native test-wasm-node test-wasm-browser test-package test-www bench clean

help:
	@sed -n 's/^#   //p' Makefile

tools:
	@scripts/ensure-tools.sh

browser-tools:
	@scripts/ensure-tools.sh --browser

pkg: tools
	cargo build -p pipescore-wasm --profile wasm-release --target wasm32-unknown-unknown
	cargo build -p pipescore-wasm --profile wasm-release --target wasm32-unknown-unknown --no-default-features --target-dir target/lean
	node scripts/build-pkg.mjs

demo: pkg
	node scripts/serve.mjs --port 8080

test: browser-tools
	@scripts/run-tests.sh

test-native:
	cargo test -p pipescore
	BENCH_LEADS=2000 BENCH_DEALS=500 BENCH_METRIC_DEALS=2000 cargo test --bench core

test-wasm-node: tools
	cargo test -p pipescore-wasm --target wasm32-unknown-unknown --test wasm

test-wasm-browser: browser-tools
	WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=$$(command -v chromedriver) cargo test -p pipescore-wasm --target wasm32-unknown-unknown --test wasm

test-package: pkg
	node tests/package/run.mjs
	@echo '==> make bench, once on small sizes (the engines must agree; nothing is timed against a limit)'
	BENCH_LEADS=3000 BENCH_DEALS=300 BENCH_METRIC_DEALS=3000 node benches/run.mjs

test-www: pkg
	node --test tests/www/

bench: pkg
	node benches/run.mjs
	node benches/soak.mjs
	cargo bench --bench core
	node benches/report.mjs

clean:
	rm -rf pkg target/bindgen tests/artifacts
