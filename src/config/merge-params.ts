import type { TargetParams } from './target-schema.ts';
import type { Params } from './variant-schema.ts';

/**
 * The params a call is made with: the target's override the variant's, and a target's `null`
 * removes the variant's value (e.g. `temperature`, which reasoning models reject).
 */
export function mergeParams(variant: Params, target: TargetParams): Params {
  const merged: Record<string, unknown> = { ...variant };
  for (const [key, value] of Object.entries(target)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged as Params;
}
