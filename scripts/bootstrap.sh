# Sourced by start.sh, test.sh and .ci/run: makes a fresh machine with only Node 20 ready.
# - pnpm: the pinned version, from PATH if it matches, else through npx (no corepack needed);
# - native addons (better-sqlite3) compile against the local Node headers, not downloaded ones;
# - dependencies installed from the lockfile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$PNPM_VERSION" ]; then
  pnpm() { command pnpm "$@"; }
else
  pnpm() { npx --yes "pnpm@${PNPM_VERSION}" "$@"; }
fi

for headers in /usr/include/node /usr/local/include/node; do
  if [ -f "$headers/node_version.h" ]; then
    export npm_config_nodedir="${headers%/include/node}"
    break
  fi
done
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 COREPACK_ENABLE_STRICT=0

pnpm install --frozen-lockfile --reporter=append-only >&2
