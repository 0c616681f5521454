/** One located problem in the user's input: `file:line: key: message`. */
export interface Problem {
  file: string;
  line?: number;
  key?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return p.key ? `${where}: ${p.key}: ${p.message}` : `${where}: ${p.message}`;
}

/**
 * An error the user can cause and fix (bad config, case, variant or flag). The CLI prints its
 * lines without a stack trace and exits 2; `code` is stable for scripts and tests.
 */
export class UserError extends Error {
  readonly code: string;
  readonly problems: Problem[];

  constructor(code: string, message: string, problems: Problem[] = []) {
    const sorted = sortProblems(problems);
    super(sorted.length > 0 ? sorted.map(formatProblem).join('\n') : message);
    this.name = 'UserError';
    this.code = code;
    this.problems = sorted;
  }
}

/** Files in the order they were first reported, lines ascending within a file (stable otherwise). */
function sortProblems(problems: Problem[]): Problem[] {
  const fileRank = new Map<string, number>();
  for (const p of problems) if (!fileRank.has(p.file)) fileRank.set(p.file, fileRank.size);
  return [...problems].sort((a, b) => (fileRank.get(a.file) ?? 0) - (fileRank.get(b.file) ?? 0) || (a.line ?? 0) - (b.line ?? 0));
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
