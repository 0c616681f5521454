import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { GateVerdict } from '../aggregate/index.ts';
import type { RubricCalibration } from '../aggregate/summary-types.ts';

const finite = z.number();
const MODES = ['max-drop', 'non-inferiority'] as const;
const GateMarginSchema = z.object({
  mode: z.enum(MODES),
  margin: finite,
  bound: finite,
  confidence: finite,
  pValue: finite,
  pAdjusted: finite,
  family: z.int().min(1),
  detectableDrop: finite.nullable(),
  passChance: finite.nullable(),
});
const GateDiffSchema = z.object({
  meanDiff: finite,
  ci95: z.tuple([finite, finite]),
  pValue: finite,
  pAdjusted: finite,
  n: z.int().min(0),
  significant: z.boolean(),
  method: z.enum(['paired-t', 'sign-flip']).exactOptional(),
  changed: z.int().min(0).exactOptional(),
  mde: finite.nullable().exactOptional(),
  mdeAlpha: finite.exactOptional(),
  margin: GateMarginSchema.exactOptional(),
});

/** What `report` keeps of an earlier summary.json's gate: checked whole, so a hand-edited one cannot reach the renderer. */
const GateVerdictSchema = z.object({
  passed: z.boolean(),
  baseline: z.string().exactOptional(),
  baselineRunId: z.string().exactOptional(),
  failUnder: finite.exactOptional(),
  maxDrop: finite.exactOptional(),
  mode: z.enum(MODES).exactOptional(),
  metric: z.enum(['score', 'quality', 'classification']).exactOptional(),
  reasons: z.array(z.string()),
  cells: z.array(
    z.object({
      variant: z.string(),
      target: z.string(),
      meanScore: finite.nullable(),
      n: z.int().min(0),
      value: finite.nullable().exactOptional(),
      valueN: z.int().min(0).exactOptional(),
      baseline: z
        .object({
          meanScore: finite.nullable(),
          n: z.int().min(0),
          value: finite.nullable().exactOptional(),
          valueN: z.int().min(0).exactOptional(),
          diff: GateDiffSchema.nullable(),
        })
        .exactOptional(),
      failed: z.array(z.enum(['fail-under', 'max-drop', 'non-inferiority', 'no-score'])),
    }),
  ),
  baselineOnly: z.array(z.object({ variant: z.string(), target: z.string() })),
});

const share = z.number().min(0).max(1).nullable();
const FigureSchema = z.object({ n: z.int().min(0), accuracy: share, kappa: z.number().min(-1).max(1).nullable() });
/** The rubric's agreement as the run measured it: the labeled set may have changed since. */
const RubricCalibrationSchema = z.object({ labeledFiles: z.array(z.string().max(500)).max(100), shown: FigureSchema, meaning: FigureSchema });

const PreviousSummarySchema = z.object({
  finishedAt: z.string().optional().catch(undefined),
  gate: GateVerdictSchema.optional().catch(undefined),
  rubricCalibration: RubricCalibrationSchema.optional().catch(undefined),
  minEffect: z.number().min(0).max(1).optional().catch(undefined),
});

export interface PreviousSummary {
  finishedAt?: string;
  gate?: GateVerdict;
  rubricCalibration?: RubricCalibration;
  /** `--min-effect` the run was read with, so the rebuilt report reads differences the same way. */
  minEffect?: number;
  /** The file was there but its gate could not be kept (hand-edited, or another tool's). */
  droppedGate: boolean;
}

/**
 * What only the run itself knew, from the summary.json `report` is about to replace: when it
 * finished, the gate's verdict and the minimum effect. Anything unreadable is dropped, never fatal.
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
  const { finishedAt, gate, rubricCalibration, minEffect } = parsed.data;
  const hadGate = typeof data === 'object' && data !== null && 'gate' in data;
  return {
    ...(finishedAt === undefined ? {} : { finishedAt }),
    ...(gate === undefined ? {} : { gate }),
    ...(rubricCalibration === undefined ? {} : { rubricCalibration }),
    ...(minEffect === undefined ? {} : { minEffect }),
    droppedGate: hadGate && gate === undefined,
  };
}

/** Compile-time check that the schema's output is a GateVerdict the renderer accepts. */
function asVerdict(gate: z.output<typeof GateVerdictSchema>): GateVerdict {
  return gate;
}
void asVerdict;
