#!/usr/bin/env bash
# Installs the peers the layout is compared with: d3-flextree and d3-hierarchy (npm, into
# benches/peers/node_modules) and Graphviz's dot (Debian). tidy-tree is a dev-dependency.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund 2>/dev/null || npm install --no-audit --no-fund
if ! command -v dot >/dev/null; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y graphviz || { apt-get update && apt-get install -y graphviz; }
    else sudo apt-get install -y graphviz; fi
fi
