#!/usr/bin/env bash
# The editor tests, as CI runs them: install the pinned npm packages exactly as locked
# (npm ci), then the grammar token snapshots and the manifest check. Needs Node >= 18 and
# npm. `test/run.sh --update` rewrites the snapshots (review the diff before committing).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "editors/vscode: $tool not found (the grammar test needs Node)" >&2; exit 1; }
done
# Quiet on success; npm still prints errors on stderr, and a failure stops the run.
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node test/tokenize.mjs "$@"
node test/manifest.mjs
