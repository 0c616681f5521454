import { z } from 'zod';
import type { Dimension } from './judge-rubric-schema.ts';

const LevelSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]).describe('0, 1 or 2, as the anchors describe.');
const GradeSchema = z.strictObject({
  reason: z.string().min(1).describe('Why this level, in one sentence that points at the reply.'),
  level: LevelSchema,
});

/**
 * What a judge must answer for a reply of one type: every dimension of the rubric, each with a
 * reason and a level, and nothing else. The same schema checks the text and, with
 * `responseFormat: json_schema` on the judge target, is sent to the provider.
 */
export function buildVerdictSchema(dimensions: readonly Dimension[]) {
  const shape: Record<string, typeof GradeSchema> = {};
  for (const d of dimensions) shape[d.id] = GradeSchema.describe(d.name);
  return z.strictObject({ dimensions: z.strictObject(shape) });
}

/** The shape shown to the judge in its output instructions. */
export function describeVerdictFormat(dimensions: readonly Dimension[]): string {
  const lines = dimensions.map((d, i) => `    "${d.id}": {"reason": "…", "level": 0 | 1 | 2}${i < dimensions.length - 1 ? ',' : ''}`);
  return ['{', '  "dimensions": {', ...lines, '  }', '}'].join('\n');
}
