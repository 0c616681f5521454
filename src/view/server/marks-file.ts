import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { LabeledReplySchema, type FailureMode, type LabeledReply } from '../../calibrate/labeled-schema.ts';
import type { Case } from '../../config/case-schema.ts';
import type { Reply } from '../../parse/reply-schema.ts';

/** One reply a grader marked in the viewer, with what the labeled set needs to grade it again. */
export interface MarkInput {
  caseId: string;
  variant: string;
  target: string;
  repeat: number;
  /** The case as the project has it; without it, only what results.jsonl kept. */
  testCase: Case | undefined;
  input: string;
  expectedType: string;
  tags: string[];
  raw: string | null;
  reply: Reply | null;
  verdict: 'pass' | 'fail';
  mode?: FailureMode;
  note?: string;
  at: string;
}

/** `caseId--variant--target--r0`, in the characters a case id may use: marking again replaces the mark. */
export function markId(m: Pick<MarkInput, 'caseId' | 'variant' | 'target' | 'repeat'>): string {
  const clean = (s: string) => s.replace(/[^\w.-]+/g, '_');
  return `${clean(m.caseId)}--${clean(m.variant)}--${clean(m.target)}--r${m.repeat}`;
}

/** The labeled-set entry for a mark, checked against the schema `calibrate` reads. */
export function toLabeledReply(m: MarkInput): LabeledReply {
  const base = m.testCase
    ? { input: m.testCase.input, expect: m.testCase.expect, tags: m.testCase.tags, lang: m.testCase.lang, history: m.testCase.history }
    : { input: m.input, expect: { type: m.expectedType }, tags: m.tags };
  const entry = {
    id: markId(m),
    ...base,
    // The model's own text goes through the parser when the set is graded, as the reply did in the run.
    ...(m.raw !== null ? { raw: m.raw } : { reply: m.reply }),
    variant: m.variant,
    human: { verdict: m.verdict, ...(m.mode === undefined ? {} : { mode: m.mode }), ...(m.note === undefined ? {} : { note: m.note }), at: m.at },
  };
  return LabeledReplySchema.parse(entry);
}

/**
 * Adds or replaces (same id) one entry in the labels file, keeping the other entries and their
 * comments as written. The file is written whole to a temporary name and renamed over the old.
 */
export async function writeMark(file: string, entry: LabeledReply): Promise<void> {
  const doc = existsSync(file) ? parseDocument(await readFile(file, 'utf8')) : parseDocument('[]\n');
  if (doc.errors.length > 0) throw new Error(`${file}: not valid YAML (${doc.errors[0]?.message ?? ''}); fix or move it before marking`);
  if (!isSeq(doc.contents)) throw new Error(`${file}: not a YAML list of labeled replies`);
  const seq = doc.contents;
  const items = seq.items as unknown[];
  const at = items.findIndex((item) => isMap(item) && (item.toJSON() as { id?: unknown }).id === entry.id);
  const node = doc.createNode(toPlain(entry));
  if (at >= 0) items[at] = node;
  else items.push(node);
  seq.flow = false;
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, header(doc) + doc.toString({ lineWidth: 0 }));
  await rename(tmp, file);
}

/** The marks in the file, by id (entries that are not marks of this shape are skipped). */
export async function readMarks(file: string): Promise<Map<string, { verdict: 'pass' | 'fail'; note: string | null; raw: string | null; mode: string }>> {
  const marks = new Map<string, { verdict: 'pass' | 'fail'; note: string | null; raw: string | null; mode: string }>();
  if (!existsSync(file)) return marks;
  const doc = parseDocument(await readFile(file, 'utf8'));
  const list: unknown = doc.toJS();
  if (!Array.isArray(list)) return marks;
  for (const item of list) {
    const parsed = LabeledReplySchema.safeParse(item);
    if (parsed.success) marks.set(parsed.data.id, { verdict: parsed.data.human.verdict, note: parsed.data.human.note ?? null, raw: parsed.data.raw ?? null, mode: parsed.data.human.mode });
  }
  return marks;
}

function toPlain(entry: LabeledReply): unknown {
  return JSON.parse(JSON.stringify(entry)) as unknown;
}

function header(doc: Document): string {
  return doc.commentBefore ? '' : '# Replies graded in `subtodo-eval view` (a labeled set: `subtodo-eval calibrate` reads it).\n';
}
