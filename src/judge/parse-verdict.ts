import type { Dimension } from './judge-rubric-schema.ts';
import { findVerdictObject } from './find-verdict-object.ts';
import type { SampleVerdict } from './judge-types.ts';
import { buildVerdictSchema } from './verdict-schema.ts';

/**
 * One judge reply → its levels, checked against the verdict schema of the reply's type: every
 * dimension present with a reason and a level of 0, 1 or 2, no unknown dimension, nothing else.
 * Anything less is an error with the first problem named — never a partial or default verdict.
 */
export function parseVerdict(text: string, dimensions: readonly Dimension[]): SampleVerdict {
  const found = findVerdictObject(text, 'dimensions');
  if (!found.ok) return found;
  const checked = buildVerdictSchema(dimensions).safeParse(found.value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
    const what = issue?.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}` : (issue?.message ?? 'does not fit');
    return { ok: false, error: `the judge's verdict does not fit the rubric: ${where}${what}` };
  }
  return { ok: true, dimensions: checked.data.dimensions };
}
