/**
 * mulberry32: a tiny seeded PRNG yielding floats in [0, 1). Statistics that resample (a bootstrap)
 * use it so that a rebuilt report shows the same interval; the fake server and the simulations in
 * the tests use the same one.
 */
export function createMulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
