/**
 * A live call's time when nothing else binds: a short reply from a hosted model takes one to three
 * seconds. The estimate is for planning ("minutes or hours?"), not a promise.
 */
export const ASSUMED_CALL_SECONDS = 2;

export interface TimeEstimate {
  seconds: number;
  /** What limits the pace: calls in flight (concurrency × call time), the rpm or the tpm limit. */
  bound: 'concurrency' | 'rpm' | 'tpm' | 'none';
}

/** The slowest of the target's limits sets the pace; the simulated model answers at once. */
export function estimateSeconds(input: { calls: number; tokensPerCall: number; concurrency: number; rpm?: number | undefined; tpm?: number | undefined; simulated: boolean }): TimeEstimate {
  if (input.calls === 0 || input.simulated) return { seconds: 0, bound: 'none' };
  const paces: { perSecond: number; bound: TimeEstimate['bound'] }[] = [{ perSecond: input.concurrency / ASSUMED_CALL_SECONDS, bound: 'concurrency' }];
  if (input.rpm !== undefined) paces.push({ perSecond: input.rpm / 60, bound: 'rpm' });
  if (input.tpm !== undefined && input.tokensPerCall > 0) paces.push({ perSecond: input.tpm / 60 / input.tokensPerCall, bound: 'tpm' });
  const slowest = paces.reduce((a, b) => (b.perSecond < a.perSecond ? b : a));
  return { seconds: input.calls / slowest.perSecond, bound: slowest.bound };
}
