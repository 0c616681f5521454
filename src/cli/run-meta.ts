import { z } from 'zod';
import type { JudgeInfo } from '../aggregate/index.ts';

/** The flags that chose the run's contents, as given, and the folder they were given in. */
export const RunSelectionSchema = z.object({
  cwd: z.string(),
  config: z.string().optional(),
  variants: z.array(z.string()).optional(),
  targets: z.array(z.string()).optional(),
  cases: z.array(z.string()).optional(),
  filter: z.array(z.string()).optional(),
  repeat: z.int().min(1).optional(),
  pairwise: z.array(z.string()).optional(),
});
export type RunSelection = z.infer<typeof RunSelectionSchema>;

/** run.json: what a run folder needs to be understood and rebuilt later without the config. */
export const RunMetaSchema = z.object({
  runId: z.string(),
  startedAt: z.string(),
  tool: z.string(),
  config: z.string(),
  variants: z.array(z.string()),
  targets: z.array(z.object({ id: z.string(), provider: z.string(), model: z.string(), simulated: z.boolean() })),
  cases: z.int().min(0),
  caseFiles: z.array(z.string()),
  repeat: z.int().min(1),
  plannedCalls: z.int().min(0),
  passThreshold: z.number().min(0).max(1),
  /** Sent through the providers' batch APIs (`run --batch`): `--resume` goes on in batch mode. */
  batch: z.boolean().optional(),
  /** The run's judge (see JudgeInfo), so `report` rebuilds its summary with the judge's figures. */
  judge: z.custom<JudgeInfo>((v) => v !== null && typeof v === 'object' && typeof (v as { target?: unknown }).target === 'string').optional(),
  /** For `--resume`; absent in run folders of older versions. */
  selection: RunSelectionSchema.optional(),
  /** `hashTrialIds` of the plan, so `--resume` refuses a plan that changed; absent in run folders of older versions. */
  planHash: z.string().regex(/^sha256:[0-9a-f]{64}$/).optional(),
});
export type RunMeta = z.infer<typeof RunMetaSchema>;

/** `20261122-001445-k3f9`: sorts by time, unique enough for two runs in one second. */
export function makeRunId(now: Date, random: () => number = Math.random): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  const suffix = Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0');
  return `${stamp}-${suffix}`;
}
