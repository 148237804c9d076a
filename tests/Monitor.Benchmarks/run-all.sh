#!/usr/bin/env bash
# Runs every benchmark scenario and writes artifacts/benchmarks/summary.md (see docs/performance.md).
# Usage: tests/Monitor.Benchmarks/run-all.sh [--quick] [--pg]
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v r2e >/dev/null || echo "rss2email missing: apt-get install -y rss2email (the rss2email scenario will be skipped)" >&2
/usr/bin/python3 -c "import feedparser" 2>/dev/null || echo "feedparser missing: apt-get install -y python3-feedparser" >&2
uptime
dotnet build -c Release tests/Monitor.Benchmarks -v q -nologo
# The process-level scenarios (rss2email, idle) start the service as deploy/ installs it: the native (AOT) publish.
dotnet publish src/Monitor.Worker -c Release -r linux-x64 -o artifacts/publish/monitor -v q -nologo
export MONITOR_BENCH_APP="$PWD/artifacts/publish/monitor"
dotnet tests/Monitor.Benchmarks/bin/Release/net10.0/Monitor.Benchmarks.dll all "$@"
uptime
