/** Signal-processing kernels on typed arrays, each matched to scipy/MNE (tests/unit/dsp). */
export { fftPlan, isPowerOfTwo, nextPowerOfTwo } from './fft';
export type { FftPlan } from './fft';
export { dftPlan, rfft } from './bluestein';
export { hamming, hann, kaiser } from './windows';
export { firwinLowpass } from './firwin';
export { designBandFilter, designNotchFilter, autoLowTransition, autoHighTransition, autoFilterLength } from './fir-design';
export type { FirFilter } from './fir-design';
export { filterZeroPhase, overlapAddFftLength } from './overlap-add';
export { filterCascadeZeroPhase } from './filter-cascade';
export type { Signal } from './overlap-add';
export { resamplePlan, resamplePoly, resampleFactors, resampledLength } from './resample-poly';
export type { ResamplePlan } from './resample-poly';
export { welch, welchSegments } from './welch';
export type { Psd, WelchOptions } from './welch';
