import type { FakeReply, FaultKind, RecordedRequest, Responder } from './fake-types.ts';
import { createMulberry32 } from '../../src/aggregate/seeded-random.ts';

export { createMulberry32 };

export interface FaultOptions {
  /** Share of requests, in [0,1], that get a fault. */
  rate: number;
  seed: number;
  /** @default the HTTP and connection faults a retrying client must survive: all but 'badjson' */
  kinds?: readonly FaultKind[];
  /** The `Retry-After` sent with a 429. @default 1 */
  retryAfterSeconds?: number;
  /** When set, every status fault also carries `retry-after-ms` (both SDKs prefer it); keeps tests fast. */
  retryAfterMs?: number;
  /** Fault only a request's first attempt, so a client that retries always gets through. @default true */
  firstAttemptOnly?: boolean;
}

const DEFAULT_KINDS: readonly FaultKind[] = ['429', '500', '503', '529', 'reset', 'hang', 'truncate'];

/** FNV-1a, 32 bits: folds a request into the seed. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Which fault (if any) a request gets. The draw is seeded by the request itself (body and attempt),
 * not by arrival order, so a concurrent run sees the same faults on the same requests every time.
 */
export function pickFault(req: RecordedRequest, options: FaultOptions): FaultKind | null {
  const kinds = options.kinds ?? DEFAULT_KINDS;
  if (kinds.length === 0) return null;
  if ((options.firstAttemptOnly ?? true) && req.attempt > 1) return null;
  const random = createMulberry32(options.seed ^ hashText(`${req.api}\n${JSON.stringify(req.body)}\n${req.attempt}`));
  if (random() >= options.rate) return null;
  return kinds[Math.floor(random() * kinds.length)] ?? null;
}

function buildFaultReply(kind: FaultKind, options: FaultOptions): FakeReply {
  const retryMs = options.retryAfterMs === undefined ? {} : { retryAfterMs: options.retryAfterMs };
  switch (kind) {
    case '429':
      return { fault: 'status', status: 429, retryAfter: String(options.retryAfterSeconds ?? 1), ...retryMs };
    case '500':
    case '503':
    case '529':
      return { fault: 'status', status: Number(kind), ...retryMs };
    default:
      return { fault: kind };
  }
}

/** Injects faults into `inner` at `rate`, deterministically for a given seed. */
export function withFaults(inner: Responder, options: FaultOptions): Responder {
  return (req) => {
    const kind = pickFault(req, options);
    return kind === null ? inner(req) : buildFaultReply(kind, options);
  };
}
