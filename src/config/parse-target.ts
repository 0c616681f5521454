import { cutForMessage } from '../text/terminal-text.ts';
import { closestName } from './suggest.ts';
import { PROVIDERS, TargetObjectSchema, type ProviderName, type Target, type TargetSpec } from './target-schema.ts';

export type ParsedTarget = { ok: true; target: Target } | { ok: false; message: string };

/** `openai:gpt-4.1-mini` → a target; `mock` alone is the simulated model. */
export function parseTarget(spec: TargetSpec): ParsedTarget {
  if (typeof spec !== 'string') return { ok: true, target: normalizeTarget(spec) };
  const text = spec.trim();
  if (text === 'mock') return { ok: true, target: normalizeTarget(TargetObjectSchema.parse({ provider: 'mock', id: 'mock' })) };
  const colon = text.indexOf(':');
  const provider = colon < 0 ? text : text.slice(0, colon);
  const model = colon < 0 ? '' : text.slice(colon + 1);
  if (!isProvider(provider)) {
    const guess = closestName(provider, PROVIDERS);
    const hint = guess === undefined ? `use ${PROVIDERS.join(', ')}, e.g. openai:gpt-4.1-mini` : `did you mean "${guess}"? use ${PROVIDERS.join(', ')}`;
    return { ok: false, message: `unknown provider "${cutForMessage(provider)}" in target "${cutForMessage(text)}" (${hint})` };
  }
  if (model === '' && provider !== 'mock') return { ok: false, message: `target "${text}" needs a model, e.g. ${provider}:<model>` };
  const parsed = TargetObjectSchema.safeParse({ provider, model: model || 'mock', id: text });
  if (!parsed.success) return { ok: false, message: `target "${cutForMessage(text)}": ${parsed.error.issues[0]?.message ?? 'not a target'}` };
  return { ok: true, target: normalizeTarget(parsed.data) };
}

function normalizeTarget(t: ReturnType<typeof TargetObjectSchema.parse>): Target {
  const { id, model: written, ...rest } = t;
  // The schema lets only mock leave out its model.
  const model = written ?? 'mock';
  return { ...rest, model, id: id ?? (t.provider === 'mock' && model === 'mock' ? 'mock' : `${t.provider}:${model}`) };
}

function isProvider(name: string): name is ProviderName {
  return (PROVIDERS as readonly string[]).includes(name);
}
