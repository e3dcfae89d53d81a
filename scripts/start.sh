#!/usr/bin/env bash
# Installs, builds and runs the server (all protocols, embedded SQLite in ./data).
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
exec pnpm start
