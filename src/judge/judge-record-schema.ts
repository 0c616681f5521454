import { z } from 'zod';

/** A JudgeRecord as results.jsonl holds it: what the writer checks and readers validate (see src/results). */
export const JudgeRecordSchema = z.object({
  verdict: z.enum(['pass', 'fail', 'error']),
  score: z.number().min(0).max(1).nullable(),
  dimensions: z.record(z.string(), z.object({ level: z.number().min(0).max(2), reason: z.string() })),
  samples: z.int().min(1),
  failedSamples: z.int().min(0),
  agreement: z.number().min(0).max(1).nullable(),
  error: z.string().exactOptional(),
});
