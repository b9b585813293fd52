#!/usr/bin/env bash
# Runs every test of the repository, on a fresh Debian machine as well as a developer's:
#   1. installs what the tests need and the machine lacks, from Debian's packages
#      (chromium for the browser tests, postgresql for the PostgreSQL store and cluster tests,
#      npm to install the pinned axe-core the browser test's accessibility scan injects);
#   2. starts a throwaway PostgreSQL server (initdb into a temporary folder, as the postgres
#      user, on a free loopback port) and hands its connection string to the tests in
#      SECONDCHANCE_TEST_POSTGRES;
#   3. runs `dotnet test` on the solution (extra arguments are passed on, e.g. --filter);
#   4. stops the server and removes its folder, however the tests ended.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

. .ci/postgres.sh

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null || missing+=(npm)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "test.sh: could not install ${missing[*]}" >&2; exit 1; }
fi

# axe-core for the browser test's accessibility scan, at the version pinned by its package-lock.json.
axe=tests/SecondChance.Samples.Web.Tests/Axe
if [ ! -f "$axe/node_modules/axe-core/axe.min.js" ]; then
  npm ci --prefix "$axe" --no-audit --no-fund >/dev/null || { echo "test.sh: npm ci in $axe failed" >&2; exit 1; }
fi

start_postgres

dotnet test SecondChance.sln -c Release "$@"
