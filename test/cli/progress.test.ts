import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';

const result = (outcome: TrialResult['outcome']) => ({ outcome }) as TrialResult;

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('createProgress', () => {
  it('on a terminal draws a bar with done/total, rate, errors and ETA', () => {
    let out = '';
    const c = clock();
    const p = createProgress({ total: 4, write: (s) => (out += s), tty: true, columns: 120, now: c.now });
    c.advance(1000);
    p.onResult(result('answer'));
    c.advance(1000);
    p.onResult(result('provider_error'));
    p.finish();
    expect(out).toContain('2/4 50%');
    expect(out).toContain('| 1.0/s | errors 1 | ETA 2s');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('when piped prints a plain line at most once per interval, and one at the end', () => {
    const lines: string[] = [];
    const c = clock();
    const p = createProgress({ total: 10, write: (s) => lines.push(s), tty: false, now: c.now, intervalMs: 5000 });
    for (let i = 0; i < 6; i++) {
      c.advance(1000);
      p.onResult(result(i === 0 ? 'format_error' : 'answer'));
    }
    p.finish();
    expect(lines).toEqual(['[ 5/10] 50%  1.0/s  errors 1  ETA 5s\n', '[ 6/10] 60%  1.0/s  errors 1  ETA 4s\n']);
    expect(lines.join('')).not.toContain('\u001b');
  });

  it('a resumed run starts from the calls already done and rates only the new ones', () => {
    const lines: string[] = [];
    const c = clock();
    const p = createProgress({ total: 10, alreadyDone: 8, write: (s) => lines.push(s), tty: false, now: c.now });
    c.advance(2000);
    p.onResult(result('answer'));
    p.finish();
    expect(lines).toEqual(['[ 9/10] 90%  0.5/s  errors 0  ETA 2s\n']);
  });
});
