import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { loadProject, type ProjectOptions } from '../../src/config/load-project.ts';
import { formatProblem, isUserError, type UserError } from '../../src/errors.ts';

/** A path → content map; `null` leaves out a file of the base project. */
export type ProjectFiles = Record<string, string | Uint8Array | null>;

export const CONFIG = 'prompts: prompts/*.yaml\ncases: cases/*.yaml\ntargets: [mock]\n';
export const VARIANT = 'id: v1\nsystem: 너는 플래너야.\nformat: xml\ntemplate: "{{examples}}\\n\\n{{todo}}"\n';
export const CASES = '- id: c1\n  input: 보고서 쓰기\n  expect: { type: answer }\n- id: c2\n  input: 여행\n  expect: { type: question }\n';
export const FEW_SHOT = '- input: 장보기\n  output: { type: answer, items: [목록 쓰기, 마트 가기] }\n- input: 파이썬 코드 짜줘\n  output: { type: invalid, message: 투두가 아닙니다. }\n';

/** A small valid project: one config, one variant, one case file with two cases. */
export const BASE: ProjectFiles = {
  'subtodo-eval.yaml': CONFIG,
  'prompts/v1.yaml': VARIANT,
  'cases/a.yaml': CASES,
};

/** Writes `BASE` overlaid with `files` into a fresh temp folder and returns the folder. */
export function writeProject(files: ProjectFiles = {}, base: ProjectFiles = BASE): string {
  const dir = mkdtempSync(join(tmpdir(), 'ste-'));
  for (const [path, content] of Object.entries({ ...base, ...files })) {
    if (content === null) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Loads a project that must fail and returns its UserError. */
export async function loadFailure(cwd: string, options: Omit<ProjectOptions, 'cwd'> = {}): Promise<UserError> {
  try {
    await loadProject({ cwd, ...options });
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('expected loadProject to fail');
}

/**
 * Asserts the error's lines are exactly `lines`, and that each problem carries the file and line
 * its text shows (so a line number in a message is never just text).
 */
export function expectProblems(error: UserError, lines: string[]): void {
  expect(error.message.split('\n')).toEqual(lines);
  expect(error.problems.map(formatProblem)).toEqual(lines);
  for (const [i, line] of lines.entries()) {
    const where = /^(.+?)(?::(\d+))?: /.exec(line);
    expect(error.problems[i]?.file).toBe(where?.[1]);
    expect(error.problems[i]?.line).toBe(where?.[2] === undefined ? undefined : Number(where[2]));
  }
}

/** One row of a bad-input table: the files over `BASE`, the flags, and the exact lines expected. */
export interface ErrorRow {
  name: string;
  files: ProjectFiles;
  options?: Omit<ProjectOptions, 'cwd'>;
  code: string;
  lines: string[];
}

export const UNKNOWN_KEY = 'unknown key (check the spelling; see the config reference)';
