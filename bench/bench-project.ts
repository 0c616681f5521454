import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));

const TODOS = ['이사 준비하기', '보고서 쓰기', '운동 계획 세우기', '그거 하기', '파이썬 스크립트 짜줘', '여행 짐 싸기', '장보기', '오늘 날씨 어때?'];
const TYPES = ['answer', 'answer', 'answer', 'question', 'invalid', 'answer', 'answer', 'invalid'];

export interface BenchProjectOptions {
  cases: number;
  concurrency: number;
  timeoutMs: number;
  /** @default the target default */
  maxRetries?: number | undefined;
  /** More config lines (e.g. `batch: { pollSeconds: 0.5 }`). */
  extraConfig?: string[];
}

/**
 * A temp project with the shipped seed-xml and five-principles prompts (real rendering cost) and
 * `cases` synthetic Korean to-dos, aimed at an OpenAI-compatible fake server through the real SDK.
 */
export function makeBenchProject(options: BenchProjectOptions): string {
  const root = mkdtempSync(join(tmpdir(), 'ste-bench-'));
  cpSync(join(REPO, 'prompts'), join(root, 'prompts'), { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < options.cases; i++) {
    const k = i % TODOS.length;
    lines.push(`- { id: b${i}, input: "${TODOS[k]} ${i}", expect: { type: ${TYPES[k]} } }`);
  }
  writeFileSync(join(root, 'cases.yaml'), `${lines.join('\n')}\n`);
  writeFileSync(
    join(root, 'subtodo-eval.yaml'),
    [
      'prompts: [prompts/seed-xml.yaml, prompts/five-principles.yaml]',
      'cases: cases.yaml',
      `concurrency: ${options.concurrency}`,
      'targets:',
      `  - { provider: openai, model: fake-model, timeoutMs: ${options.timeoutMs}${options.maxRetries === undefined ? '' : `, maxRetries: ${options.maxRetries}`} }`,
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  return root;
}
