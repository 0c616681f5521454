import type { Case } from '../config/case-schema.ts';
import type { Target } from '../config/target-schema.ts';
import type { Variant } from '../config/variant-schema.ts';
import { contentHash } from './content-hash.ts';

/** One call to make: which variant, on which target, for which case, which sample. */
export interface Trial {
  /** From content, not position: the same prompt, model, case and repeat always get the same id. */
  trialId: string;
  variant: Variant;
  target: Target;
  testCase: Case;
  repeat: number;
}

export interface Plan {
  trials: Trial[];
  variants: Variant[];
  targets: Target[];
  cases: Case[];
  repeat: number;
}

/** The whole list of trials, built before the first call: it drives counts, resume and tests. */
export function buildPlan(input: { variants: Variant[]; targets: Target[]; cases: Case[]; repeat: number }): Plan {
  const variantKeys = new Map(input.variants.map((v) => [v.id, contentHash(variantContent(v))]));
  const targetKeys = new Map(
    input.targets.map((t) => [t.id, contentHash({ provider: t.provider, model: t.model, baseURL: t.baseURL ?? null, params: t.params, ...(t.responseFormat ? { responseFormat: t.responseFormat } : {}) })]),
  );
  const caseKeys = new Map(input.cases.map((c) => [c.id, contentHash({ input: c.input, history: c.history })]));
  const trials: Trial[] = [];
  // Targets vary fastest so that calls in flight spread over providers.
  for (let repeat = 0; repeat < input.repeat; repeat++) {
    for (const testCase of input.cases) {
      for (const variant of input.variants) {
        for (const target of input.targets) {
          trials.push({
            trialId: contentHash([variantKeys.get(variant.id), targetKeys.get(target.id), caseKeys.get(testCase.id), testCase.id, variant.id, target.id, repeat]),
            variant,
            target,
            testCase,
            repeat,
          });
        }
      }
    }
  }
  return { trials, variants: input.variants, targets: input.targets, cases: input.cases, repeat: input.repeat };
}

function variantContent(v: Variant): unknown {
  // A key only when set, so the ids of runs made before the option existed still match.
  return { system: v.system, examples: v.examples, format: v.format, template: v.template, params: v.params, ...(v.responseFormat ? { responseFormat: v.responseFormat } : {}) };
}
