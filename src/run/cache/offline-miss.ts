import { UserError } from '../../errors.ts';

/** Which call `--offline` found no entry for. */
export interface OfflineMiss {
  purpose: 'reply' | 'judge' | 'pairwise';
  variant: string;
  target: string;
  caseId: string;
  repeat: number;
}

/** `--offline` and a call the cache cannot answer: the user's to fix (run once online), so exit 2. */
export class OfflineMissError extends UserError {
  readonly miss: OfflineMiss;

  constructor(miss: OfflineMiss, context: { more?: number; dir?: string } = {}) {
    const more = context.more ? ` (and ${context.more} more)` : '';
    const where = context.dir === undefined ? '' : ` in ${context.dir}`;
    super('OFFLINE_MISS', `--offline: no cached ${describeMiss(miss)}${where}${more}; run once without --offline to fill the cache`);
    this.miss = miss;
  }
}

export function describeMiss(miss: OfflineMiss): string {
  const what = miss.purpose === 'judge' ? 'judge verdict' : miss.purpose === 'pairwise' ? 'pairwise judge verdict' : 'reply';
  return `${what} for variant ${miss.variant}, target ${miss.target}, case ${miss.caseId}${miss.repeat > 0 ? `, repeat ${miss.repeat}` : ''}`;
}
