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
 * Ollama or vLLM) may run without a key. Returns the redactor that knows every key in use.
 */
export function createProviders(targets: Target[], env: Env): { providers: Map<string, Provider>; redact: (text: string) => string } {
  const problems: Problem[] = [];
  const keys: string[] = [];
  const resolved = targets.map((target) => {
    if (target.provider === 'mock') return { target, key: '', baseURL: '' };
    const d = DEFAULTS[target.provider];
    const keyEnv = target.apiKeyEnv ?? d.keyEnv;
    const baseURL = target.baseURL ?? nonEmpty(env[d.baseEnv]);
    const key = nonEmpty(env[keyEnv]);
    if (key === undefined && baseURL === undefined) {
      problems.push({ file: `target ${target.id}`, message: `needs an API key: set ${keyEnv} in the environment${target.apiKeyEnv ? '' : ' (or name another variable with apiKeyEnv)'}` });
    }
    if (key !== undefined) keys.push(key);
    return { target, key: key ?? 'no-key', baseURL: baseURL ?? d.baseURL };
  });
  if (problems.length > 0) throw new UserError('MISSING_API_KEY', 'missing API key', problems);

  const redact = makeRedactor(keys);
  const providers = new Map<string, Provider>();
  for (const { target, key, baseURL } of resolved) {
    const common = { apiKey: key, baseURL, timeoutMs: target.timeoutMs, redact };
    providers.set(
      target.id,
      target.provider === 'mock' ? createMockProvider() : target.provider === 'openai' ? createOpenAIProvider(common) : createAnthropicProvider(common),
    );
  }
  return { providers, redact };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}
