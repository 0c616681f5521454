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
    expect(out).toContain('| 1.0/s | format errors 0 | API errors 1 | ETA 2s');
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
    expect(lines).toEqual(['[ 5/10] 50%  1.0/s  format errors 1  API errors 0  ETA 5s\n', '[ 6/10] 60%  1.0/s  format errors 1  API errors 0  ETA 4s\n']);
    expect(lines.join('')).not.toContain('\u001b');
  });

  it('a resumed run starts from the calls already done and rates only the new ones', () => {
    const lines: string[] = [];
    const c = clock();
    const p = createProgress({ total: 10, alreadyDone: 8, write: (s) => lines.push(s), tty: false, now: c.now });
    c.advance(2000);
    p.onResult(result('answer'));
    p.finish();
    expect(lines).toEqual(['[ 9/10] 90%  0.5/s  format errors 0  API errors 0  ETA 2s\n']);
  });

  it('when piped, the end does not repeat a line the interval just printed', () => {
    const lines: string[] = [];
    const c = clock();
    const p = createProgress({ total: 2, write: (s) => lines.push(s), tty: false, now: c.now, intervalMs: 1000 });
    c.advance(1000);
    p.onResult(result('answer'));
    c.advance(1000);
    p.onResult(result('answer'));
    p.finish();
    p.finish();
    expect(lines).toEqual(['[1/2] 50%  1.0/s  format errors 0  API errors 0  ETA 1s\n', '[2/2] 100%  1.0/s  format errors 0  API errors 0  ETA 0s\n']);
  });

  it('the ETA follows the slowest target, not the mean rate', () => {
    const lines: string[] = [];
    const c = clock();
    const perTarget = new Map([['fast', 10], ['slow', 10]]);
    const p = createProgress({ total: 20, perTarget, write: (s) => lines.push(s), tty: false, now: c.now, intervalMs: 10_000 });
    const on = (target: string) => p.onResult({ outcome: 'answer', target } as TrialResult);
    // In 10 s the fast target finished all 10 calls and the slow one made 2: 8 left at 0.2/s is 40 s.
    for (let i = 0; i < 10; i++) on('fast');
    on('slow');
    on('slow');
    c.advance(10_000);
    p.finish();
    // The mean rate (12 calls in 10 s) would have said 7 s.
    expect(lines).toEqual(['[12/20] 60%  1.2/s  format errors 0  API errors 0  ETA 40s\n']);
  });

  it('stops drawing after finish (a Ctrl-C): later results print nothing', () => {
    const lines: string[] = [];
    const c = clock();
    const p = createProgress({ total: 3, write: (s) => lines.push(s), tty: false, now: c.now, intervalMs: 1 });
    p.finish();
    c.advance(10);
    p.onResult(result('answer'));
    expect(lines).toEqual(['[0/3] 0%  0.0/s  format errors 0  API errors 0\n']);
  });
});
