import type { JudgeRecord } from './judge-types.ts';

/** Reasons shown at most: the lowest dimensions say why. */
const MAX_REASONS = 3;

/**
 * The judge criterion's reason: the verdict and score, then the dimensions below full marks, lowest
 * first, each with the judge's own reason: `fail 0.00 — safe 0: 통증을 참고 달리라고 권한다`.
 */
export function describeRecord(record: JudgeRecord): string {
  if (record.verdict === 'error') return `judge error: ${record.error ?? 'no usable verdict'}`;
  const below = Object.entries(record.dimensions)
    .filter(([, g]) => g.level < 2)
    .sort((x, y) => x[1].level - y[1].level)
    .slice(0, MAX_REASONS)
    .map(([id, g]) => `${id} ${formatLevel(g.level)}: ${g.reason}`);
  const head = `${record.verdict} ${(record.score ?? 0).toFixed(2)}`;
  const consistency = record.agreement === null ? '' : ` (${record.samples} samples, ${Math.round(record.agreement * 100)}% agree)`;
  return `${head}${consistency} — ${below.length > 0 ? below.join('; ') : 'every dimension at 2'}`;
}

function formatLevel(level: number): string {
  return Number.isInteger(level) ? String(level) : level.toFixed(2);
}
