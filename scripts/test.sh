#!/usr/bin/env bash
# Installs, generates the protobuf code and runs every test. Extra arguments go to vitest.
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
pnpm test "$@"
