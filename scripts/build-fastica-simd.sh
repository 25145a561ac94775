#!/bin/sh
# Assembles pipelines/artifacts/fastica-simd.wat into pipelines/artifacts/fastica-simd-wasm.ts (needs wat2wasm).
set -eu
cd "$(dirname "$0")/.."
scripts/build-wasm-base64.sh pipelines/artifacts/fastica-simd.wat pipelines/artifacts/fastica-simd-wasm.ts FASTICA_SIMD_WASM scripts/build-fastica-simd.sh
