import type { Cell, JudgeSummary, PairwiseSummary } from '../aggregate/summary-types.ts';
import { describeCalibration, describeJudgeErrors, describePairwise, describePositionBias } from './describe-judge.ts';
import { escapeCell, escapeInline, formatCode } from './escape-markdown.ts';
import { formatPercent, MISSING } from './format-numbers.ts';
import { renderMarkdownTable } from './markdown-table.ts';

const code = formatCode;

/** Dimensions shown per cell: the weakest, where the judge found the prompt falls short. */
const WEAKEST = 3;

export const SIMULATED_JUDGE_BANNER =
  '> ⚠ Simulated judge: the judge is the `mock`, a simulated model whose verdicts are made up. Judged scores show the harness works, not prompt quality.';

/**
 * "## Judge": who judged with which rubric, how far to trust it (its calibration, a judge of the
 * same model as a target), its errors said loudly, and per cell what it graded, failed and found
 * weakest.
 */
export function renderJudgeSection(judge: JudgeSummary, cells: readonly Cell[]): string {
  const samples = judge.repeat === 1 ? `1 sample at temperature ${judge.temperature}` : `${judge.repeat} samples at temperature ${judge.temperature}, reduced by ${judge.reduce}`;
  const lines = [
    `Judge ${code(judge.target)}${judge.simulated ? ' (simulated)' : ''}: rubric ${code(judge.rubricId)} (${escapeInline(judge.rubricFile)}), ${samples}.`,
    `${judge.calibration === null || !judge.calibration.current ? '> ⚠ ' : ''}Calibration against human verdicts: ${describeCalibration(judge, code)}.`,
  ];
  if (judge.sameModelAs.length > 0) lines.push(`> ⚠ The judge is the same model as target ${judge.sameModelAs.map(code).join(', ')}: it may favour its own replies.`);
  if (judge.errors > 0) lines.push(`> ⚠ ${describeJudgeErrors(judge)}.`);
  const repeated = judge.repeat > 1;
  const rows = cells.map((cell) => {
    const j = cell.judge;
    return [
      escapeCell(cell.variant),
      escapeCell(cell.target) + (cell.simulated ? ' (simulated)' : ''),
      String(j?.asked ?? 0),
      j && j.errors > 0 ? `**${j.errors}**` : String(j?.errors ?? 0),
      formatPercent(j?.passRate ?? null),
      j?.meanScore == null ? MISSING : j.meanScore.toFixed(3),
      ...(repeated ? [formatPercent(j?.consistency ?? null)] : []),
      escapeCell(weakest(j?.dimensions ?? {})),
    ];
  });
  const table = renderMarkdownTable(
    [
      { header: 'variant' },
      { header: 'target' },
      { header: 'judged', align: 'right' },
      { header: 'judge errors', align: 'right' },
      { header: 'judge pass', align: 'right' },
      { header: 'judge score', align: 'right' },
      ...(repeated ? [{ header: 'judge consistency', align: 'right' as const }] : []),
      { header: 'weakest dimensions (mean level 0–2)' },
    ],
    rows,
  );
  return ['## Judge', lines.join('\n\n'), table, 'Replies that failed a gate are not sent to the judge. A judge error leaves its case unscored: it is counted here, never scored as 0 or as a pass.'].join('\n\n');
}

/** "## Pairwise": each head-to-head comparison in words, then the counts and the judge's position bias. */
export function renderPairwiseSection(pairwise: readonly PairwiseSummary[]): string {
  const sentences = pairwise.map((p) => `- ${describePairwise(p, code)}\n  ${p.positionBias.biased ? '⚠ ' : ''}${describePositionBias(p)}.`);
  const rows = pairwise.map((p) => [
    escapeCell(p.a),
    escapeCell(p.b),
    escapeCell(p.target),
    String(p.wins),
    String(p.ties),
    String(p.losses),
    p.winRate === null ? MISSING : formatPercent(p.winRate),
    String(p.orderDisagreements),
    `${formatPercent(p.positionBias.rate)}${p.positionBias.biased ? ' ⚠' : ''}`,
    String(p.unjudged),
    p.errors > 0 ? `**${p.errors}**` : '0',
  ]);
  const table = renderMarkdownTable(
    [
      { header: 'a' },
      { header: 'b' },
      { header: 'target' },
      { header: 'a wins', align: 'right' },
      { header: 'ties', align: 'right' },
      { header: 'b wins', align: 'right' },
      { header: 'a win rate', align: 'right' },
      { header: 'orders disagreed', align: 'right' },
      { header: 'first position won', align: 'right' },
      { header: 'not judged', align: 'right' },
      { header: 'judge errors', align: 'right' },
    ],
    rows,
  );
  const how =
    'Each case is judged twice with the replies in both positions; a winner counts only when both orders name it, otherwise it is a tie. ' +
    'A case with repeats takes the majority of its repeats. Win rate and the exact sign test are over decisive cases; position bias is how often the reply shown first won a single order, tested against 50%. ' +
    '"Not judged": one side had no reply (a format or provider error).';
  return ['## Pairwise (judged head to head)', sentences.join('\n'), table, how].join('\n\n');
}

function weakest(dimensions: Readonly<Record<string, { n: number; meanLevel: number }>>): string {
  const list = Object.entries(dimensions)
    .sort((x, y) => x[1].meanLevel - y[1].meanLevel)
    .slice(0, WEAKEST)
    .map(([id, d]) => `${id} ${d.meanLevel.toFixed(2)}`);
  return list.length === 0 ? MISSING : list.join(', ');
}
