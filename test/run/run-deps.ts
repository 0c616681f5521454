import { RubricSchema } from '../../src/config/rubric-schema.ts';
import type { Provider } from '../../src/run/providers/provider.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';
import type { RunDeps } from '../../src/run/run-trials.ts';

export const rubric = RubricSchema.parse({});

/** The runner's dependencies for a test: instant retries, results collected into `results`. */
export function deps(providers: Map<string, Provider>, results: TrialResult[], extra: Partial<RunDeps> = {}): RunDeps {
  return {
    runId: 'r1',
    providers,
    rubric,
    concurrency: 4,
    retry: { sleep: async () => {}, random: () => 0, now: () => 0, redact: (t) => t },
    onResult: (r) => void results.push(r),
    ...extra,
  };
}
