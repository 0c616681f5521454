import { ReplySchema, type FoundForm, type ParseResult, type SchemaIssue } from './reply-schema.ts';

const MAX_ISSUES_IN_ERROR = 3;

/** Validate a normalized candidate: a reply outcome, or `schema_error` with zod's issues kept. */
export function validateCandidate(candidate: unknown, form: FoundForm): ParseResult {
  const parsed = ReplySchema.safeParse(candidate);
  if (parsed.success) return { outcome: parsed.data.type, reply: parsed.data, form };
  const issues: SchemaIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
  }));
  return { outcome: 'schema_error', reply: null, error: summarizeIssues(issues), issues, form };
}

/** One line: the first few issues as `path: message`. */
export function summarizeIssues(issues: SchemaIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES_IN_ERROR).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const more = issues.length > MAX_ISSUES_IN_ERROR ? ` (+${issues.length - MAX_ISSUES_IN_ERROR} more)` : '';
  return `reply does not fit the schema: ${shown.join('; ')}${more}`.replace(/[\r\n]+/gu, ' ');
}

function formatPath(path: SchemaIssue['path']): string {
  return path.length === 0 ? '(root)' : path.join('.');
}
