import type { Target } from '../config/target-schema.ts';

/** Counts the tokens of a text for one target's model. */
export interface TokenCounter {
  count(text: string): number;
  /** `o200k_base` / `cl100k_base`: OpenAI's own tokenizer (gpt-tokenizer); `estimate`: see estimateTextTokens. */
  method: 'o200k_base' | 'cl100k_base' | 'estimate';
}

/**
 * Without a tokenizer (Claude's current one is not published; a local model has its own): about
 * four ASCII characters a token, and a token for every other character. On this corpus that errs
 * high where it can be checked: OpenAI's o200k_base spends 0.9 tokens on a Hangul syllable, and
 * counts the shipped answer cases' to-dos at 792 tokens where this says 880. For a budget, high is
 * the safe side.
 */
export function estimateTextTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 128) ascii++;
    else if ((text.charCodeAt(i) & 0xfc00) !== 0xdc00) other++; // a surrogate pair is one character
  }
  return Math.ceil(ascii / 4) + other;
}

const ESTIMATE: TokenCounter = { count: estimateTextTokens, method: 'estimate' };

/** Model names of OpenAI's own families, which gpt-tokenizer knows how to count. */
const OPENAI_MODEL = /^(ft:)?(gpt-|o\d|chatgpt-|codex-)/i;

const loaded = new Map<string, Promise<TokenCounter>>();

/**
 * OpenAI models get the real tokenizer, loaded on first use (it costs ~150 ms and ~100 MB, so a
 * run that estimates nothing never loads it); everything else the documented estimate. Repeated
 * texts (a variant's system prompt and examples) are counted once.
 */
export function loadTokenCounter(target: Pick<Target, 'provider' | 'model'>): Promise<TokenCounter> {
  if (target.provider !== 'openai' || !OPENAI_MODEL.test(target.model)) return Promise.resolve(ESTIMATE);
  const model = target.model.replace(/^ft:/, '').split(':')[0] ?? target.model;
  let counter = loaded.get(model);
  if (counter === undefined) loaded.set(model, (counter = loadOpenAICounter(model)));
  return counter;
}

async function loadOpenAICounter(model: string): Promise<TokenCounter> {
  const { modelToEncodingMap } = await import('gpt-tokenizer/mapping');
  const known: string | undefined = (modelToEncodingMap as Record<string, string | undefined>)[model];
  if (known === 'cl100k_base') {
    const { countTokens } = await import('gpt-tokenizer/encoding/cl100k_base');
    return { count: memoize(countTokens), method: 'cl100k_base' };
  }
  // gpt-tokenizer's own rule: a model it does not list uses the encoding of the new models.
  const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
  return { count: memoize(countTokens), method: 'o200k_base' };
}

const MEMO_ENTRIES = 8192;

/**
 * A long text is counted line by line, and each long line once: a prompt is mostly lines every
 * case repeats (the system prompt, the examples), so a run of thousands of calls counts them once.
 * The tokenizer rarely merges across a line break, so the sum stays within 1% of counting the
 * whole text (the shipped prompts and cases: 0.4–0.9% over).
 */
function memoize(count: (text: string) => number): (text: string) => number {
  const memo = new Map<string, number>();
  const countLine = (line: string) => {
    if (line === '') return 0;
    let n = memo.get(line);
    if (n === undefined) {
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(line, (n = count(line)));
    }
    return n;
  };
  return (text) => {
    if (text.length < 256) return count(text);
    const lines = text.split('\n');
    // Each line with its break: the tokenizer often joins a break to the punctuation before it.
    let n = 0;
    for (let i = 0; i < lines.length; i++) n += countLine(i < lines.length - 1 ? `${lines[i]}\n` : (lines[i] ?? ''));
    return n;
  };
}
