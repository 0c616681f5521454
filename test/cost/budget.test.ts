import { describe, expect, it } from 'vitest';
import { createBudget } from '../../src/cost/budget.ts';

describe('createBudget', () => {
  it('never lets spent + reserved pass the maximum', async () => {
    const budget = createBudget(1);
    const a = await budget.reserve(0.6);
    expect(a).toBeDefined();
    expect(budget.reservedUsd()).toBeCloseTo(0.6);
    // 0.6 + 0.5 > 1: waits for the call in flight, whose real cost is lower than its worst case.
    let b: unknown = 'pending';
    const waiting = budget.reserve(0.5).then((r) => (b = r));
    await Promise.resolve();
    expect(b).toBe('pending');
    a!.settle(0.1);
    await waiting;
    expect(b).toBeDefined();
    expect(budget.spentUsd()).toBeCloseTo(0.1);
    expect(budget.exhausted).toBe(false);
  });

  it('is exhausted when a call cannot fit and nothing in flight can free room; later calls are refused too', async () => {
    const budget = createBudget(1);
    const a = await budget.reserve(0.5);
    const refused = budget.reserve(0.7);
    const later = budget.reserve(0.1);
    a!.settle(0.5);
    expect(await refused).toBeUndefined();
    expect(await later).toBeUndefined();
    expect(budget.exhausted).toBe(true);
    expect(budget.refusedUsd).toBe(0.7);
    expect(await budget.reserve(0)).toBeUndefined();
    expect(budget.spentUsd()).toBe(0.5);
  });

  it('settles once', async () => {
    const budget = createBudget(1);
    const a = await budget.reserve(0.4);
    a!.settle(0.2);
    a!.settle(0.3);
    expect([budget.spentUsd(), budget.reservedUsd()]).toEqual([0.2, 0]);
  });
});
