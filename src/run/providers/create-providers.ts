import type { Target } from '../../config/target-schema.ts';
import { UserError, type Problem } from '../../errors.ts';
import { createAnthropicProvider } from './anthropic-provider.ts';
import { createMockProvider } from './mock/mock-provider.ts';
import { createOpenAIProvider } from './openai-provider.ts';
import type { Provider } from './provider.ts';
import { makeRedactor } from './redact.ts';

export type Env = Record<string, string | undefined>;

const DEFAULTS = {
  openai: { keyEnv: 'OPENAI_API_KEY', baseEnv: 'OPENAI_BASE_URL', baseURL: 'https://api.openai.com/v1' },
  anthropic: { keyEnv: 'ANTHROPIC_API_KEY', baseEnv: 'ANTHROPIC_BASE_URL', baseURL: 'https://api.anthropic.com' },
} as const;

/**
 * One provider per target, built before the first call so that a missing key is one clear error
 * up front, not a thousand failed calls. A target with a custom base URL (a local server such as
 * Ollama or vLLM) may run without a key. The judge, if any, gets a provider of its own (its id may
 * equal a target's). Returns the redactor that knows every key in use.
 */
export function createProviders(
  targets: Target[],
  env: Env,
  judgeTarget?: Target,
  /** `--offline` answers from the cache alone, so it needs no key. @default true */
  options: { requireKeys?: boolean } = {},
): { providers: Map<string, Provider>; judge: Provider | undefined; redact: (text: string) => string } {
  const problems: Problem[] = [];
  const keys: string[] = [];
  const resolved = (judgeTarget ? [...targets, judgeTarget] : targets).map((target) => {
    if (target.provider === 'mock') return { target, key: '', baseURL: '' };
    const d = DEFAULTS[target.provider];
    const keyEnv = target.apiKeyEnv ?? d.keyEnv;
    const baseURL = target.baseURL ?? nonEmpty(env[d.baseEnv]);
    const key = nonEmpty(env[keyEnv]);
    if (key === undefined && baseURL === undefined && options.requireKeys !== false) {
      problems.push({ file: `target ${target.id}`, message: `needs an API key: set ${keyEnv} in the environment${target.apiKeyEnv ? '' : ' (or name another variable with apiKeyEnv)'}` });
    }
    if (key !== undefined) keys.push(key);
    return { target, key: key ?? 'no-key', baseURL: baseURL ?? d.baseURL };
  });
  if (problems.length > 0) throw new UserError('MISSING_API_KEY', 'missing API key', problems);

  // One redactor knows every key, the judge's too, so no key leaks through another's error.
  const redact = makeRedactor(keys);
  const build = ({ target, key, baseURL }: (typeof resolved)[number]): Provider => {
    const common = { apiKey: key, baseURL, timeoutMs: target.timeoutMs, maxReplyBytes: target.maxReplyBytes, redact };
    return target.provider === 'mock' ? createMockProvider() : target.provider === 'openai' ? createOpenAIProvider(common) : createAnthropicProvider(common);
  };
  const providers = new Map(resolved.slice(0, targets.length).map((r) => [r.target.id, build(r)]));
  const judgeEntry = judgeTarget ? resolved[targets.length] : undefined;
  return { providers, judge: judgeEntry ? build(judgeEntry) : undefined, redact };
}

/** The key a target's calls use (`no-key` for a keyless local server), for clients built outside createProviders. */
export function resolveApiKey(target: Target, env: Env): string {
  if (target.provider === 'mock') return '';
  return nonEmpty(env[target.apiKeyEnv ?? DEFAULTS[target.provider].keyEnv]) ?? 'no-key';
}

/** Where a target's calls really go (config, then environment, then the default); '' for the mock. */
export function resolveEndpoint(target: Target, env: Env): string {
  if (target.provider === 'mock') return '';
  const d = DEFAULTS[target.provider];
  return target.baseURL ?? nonEmpty(env[d.baseEnv]) ?? d.baseURL;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}
