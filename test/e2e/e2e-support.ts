import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Summary } from '../../src/aggregate/summary-types.ts';
import type { CliIO } from '../../src/cli/cli-io.ts';
import { main } from '../../src/cli/main.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';

/** What one in-process CLI run left behind: its exit code and everything it printed. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temp project folder built from `relative path → file text`; removed by `removeProject`. */
export function makeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'ste-e2e-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

export function removeProject(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/**
 * Runs `main` in-process with an injected environment: the test never touches process.env, so
 * a key in the developer's shell cannot leak into (or rescue) a test.
 */
export async function runCli(
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined>; stop?: AbortSignal; cancel?: AbortSignal; stopGraceMs?: number },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd,
    stderrIsTTY: false,
    stdoutIsTTY: false,
    now: () => new Date(),
    stop: options.stop,
    cancel: options.cancel,
    stopGraceMs: options.stopGraceMs,
  };
  const code = await main([...argv], io);
  return { code, stdout, stderr };
}

/** The env that points both real SDKs at the fake server. */
export function fakeEnv(server: { openaiBaseURL: string; anthropicBaseURL: string }, key = 'sk-test-e2e-0000000000'): Record<string, string> {
  return {
    OPENAI_API_KEY: key,
    OPENAI_BASE_URL: server.openaiBaseURL,
    ANTHROPIC_API_KEY: key,
    ANTHROPIC_BASE_URL: server.anthropicBaseURL,
  };
}

/** `count` answer cases c0 … c<count − 1>, one YAML line each, whose to-do ("할 일 cN 하기") names the case. */
export function numberedCases(count: number, from = 0): string {
  return Array.from({ length: count }, (_, i) => `- { id: c${from + i}, input: "할 일 c${from + i} 하기", expect: { type: answer } }\n`).join('');
}

/** Lines written to a file so far (0 before it exists): how far a run has got. */
export function countLines(path: string): number {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0;
}

/** The run folders under `<root>/reports`, oldest first (run ids sort by time). */
export function listRunDirs(root: string, out = 'reports'): string[] {
  const base = join(root, out);
  try {
    return readdirSync(base)
      .filter((name) => statSync(join(base, name)).isDirectory())
      .sort()
      .map((name) => join(base, name));
  } catch {
    return [];
  }
}

/** The only run folder a test made; a second one would mean a run wrote where it should not. */
export function onlyRunDir(root: string): string {
  const dirs = listRunDirs(root);
  if (dirs.length !== 1) throw new Error(`expected one run folder under ${root}/reports, found ${dirs.length}`);
  return dirs[0] as string;
}

export function readResults(runDir: string): TrialResult[] {
  return readFileSync(join(runDir, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as TrialResult);
}

export function readSummary(runDir: string): Summary {
  return JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as Summary;
}

export function readReport(runDir: string): string {
  return readFileSync(join(runDir, 'report.md'), 'utf8');
}

/** Every file under `dir`, as absolute paths. */
export function listFilesDeep(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** Table rows of a markdown document (lines starting with `|`), grouped by table. */
export function readTables(markdown: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      if (current === undefined) tables.push((current = []));
      current.push(line);
    } else {
      current = undefined;
    }
  }
  return tables;
}

/** `|` that separate cells: those not escaped by a backslash (an escaped backslash does not count). */
export function countCellBars(row: string): number {
  let bars = 0;
  for (let i = 0; i < row.length; i++) {
    const ch = row[i];
    if (ch === '\\') i++;
    else if (ch === '|') bars++;
  }
  return bars;
}

/** Two plain variants with inline examples: enough to make cells and a comparison. */
export const VARIANTS: Record<string, string> = {
  'prompts/plain.yaml': [
    'id: plain',
    'system: 당신은 할 일을 하위 할 일로 나누는 플래너입니다.',
    'format: xml',
    'examples:',
    '  - input: 이사 준비하기',
    '    output: { type: answer, items: [짐 싸기, 이사 업체 예약하기] }',
    '',
  ].join('\n'),
  'prompts/json.yaml': [
    'id: json-shots',
    'system: 하위 투두를 JSON으로만 답하세요.',
    'format: json',
    'template: "예시:\\n{{examples}}\\n\\n할 일: {{todo}}"',
    'examples:',
    '  - input: 파이썬 스크립트 짜줘',
    '    output: { type: invalid, message: 적합한 투두 형식이 아닙니다. }',
    '',
  ].join('\n'),
};

export const CONFIG = ['prompts: prompts/*.yaml', 'cases: cases/*.yaml', 'concurrency: 4', ''].join('\n');

/**
 * The markdown without its code spans (a fence of n backticks up to the next run of exactly n):
 * what is left is where model text would render as markup if it were not escaped.
 */
export function stripCodeSpans(markdown: string): string {
  return markdown.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

/** A run against the fake OpenAI target into `run/`, `concurrency` calls at once, no cache. */
export function runArgs(concurrency: number): string[] {
  return ['run', '--targets', 'openai:fake-model', '--concurrency', String(concurrency), '--quiet', '--no-cache', '--out', 'run'];
}

/** Finishes the run in `run/`. */
export const RESUME_ARGS: readonly string[] = ['run', '--resume', 'run', '--quiet', '--no-cache'];
