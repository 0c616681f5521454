import type { Target } from '../../config/target-schema.ts';
import type { BatchSupport } from '../../cost/plan-estimate.ts';
import { resolveEndpoint, type Env } from '../providers/create-providers.ts';

const OFFICIAL_HOSTS = new Set(['api.openai.com', 'api.anthropic.com']);

/**
 * OpenAI's and Anthropic's own endpoints have a batch API; the simulated model has none; any other
 * endpoint (a proxy, a local server) may or may not, and `run --batch` asks it before submitting.
 */
export function batchSupportOf(target: Target, env: Env): BatchSupport {
  if (target.provider === 'mock') return 'no';
  try {
    return OFFICIAL_HOSTS.has(new URL(resolveEndpoint(target, env)).hostname) ? 'yes' : 'unknown';
  } catch {
    return 'unknown';
  }
}
