/**
 * Float32 arrays without zero-filling. `new Float32Array(n)` clears its
 * memory, which for a full recording (e.g. 64 × 460,800 samples) costs as
 * much as decoding it; readers that overwrite every element use this instead.
 * Large Buffer.allocUnsafe blocks are not pooled, so the view starts at offset
 * 0 and is aligned; small ones are copied out of the pool to stay aligned.
 */
export function allocFloat32(n: number): Float32Array {
  if (n * 4 < 4096) return new Float32Array(n);
  const b = Buffer.allocUnsafe(n * 4);
  return b.byteOffset % 4 === 0 ? new Float32Array(b.buffer, b.byteOffset, n) : new Float32Array(n);
}
