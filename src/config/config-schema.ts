import { z } from 'zod';
import { JudgeSpecSchema } from './judge-schema.ts';
import { RubricSchema } from './rubric-schema.ts';
import { TargetSpecSchema } from './target-schema.ts';

const globs = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

export const ConfigSchema = z.strictObject({
  prompts: globs.default('prompts/*.yaml').describe('Globs of prompt variant files, relative to the config. @default "prompts/*.yaml"'),
  cases: globs.default('cases/*.yaml').describe('Globs of case files, relative to the config. @default "cases/*.yaml"'),
  labeled: globs
    .default('cases/labeled/*.yaml')
    .describe('Globs of labeled-set files (human-graded replies) that `calibrate` scores and reports cite. @default "cases/labeled/*.yaml"'),
  targets: z.array(TargetSpecSchema).default([]).describe('Models to run; none means the simulated `mock`.'),
  judge: JudgeSpecSchema.optional().describe('The LLM judge: a model (`openai:gpt-4.1`), or `{target, rubric, repeat, reduce, temperature, pairwise, calibration}`. It grades the `judge` criterion and the `pairwise` comparisons.'),
  rubric: RubricSchema.default(RubricSchema.parse({})).describe('How a reply is scored: weighted criteria and the pass threshold.'),
  repeat: z.int().min(1).default(1).describe('Samples per variant × target × case. @default 1'),
  concurrency: z.int().min(1).default(8).describe('Calls in flight at once, over all targets. @default 8'),
  out: z.string().default('reports').describe('Folder for run folders. @default "reports"'),
  thresholds: z
    .strictObject({
      failUnder: z.number().min(0).max(1).optional().describe('The run fails (exit 1) when any cell\'s mean of the gate metric is below this. `--fail-under` overrides.'),
      maxDrop: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .describe('With `--baseline`: the margin D. Mode max-drop fails a cell with evidence its metric fell by more than D; mode non-inferiority fails a cell unless it shows the fall is under D. `--max-drop` overrides. @default 0'),
      gate: z
        .enum(['max-drop', 'non-inferiority'])
        .optional()
        .describe('With `--baseline`: how a drop is judged. `max-drop` fails on evidence of a drop over maxDrop (noise passes); `non-inferiority` fails unless the data show the drop is under maxDrop (noise fails; needs maxDrop > 0). `--gate` overrides. @default "max-drop"'),
      metric: z
        .enum(['score', 'quality', 'classification'])
        .optional()
        .describe('What failUnder and maxDrop measure: `score` (the case score), `quality` (the score of replies whose type was accepted, paired over cases accepted in both runs) or `classification` (the share of replies whose type was accepted). `--gate-metric` overrides. @default "score"'),
      minEffect: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .describe('Differences smaller than this are reported as negligible, even when significant. `--min-effect` overrides.'),
    })
    .default({})
    .describe('The quality gate: exit 1 when a cell scores too low, or fell too far below a baseline run; and the smallest difference worth reporting.'),
  maxCost: z
    .number()
    .min(0)
    .optional()
    .describe('A hard budget in USD for one run: no call starts that could take the run over it; the run then stops incomplete (exit 3) and `run --resume <dir> --max-cost <more>` continues. `--max-cost` overrides. @default no budget'),
  batch: z
    .strictObject({
      pollSeconds: z.number().positive().default(30).describe('How often `run --batch` asks the provider how its batches are doing. @default 30'),
      maxRequests: z
        .int()
        .min(1)
        .optional()
        .describe('Requests per batch at most; a run is split into several batches (also at OpenAI\'s 50,000 requests or 200 MB per file, and at 10,000 requests or 32 MB per Anthropic batch, which is sent as one request). @default the providers\' limits'),
    })
    .default({ pollSeconds: 30 })
    .describe('`run --batch`: the providers\' batch APIs (half the price, results within 24 h).'),
});
export type Config = z.infer<typeof ConfigSchema>;
