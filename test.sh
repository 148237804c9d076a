#!/usr/bin/env bash
# The test command of the README: installs what the tests talk to (when missing), then runs the whole suite.
#   ./test.sh                 everything
#   ./test.sh --filter X      passes its arguments on to `dotnet test`
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
# The native (AOT) publish links with the system C toolchain and zlib.
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need+=(clang)
[ -e /usr/include/zlib.h ] || need+=(zlib1g-dev)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "test.sh: missing ${need[*]}; run as root (or install them) first" >&2
    exit 1
  fi
  echo "test.sh: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# The packaged cluster is not used (tests start their own under a temp folder); keep it from holding port 5432.
if command -v pg_lsclusters >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | grep -q online; then
  pg_ctlcluster --skip-systemctl-redirect "$(pg_lsclusters -h | awk 'NR==1{print $1}')" main stop 2>/dev/null || true
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# The tests that run `monitor` as a process run the native build, as deploy/ installs it (outside the repository,
# one folder per checkout; incremental after the first time). MONITOR_TEST_APP=DIR uses a build made elsewhere; MONITOR_TEST_APP=jit runs
# monitor.dll through `dotnet` instead (quicker while working on something else).
if [ -z "${MONITOR_TEST_APP:-}" ]; then
  export MONITOR_TEST_APP="${TMPDIR:-/tmp}/monitor-native-$(printf %s "$PWD" | md5sum | cut -c1-8)"
  echo "test.sh: publishing the native build to $MONITOR_TEST_APP"
  dotnet publish src/Monitor.Worker -c Release -r linux-x64 -o "$MONITOR_TEST_APP" -v q -nologo
elif [ "$MONITOR_TEST_APP" = jit ]; then
  unset MONITOR_TEST_APP
fi
dotnet test Monitor.sln -c Release --logger "console;verbosity=normal" "$@"
