/** One call's share of the budget, held from before the call starts until its real cost is known. */
export interface Reservation {
  /** The call ended: its real cost replaces the estimate (0 when it failed: errors are not billed). */
  settle(usd: number): void;
}

export interface Budget {
  readonly maxUsd: number;
  /** Settled so far by this run. */
  spentUsd(): number;
  /** Held by calls in flight. */
  reservedUsd(): number;
  /** True once a call could not fit: no call starts after it. */
  readonly exhausted: boolean;
  /** The estimate of the call that did not fit. */
  readonly refusedUsd: number | undefined;
  /**
   * Reserves `usd` before a call starts. When it does not fit but calls in flight hold some budget,
   * it waits for them to settle (their real cost is usually below their worst case); when nothing
   * is in flight and it still does not fit, the budget is exhausted and it resolves undefined.
   */
  reserve(usd: number): Promise<Reservation | undefined>;
}

/**
 * A hard budget: the spent and reserved amounts never pass `maxUsd`, so no call starts that could
 * take the run over it (each reservation is that call's worst case). Waiters are served in order.
 */
export function createBudget(maxUsd: number): Budget {
  let spent = 0;
  let reserved = 0;
  let exhausted = false;
  let refused: number | undefined;
  const waiting: { usd: number; resolve: (r: Reservation | undefined) => void }[] = [];

  const grant = (usd: number): Reservation => {
    reserved += usd;
    let open = true;
    return {
      settle(actual) {
        if (!open) return;
        open = false;
        reserved -= usd;
        spent += actual;
        pump();
      },
    };
  };

  const fits = (usd: number) => spent + reserved + usd <= maxUsd + 1e-12;

  function pump(): void {
    while (waiting.length > 0) {
      const head = waiting[0]!;
      if (!exhausted && fits(head.usd)) {
        waiting.shift();
        head.resolve(grant(head.usd));
        continue;
      }
      if (!exhausted && reserved > 0) return; // in-flight calls may still settle lower
      if (!exhausted) {
        exhausted = true;
        refused = head.usd;
      }
      for (const w of waiting.splice(0)) w.resolve(undefined);
    }
  }

  return {
    maxUsd,
    spentUsd: () => spent,
    reservedUsd: () => reserved,
    get exhausted() {
      return exhausted;
    },
    get refusedUsd() {
      return refused;
    },
    reserve(usd) {
      return new Promise((resolve) => {
        waiting.push({ usd, resolve });
        pump();
      });
    },
  };
}
