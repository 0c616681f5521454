import { z } from 'zod';

/** run.json: what a run folder needs to be understood and rebuilt later without the config. */
export const RunMetaSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  tool: z.string(),
  config: z.string(),
  variants: z.array(z.string()),
  targets: z.array(z.object({ id: z.string(), provider: z.string(), model: z.string(), simulated: z.boolean() })),
  cases: z.number(),
  caseFiles: z.array(z.string()),
  repeat: z.number(),
  plannedCalls: z.number(),
  passThreshold: z.number(),
});
export type RunMeta = z.infer<typeof RunMetaSchema>;

/** `20261122-001445-k3f9`: sorts by time, unique enough for two runs in one second. */
export function makeRunId(now: Date, random: () => number = Math.random): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  const suffix = Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0');
  return `${stamp}-${suffix}`;
}
