import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { GateVerdict } from '../aggregate/index.ts';

const finite = z.number();
const GateDiffSchema = z.object({ meanDiff: finite, ci95: z.tuple([finite, finite]), pValue: finite, pAdjusted: finite, n: z.int().min(0), significant: z.boolean() });

/** What `report` keeps of an earlier summary.json's gate: checked whole, so a hand-edited one cannot reach the renderer. */
const GateVerdictSchema = z.object({
  passed: z.boolean(),
  baseline: z.string().exactOptional(),
  baselineRunId: z.string().exactOptional(),
  failUnder: finite.exactOptional(),
  maxDrop: finite.exactOptional(),
  reasons: z.array(z.string()),
  cells: z.array(
    z.object({
      variant: z.string(),
      target: z.string(),
      meanScore: finite.nullable(),
      n: z.int().min(0),
      baseline: z.object({ meanScore: finite.nullable(), n: z.int().min(0), diff: GateDiffSchema.nullable() }).exactOptional(),
      failed: z.array(z.enum(['fail-under', 'max-drop', 'no-score'])),
    }),
  ),
  baselineOnly: z.array(z.object({ variant: z.string(), target: z.string() })),
});

const PreviousSummarySchema = z.object({ finishedAt: z.string().optional().catch(undefined), gate: GateVerdictSchema.optional().catch(undefined) });

export interface PreviousSummary {
  finishedAt?: string;
  gate?: GateVerdict;
  /** The file was there but its gate could not be kept (hand-edited, or another tool's). */
  droppedGate: boolean;
}

/**
 * What only the run itself knew, from the summary.json `report` is about to replace: when it
 * finished, and the gate's verdict. Anything unreadable is dropped, never fatal.
 */
export async function readPreviousSummary(dir: string): Promise<PreviousSummary> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
  } catch {
    return { droppedGate: false };
  }
  const parsed = PreviousSummarySchema.safeParse(data);
  if (!parsed.success) return { droppedGate: false };
  const { finishedAt, gate } = parsed.data;
  const hadGate = typeof data === 'object' && data !== null && 'gate' in data;
  return { ...(finishedAt === undefined ? {} : { finishedAt }), ...(gate === undefined ? {} : { gate }), droppedGate: hadGate && gate === undefined };
}

/** Compile-time check that the schema's output is a GateVerdict the renderer accepts. */
function asVerdict(gate: z.output<typeof GateVerdictSchema>): GateVerdict {
  return gate;
}
void asVerdict;
