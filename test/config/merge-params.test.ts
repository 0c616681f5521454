import { describe, expect, it } from 'vitest';
import { mergeParams } from '../../src/config/merge-params.ts';
import type { TargetParams } from '../../src/config/target-schema.ts';
import type { Params } from '../../src/config/variant-schema.ts';

describe('mergeParams', () => {
  it.each<[string, Params, TargetParams, Params]>([
    ['no target params: the variant\'s as they are', { temperature: 0.2, maxTokens: 512 }, {}, { temperature: 0.2, maxTokens: 512 }],
    ['a target value overrides the variant\'s', { temperature: 0.2, maxTokens: 512 }, { temperature: 1 }, { temperature: 1, maxTokens: 512 }],
    ['a target adds a param the variant lacks', { maxTokens: 512 }, { seed: 7, stop: ['\n\n'] }, { maxTokens: 512, seed: 7, stop: ['\n\n'] }],
    ['null removes the variant\'s value (reasoning models reject temperature)', { temperature: 0, maxTokens: 512, topP: 0.9 }, { temperature: null, topP: null }, { maxTokens: 512 }],
    ['null for a param the variant lacks changes nothing', { maxTokens: 512 }, { temperature: null }, { maxTokens: 512 }],
    ['an undefined target value keeps the variant\'s', { temperature: 0.3 }, { temperature: undefined, maxTokens: 64 }, { temperature: 0.3, maxTokens: 64 }],
    ['zero and an empty stop list are values, not removals', { temperature: 0.7, stop: ['x'] }, { temperature: 0, stop: [] }, { temperature: 0, stop: [] }],
  ])('%s', (_name, variant, target, merged) => {
    const before = structuredClone(variant);
    expect(mergeParams(variant, target)).toStrictEqual(merged);
    expect(variant).toEqual(before);
  });
});
