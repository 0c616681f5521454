import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LabeledFileSchema } from '../../src/calibrate/labeled-schema.ts';
import { markId, readMarks, toLabeledReply, writeMark, type MarkInput } from '../../src/view/server/marks-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marks-'));
  dirs.push(dir);
  return join(dir, 'labeled', 'marks.yaml');
}

const mark = (over: Partial<MarkInput> = {}): MarkInput => ({
  caseId: 'ans-move',
  variant: 'five-principles',
  target: 'openai:gpt-4.1-mini',
  repeat: 0,
  testCase: undefined,
  input: '이사 준비하기',
  expectedType: 'answer',
  tags: ['home'],
  raw: '1. 짐 싸기\n2. 업체 예약하기',
  reply: { type: 'answer', items: ['짐 싸기', '업체 예약하기'] },
  verdict: 'fail',
  note: '너무 짧다',
  at: '2026-11-30T00:00:00.000Z',
  ...over,
});

describe('marks in the labeled-set format', () => {
  it('names a mark by case, variant, target and repeat in the characters an id may use', () => {
    expect(markId(mark())).toBe('ans-move--five-principles--openai_gpt-4.1-mini--r0');
  });

  it('writes an entry calibrate reads, with the project’s case when known and the model text as raw', () => {
    const entry = toLabeledReply(mark({ testCase: { id: 'ans-move', input: '이사 준비하기', expect: { type: 'answer', minItems: 3, mentions: ['이사'] }, tags: ['home'], lang: 'ko', history: [] } }));
    expect(entry).toMatchObject({ expect: { type: 'answer', minItems: 3, mentions: ['이사'] }, raw: '1. 짐 싸기\n2. 업체 예약하기', variant: 'five-principles', human: { verdict: 'fail', mode: 'unspecified', note: '너무 짧다' } });
    expect(entry.reply).toBeUndefined();
  });

  it('adds, then replaces a mark of the same reply, keeping other entries and their comments', async () => {
    const file = tempFile();
    await writeMark(file, toLabeledReply(mark()));
    await writeMark(file, toLabeledReply(mark({ caseId: 'other', repeat: 1 })));
    await writeMark(file, toLabeledReply(mark({ verdict: 'pass', note: '다시 보니 괜찮다' })));
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('# Replies graded in `subtodo-eval view`')).toBe(true);
    const entries = LabeledFileSchema.parse(parse(text));
    expect(entries.map((e) => [e.id, e.human.verdict, e.human.note])).toEqual([
      ['ans-move--five-principles--openai_gpt-4.1-mini--r0', 'pass', '다시 보니 괜찮다'],
      ['other--five-principles--openai_gpt-4.1-mini--r1', 'fail', '너무 짧다'],
    ]);
    const read = await readMarks(file);
    expect(read.get('other--five-principles--openai_gpt-4.1-mini--r1')).toEqual({ verdict: 'fail', note: '너무 짧다', raw: '1. 짐 싸기\n2. 업체 예약하기', mode: 'unspecified' });
  });

  it('refuses to rewrite a labels file that is not a YAML list', async () => {
    const file = tempFile();
    await writeMark(file, toLabeledReply(mark()));
    writeFileSync(file, 'not: a list\n');
    await expect(writeMark(file, toLabeledReply(mark()))).rejects.toThrow(/not a YAML list/);
  });
});
