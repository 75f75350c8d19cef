#!/usr/bin/env bash
# Editor and REPL latency on a CONIB-sized workspace (17,000 statements in 202 files):
#   bash benches/editor.sh
# Builds the release binary and runs benches/editor.rs, which prints median and min–max.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench editor 2>&1 | grep -v '^\s*\(Compiling\|Finished\|Running\)'
