#!/bin/sh
# Assembles pipelines/dsp/fft-simd.wat into pipelines/dsp/fft-simd-wasm.ts (needs wat2wasm).
set -eu
cd "$(dirname "$0")/.."
scripts/build-wasm-base64.sh pipelines/dsp/fft-simd.wat pipelines/dsp/fft-simd-wasm.ts FFT_SIMD_WASM scripts/build-fft-simd.sh
