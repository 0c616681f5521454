import type { FakeApi, FakeUsage } from './fake-types.ts';
import { estimateTokens, isRecord, readContentText } from './read-request.ts';

/**
 * A provider-side prompt cache, as the real ones behave in outline. Anthropic: the text up to the
 * last `cache_control` breakpoint is written on first sight and read after. OpenAI: automatic,
 * the longest prefix shared with a recent request, once it is 1,024 tokens or more.
 */
export function createPromptCache() {
  const marked = new Set<string>();
  const recent: string[] = [];
  return {
    /** The usage split for a request whose whole input is `input` tokens. */
    usageFor(api: FakeApi, body: unknown, input: number, output: number): FakeUsage {
      if (api === 'openai') {
        const text = openaiText(body);
        const shared = Math.max(0, ...recent.map((earlier) => commonPrefix(earlier, text)));
        recent.push(text);
        if (recent.length > RECENT) recent.shift();
        // Cached in 128-token steps, from 1,024 tokens on, as OpenAI reports it.
        const tokens = Math.floor(Math.min(input, estimateTokens(text.slice(0, shared))) / 128) * 128;
        return tokens >= OPENAI_MIN_PREFIX ? { input, output, cacheRead: tokens } : { input, output };
      }
      const prefix = anthropicPrefix(body);
      if (prefix === undefined) return { input, output };
      const tokens = Math.min(input, estimateTokens(prefix));
      const hit = marked.has(prefix);
      marked.add(prefix);
      return hit ? { input, output, cacheRead: tokens } : { input, output, cacheWrite: tokens };
    },
  };
}

const RECENT = 64;

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

const OPENAI_MIN_PREFIX = 1024;

type Block = { text: string; marked: boolean };

function blocksOf(content: unknown): Block[] {
  if (typeof content === 'string') return [{ text: content, marked: false }];
  if (!Array.isArray(content)) return [];
  return content.filter(isRecord).map((part) => ({ text: typeof part['text'] === 'string' ? part['text'] : '', marked: isRecord(part['cache_control']) }));
}

function anthropicPrefix(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const blocks = [...blocksOf(body['system']), ...(Array.isArray(body['messages']) ? body['messages'].filter(isRecord).flatMap((m) => blocksOf(m['content'])) : [])];
  const last = blocks.map((b) => b.marked).lastIndexOf(true);
  return last < 0 ? undefined : blocks.slice(0, last + 1).map((b) => b.text).join('\n');
}

function openaiText(body: unknown): string {
  if (!isRecord(body) || !Array.isArray(body['messages'])) return '';
  return body['messages'].filter(isRecord).map((m) => readContentText(m['content'])).join('\n');
}
