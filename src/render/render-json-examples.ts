import type { Example } from '../config/variant-schema.ts';
import { toSeedReply } from './describe-example.ts';

/** One entry of the seed's JSON few-shot list; key order matches the seed. */
interface SeedCase {
  caseNumber: number;
  caseDescription?: string;
  caseInstruction?: string;
  userPrompts: { type: 'user'; content: string }[];
  thinking?: string;
  subtodos: ReturnType<typeof toSeedReply>;
}

export function buildJsonExamples(examples: readonly Example[]): SeedCase[] {
  return examples.map((example, i) => {
    const note = example.note?.trim();
    const instruction = example.instruction?.trim();
    const reasoning = example.reasoning?.trim();
    // Spread in this order so the optional keys sit where the seed put them.
    return {
      caseNumber: i + 1,
      ...(note ? { caseDescription: note } : {}),
      ...(instruction ? { caseInstruction: instruction } : {}),
      userPrompts: [{ type: 'user', content: example.input }],
      ...(reasoning ? { thinking: reasoning } : {}),
      subtodos: toSeedReply(example.output),
    };
  });
}

/**
 * The seed's JSON few-shot form: a list of cases, three-space indent and no space after the
 * colon (`"caseNumber":1`), as the user wrote it for GPT.
 */
export function renderJsonExamples(examples: readonly Example[]): string {
  if (examples.length === 0) return '';
  return stringifyLikeSeed(buildJsonExamples(examples));
}

export function stringifyLikeSeed(value: unknown): string {
  // In pretty-printed JSON every key opens its line and strings hold no raw newline, so a line
  // that starts with a whole string followed by ": " is always a key.
  return JSON.stringify(value, null, 3).replace(/^(\s*"(?:[^"\\]|\\.)*"): /gm, '$1:');
}
