import type { GateVerdict } from '../aggregate/summary-types.ts';
import { labelCellKey } from '../compare/cell-key.ts';
import { describeGateFailure } from './describe-gate.ts';
import type { JunitCase } from './junit-collector.ts';

export interface JunitInput {
  runId: string;
  /** ISO time the run started (JUnit's `timestamp`). */
  timestamp: string;
  passThreshold: number;
  /** Grouped by cell, in the order given (see createJunitCollector). */
  cases: readonly JunitCase[];
  /** When a gate was in effect: one more suite, a test case per cell. */
  gate?: GateVerdict | undefined;
  /** The run's replies or judge were simulated: the suites say so, so a CI page cannot pass it off as real. */
  simulated?: boolean | undefined;
}

export const GATE_SUITE = 'quality gate';

const SIMULATED_PROPERTY = '    <properties><property name="simulated" value="true"/></properties>';

/**
 * JUnit XML for CI systems that read it: a suite per variant × target, a test case per case
 * (classname `variant × target`, name the case id). A case fails when any scored repeat failed,
 * and is an error when no call was scored (provider errors). Every text is XML-escaped, and
 * characters XML 1.0 forbids (most controls, lone surrogates) become U+FFFD: model text cannot
 * end an element or make the file unreadable.
 */
export function renderJunit(input: JunitInput): string {
  const suites = groupByCell(input.cases).map((cases) => renderCaseSuite(cases, input));
  if (input.gate !== undefined) suites.push(renderGateSuite(input.gate, input.timestamp));
  if (input.simulated) for (const suite of suites) suite.lines.splice(1, 0, SIMULATED_PROPERTY);
  const all = suites.map((s) => s.counts);
  const total = (key: keyof Counts) => all.reduce((n, c) => n + c[key], 0);
  const root = attrs({ name: `subtodo-eval ${input.runId}${input.simulated ? ' (simulated)' : ''}`, tests: total('tests'), failures: total('failures'), errors: total('errors'), time: seconds(total('timeMs')) });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${root}>`, ...suites.flatMap((s) => s.lines), '</testsuites>', ''].join('\n');
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  timeMs: number;
}

interface Suite {
  counts: Counts;
  lines: string[];
}

function renderCaseSuite(cases: readonly JunitCase[], input: JunitInput): Suite {
  const first = cases[0] as JunitCase;
  const classname = labelCellKey(first);
  const counts: Counts = { tests: cases.length, failures: 0, errors: 0, timeMs: 0 };
  const body: string[] = [];
  for (const c of cases) {
    counts.timeMs += c.timeMs;
    const open = `    <testcase${attrs({ classname, name: c.caseId, time: seconds(c.timeMs) })}`;
    if (c.scored === 0) {
      counts.errors += 1;
      const type = c.failure?.judgeError ? 'judge_error' : 'provider_error';
      const message = `${c.failure?.judgeError ? 'judge_error' : (c.failure?.outcome ?? 'provider_error')}: ${c.failure?.reasons[0] ?? 'no call was scored'}`;
      body.push(`${open}>`, `      <error${attrs({ message, type })}>${escapeXmlText(describeFailure(c, input.passThreshold))}</error>`, '    </testcase>');
    } else if (c.passed < c.scored) {
      counts.failures += 1;
      body.push(
        `${open}>`,
        `      <failure${attrs({ message: summarizeFailure(c, input.passThreshold), type: c.failure?.outcome ?? 'fail' })}>${escapeXmlText(describeFailure(c, input.passThreshold))}</failure>`,
        '    </testcase>',
      );
    } else {
      body.push(`${open}/>`);
    }
  }
  const open = `  <testsuite${attrs({ name: classname, tests: counts.tests, failures: counts.failures, errors: counts.errors, skipped: 0, time: seconds(counts.timeMs), timestamp: input.timestamp })}>`;
  return { counts, lines: [open, ...body, '  </testsuite>'] };
}

function renderGateSuite(gate: GateVerdict, timestamp: string): Suite {
  const counts: Counts = { tests: gate.cells.length, failures: 0, errors: 0, timeMs: 0 };
  const body = gate.cells.map((cell) => {
    const open = `    <testcase${attrs({ classname: GATE_SUITE, name: labelCellKey(cell), time: seconds(0) })}`;
    if (cell.failed.length === 0) return `${open}/>`;
    counts.failures += 1;
    const reasons = cell.failed.map((check) => describeGateFailure(cell, check, gate));
    return `${open}>\n      <failure${attrs({ message: reasons.join('; '), type: cell.failed.join(',') })}>${escapeXmlText(reasons.join('\n'))}</failure>\n    </testcase>`;
  });
  const open = `  <testsuite${attrs({ name: GATE_SUITE, tests: counts.tests, failures: counts.failures, errors: 0, skipped: 0, time: seconds(0), timestamp })}>`;
  return { counts, lines: [open, ...body, '  </testsuite>'] };
}

/** One line for the CI's list of failures. */
function summarizeFailure(c: JunitCase, threshold: number): string {
  const f = c.failure;
  const mean = c.meanScore === null ? '—' : c.meanScore.toFixed(3);
  if (c.calls === 1 && f !== undefined) {
    const what = f.outcome === c.expectedType ? f.outcome : `expected ${c.expectedType}, got ${f.outcome}`;
    return `${what}: score ${mean} < pass threshold ${threshold}`;
  }
  const worst = f === undefined ? '' : `; worst: ${f.outcome}${f.score === null ? '' : ` ${f.score.toFixed(3)}`}`;
  return `failed ${c.scored - c.passed} of ${c.scored} scored repeats (mean score ${mean}, pass threshold ${threshold})${worst}`;
}

/** The body: what was expected, what came back, why it lost points, and the reply. */
function describeFailure(c: JunitCase, threshold: number): string {
  const f = c.failure;
  const lines = [`case: ${c.caseId}`, `cell: ${labelCellKey(c)}`, `expected: ${c.expectedType}`];
  if (f === undefined) return lines.join('\n');
  lines.push(`outcome: ${f.outcome}`, `score: ${f.score === null ? '— (not scored)' : f.score.toFixed(3)} (pass threshold ${threshold})`);
  if (c.calls > 1) lines.push(`repeats: ${c.calls} calls, ${c.scored} scored, ${c.passed} passed (the worst is shown)`);
  if (f.reasons.length > 0) lines.push('reasons:', ...f.reasons.map((r) => `  - ${r}`));
  lines.push(`input: ${f.input}`, `reply: ${f.excerpt === '' ? '—' : f.excerpt}`);
  return lines.join('\n');
}

function groupByCell(cases: readonly JunitCase[]): JunitCase[][] {
  const groups = new Map<string, JunitCase[]>();
  for (const c of cases) {
    const key = JSON.stringify([c.variant, c.target]);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [c]);
    else list.push(c);
  }
  return [...groups.values()];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function attrs(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXmlAttr(String(value))}"`)
    .join('');
}

/** Everything XML 1.0 allows is tab, LF, CR and U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text content: `&`, `<` and `>` (so `]]>` cannot appear) escaped; forbidden characters replaced. */
export function escapeXmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: quotes escaped too, and tab and line breaks as references so a parser keeps them. */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
