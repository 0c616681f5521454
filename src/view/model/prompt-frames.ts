import type { Message, RenderedPrompt } from '../../render/message-types.ts';
import type { StoredTurn, ViewPrompts } from './view-types.ts';

export interface RenderedEntry {
  variant: string;
  caseId: string;
  prompt: RenderedPrompt;
}

/**
 * Stores each variant's messages once: the system prompt, the turns every case shares (chat
 * examples), and the template text around the to-do. The frame is read off the single-turn cases'
 * last messages; any turn of a case that sits in that frame (the last one, or the opening turn of
 * a multi-turn case) keeps only its middle. Lossless: `joinPrompt` gives back exactly what
 * `renderPrompt` gave.
 */
export function framePrompts(entries: readonly RenderedEntry[]): ViewPrompts {
  const byVariant = new Map<string, RenderedEntry[]>();
  for (const entry of entries) {
    const list = byVariant.get(entry.variant);
    if (list === undefined) byVariant.set(entry.variant, [entry]);
    else list.push(entry);
  }
  const prompts: ViewPrompts = { unavailable: null, variants: {}, cases: {} };
  for (const [variant, list] of byVariant) {
    const first = list[0];
    if (first === undefined) continue;
    const shots = sharedTurns(list.map((e) => e.prompt.messages.slice(0, -1)));
    const single = list.filter((e) => e.prompt.messages.length === shots.length + 1);
    // One text alone has no frame to find: it would all be prefix.
    const lasts = (single.length > 1 ? single : list).map((e) => e.prompt.messages.at(-1)?.content ?? '');
    const prefix = commonPrefix(lasts);
    const suffix = commonSuffix(lasts, prefix.length);
    prompts.variants[variant] = { system: first.prompt.system, shots, userPrefix: prefix, userSuffix: suffix };
    for (const entry of list) {
      const turns = entry.prompt.messages.slice(shots.length).map((turn): StoredTurn => {
        const framed = turn.role === 'user' && turn.content.length >= prefix.length + suffix.length && turn.content.startsWith(prefix) && turn.content.endsWith(suffix);
        return framed ? { role: 'user', middle: turn.content.slice(prefix.length, turn.content.length - suffix.length) } : turn;
      });
      prompts.cases[promptKey(variant, entry.caseId)] = { turns };
    }
  }
  return prompts;
}

export function promptKey(variant: string, caseId: string): string {
  return `${variant}\u0000${caseId}`;
}

/** The exact messages of one variant × case, or null when they were not stored. */
export function joinPrompt(prompts: ViewPrompts, variant: string, caseId: string): RenderedPrompt | null {
  const frame = prompts.variants[variant];
  const entry = prompts.cases[promptKey(variant, caseId)];
  if (frame === undefined || entry === undefined) return null;
  const turns = entry.turns.map((turn): Message => ('middle' in turn ? { role: 'user', content: frame.userPrefix + turn.middle + frame.userSuffix } : turn));
  return { system: frame.system, messages: [...frame.shots, ...turns] };
}

/** The leading turns every list has, equal in role and content. */
function sharedTurns(lists: readonly Message[][]): Message[] {
  const [first, ...rest] = lists;
  if (first === undefined) return [];
  let n = 0;
  while (n < first.length && rest.every((list) => sameTurn(list[n], first[n]))) n++;
  return first.slice(0, n);
}

function sameTurn(a: Message | undefined, b: Message | undefined): boolean {
  return a !== undefined && b !== undefined && a.role === b.role && a.content === b.content;
}

function commonPrefix(texts: readonly string[]): string {
  const [first, ...rest] = texts;
  if (first === undefined) return '';
  let n = first.length;
  for (const text of rest) {
    let i = 0;
    while (i < n && i < text.length && text.charCodeAt(i) === first.charCodeAt(i)) i++;
    n = i;
  }
  return first.slice(0, n);
}

/** The common ending that does not overlap the prefix in any text. */
function commonSuffix(texts: readonly string[], prefixLength: number): string {
  const [first, ...rest] = texts;
  if (first === undefined) return '';
  let n = Math.min(...texts.map((t) => t.length - prefixLength));
  for (const text of [first, ...rest]) {
    let i = 0;
    while (i < n && text.charCodeAt(text.length - 1 - i) === first.charCodeAt(first.length - 1 - i)) i++;
    n = i;
  }
  return first.slice(first.length - n);
}
