import { CaseSchema, type Case } from '../../src/config/case-schema.ts';
import { parseTarget } from '../../src/config/parse-target.ts';
import type { Target } from '../../src/config/target-schema.ts';
import type { Variant } from '../../src/config/variant-schema.ts';

export function makeCase(id: string, input: string, type: Case['expect']['type'] = 'answer', extra: Partial<Case> = {}): Case {
  return { ...CaseSchema.parse({ id, input, expect: { type } }), ...extra };
}

export function makeVariant(id: string, extra: Partial<Variant> = {}): Variant {
  return {
    id,
    description: '',
    system: `system of ${id}`,
    examples: [],
    format: 'xml',
    template: '{{examples}}\n\n{{todo}}',
    params: {},
    replyForm: 'xml',
    thinking: false,
    refusal: null,
    maxItemChars: null,
    source: `prompts/${id}.yaml`,
    ...extra,
  };
}

export function makeTarget(spec: string, extra: Partial<Target> = {}): Target {
  const parsed = parseTarget(spec);
  if (!parsed.ok) throw new Error(parsed.message);
  return { ...parsed.target, ...extra };
}
