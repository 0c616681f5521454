import type { DryRunReport, TargetEstimate } from '../cost/plan-estimate.ts';
import { ASSUMED_CALL_SECONDS } from '../cost/time-estimate.ts';
import { flattenText } from './escape-markdown.ts';
import { formatCost, MISSING } from './format-numbers.ts';
import { renderPlainTable } from './plain-table.ts';

/** `run --dry-run`: the plan, per target and per cell, with tokens, cost and time. Pure. */
export function renderDryRun(report: DryRunReport): string {
  const batch = report.mode === 'batch';
  const lines = [`Dry run: no call made. ${count(report.plannedCalls)} calls planned${report.alreadyDone > 0 ? `, ${count(report.alreadyDone)} already done` : ''}; ${count(report.total.toCall)} to call (${batch ? 'as provider batches' : 'live'}).`, ''];
  lines.push(
    ...renderPlainTable(
      [
        { header: 'target', align: 'left' },
        { header: 'calls', align: 'right' },
        { header: 'cached', align: 'right' },
        { header: 'to call', align: 'right' },
        { header: 'input tok', align: 'right' },
        { header: 'output tok (expected/max)', align: 'right' },
        { header: batch ? 'cost (batch)' : 'cost (live)', align: 'right' },
        { header: batch ? 'live would be' : 'batch would be', align: 'right' },
        { header: 'time', align: 'left' },
      ],
      report.targets.map((t) => [
        `${flattenText(t.target)}${t.role === 'judge' ? ' (judge, at most)' : ''}${t.simulated ? ' (simulated)' : ''}`,
        count(t.calls),
        count(t.cached),
        count(t.toCall),
        t.simulated ? MISSING : count(t.inputTokens),
        t.simulated ? MISSING : `${count(t.expectedOutputTokens)} / ${count(t.maxOutputTokens)}`,
        costCell(t, batch),
        t.costUsd === null || t.simulated ? MISSING : t.batchApi === 'no' && !batch ? 'no batch API' : formatCost(batch ? t.costUsd.live : t.costUsd.batch),
        batch ? (t.batchApi === 'no' ? 'no batch API' : t.toCall === 0 ? MISSING : 'most within 1 h, all within 24 h') : describeTime(t),
      ]),
    ),
  );
  lines.push('', ...renderPlainTable(
    [
      { header: 'variant', align: 'left' },
      { header: 'target', align: 'left' },
      { header: 'calls', align: 'right' },
      { header: 'cached', align: 'right' },
      { header: 'to call', align: 'right' },
    ],
    report.cells.map((c) => [flattenText(c.variant), flattenText(c.target), count(c.calls), count(c.cached), count(c.toCall)]),
  ));
  lines.push('', ...describeTotal(report), ...describeAssumptions(report));
  return `${lines.join('\n')}\n`;
}

function costCell(t: TargetEstimate, batch: boolean): string {
  if (t.simulated) return '$0';
  if (t.costUsd === null) return t.toCall === 0 ? MISSING : 'unknown price';
  if (batch && t.batchApi === 'no') return 'no batch API';
  const [expected, max] = batch ? [t.costUsd.batch, t.costUsd.batchMax] : [t.costUsd.live, t.costUsd.liveMax];
  return `${formatCost(expected)} (≤ ${formatCost(max)})`;
}

function describeTime(t: TargetEstimate): string {
  if (t.toCall === 0 || t.simulated) return MISSING;
  const why = t.time.bound === 'concurrency' ? 'concurrency' : t.time.bound === 'rpm' ? 'rpm limit' : 'tpm limit';
  return `~${formatSeconds(t.time.seconds)} (${why})`;
}

function describeTotal(report: DryRunReport): string[] {
  const { total } = report;
  const lines: string[] = [];
  if (total.costUsd !== null && total.costUsdMax !== null) lines.push(`Estimated cost: ${formatCost(total.costUsd)}, at most ${formatCost(total.costUsdMax)} (every reply at its maxTokens).`);
  if (report.mode === 'live' && total.seconds > 0) lines.push(`Estimated time: ~${formatSeconds(total.seconds)} live, all targets sharing the run's concurrency.`);
  if (total.unpricedTargets.length > 0) {
    lines.push(`Unknown price for ${total.unpricedTargets.map(flattenText).join(', ')}: not in the built-in table (checked ${report.pricesCheckedOn}); set price: on the target to count it.`);
  }
  return lines;
}

function describeAssumptions(report: DryRunReport): string[] {
  const real = report.targets.filter((t, i, all) => !t.simulated && all.findIndex((o) => o.target === t.target) === i);
  const lines: string[] = [];
  if (real.length > 0) {
    const how = (m: TargetEstimate['tokenizer']) => (m === 'estimate' ? 'estimated (~4 ASCII characters or 1 other character a token)' : `OpenAI's ${m} tokenizer`);
    lines.push(`Input tokens: ${real.map((t) => `${flattenText(t.target)} ${how(t.tokenizer)}`).join('; ')}. Expected output: the mean length of each variant's example replies; max: maxTokens.`);
  }
  lines.push(`Prices: USD per million tokens, the target's price: or the built-in table (checked ${report.pricesCheckedOn}); prompt-cache discounts not assumed.`);
  if (report.mode === 'live') lines.push(`Time: live calls at ~${ASSUMED_CALL_SECONDS} s each within each target's concurrency, rpm and tpm; --batch halves the cost of OpenAI and Anthropic calls.`);
  return lines;
}

function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.max(1, Math.round(s))} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
