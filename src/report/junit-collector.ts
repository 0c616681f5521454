import type { TrialResult } from '../results/trial-result.ts';
import { createFailingCollector, type FailingCase } from './failing-collector.ts';

/** One case in one cell, as a JUnit test case: its repeats counted, its worst failure kept. */
export interface JunitCase {
  caseId: string;
  variant: string;
  target: string;
  expectedType: string;
  calls: number;
  /** Repeats with a score (not provider errors). */
  scored: number;
  passed: number;
  /** Mean over the scored repeats; null when none was scored. */
  meanScore: number | null;
  /** Model time over the calls (latency of each last attempt). */
  timeMs: number;
  /** The worst failing repeat (or provider error), its texts cut; absent when every call passed. */
  failure?: FailingCase;
}

export interface JunitCollector {
  add(result: TrialResult): void;
  /** Cells in order of first result, cases in order of first result within a cell. */
  list(): JunitCase[];
}

interface Tally {
  first: TrialResult;
  calls: number;
  scored: number;
  passed: number;
  scoreSum: number;
  timeMs: number;
}

/**
 * Gathers the JUnit report while results stream by. It keeps counts per case × cell and, through
 * the failing-cases collector, one cut-down failure per failing case: never the model text of
 * every call, so memory grows with cases × cells, not with calls or repeats.
 */
export function createJunitCollector(): JunitCollector {
  const tallies = new Map<string, Tally>();
  const failing = createFailingCollector(Number.POSITIVE_INFINITY);
  return {
    add(result) {
      const key = keyOf(result);
      const tally = tallies.get(key) ?? { first: result, calls: 0, scored: 0, passed: 0, scoreSum: 0, timeMs: 0 };
      tally.calls += 1;
      tally.timeMs += result.latencyMs;
      if (result.score !== null) {
        tally.scored += 1;
        tally.scoreSum += result.score;
        if (result.pass === true) tally.passed += 1;
      }
      tallies.set(key, tally);
      failing.add(result);
    },
    list() {
      const failures = new Map(failing.list().map((f) => [keyOf(f), f]));
      const byCell = new Map<string, JunitCase[]>();
      for (const [key, t] of tallies) {
        const failure = failures.get(key);
        const junitCase: JunitCase = {
          caseId: t.first.caseId,
          variant: t.first.variant,
          target: t.first.target,
          expectedType: t.first.expectedType,
          calls: t.calls,
          scored: t.scored,
          passed: t.passed,
          meanScore: t.scored === 0 ? null : t.scoreSum / t.scored,
          timeMs: t.timeMs,
          ...(failure === undefined ? {} : { failure }),
        };
        const cell = JSON.stringify([t.first.variant, t.first.target]);
        const list = byCell.get(cell);
        if (list === undefined) byCell.set(cell, [junitCase]);
        else list.push(junitCase);
      }
      return [...byCell.values()].flat();
    },
  };
}

function keyOf(r: Pick<TrialResult, 'variant' | 'target' | 'caseId'>): string {
  return JSON.stringify([r.variant, r.target, r.caseId]);
}
