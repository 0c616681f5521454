import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildConfigJsonSchema, CONFIG_SCHEMA_FILE } from '../../scripts/write-config-schema.ts';

interface JsonSchema {
  type?: string;
  description?: string;
  default?: unknown;
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  additionalProperties?: boolean;
}

const committed = readFileSync(CONFIG_SCHEMA_FILE, 'utf8');
const schema = JSON.parse(committed) as JsonSchema & { $schema: string; title: string };
const props = schema.properties ?? {};

describe('docs/config.schema.json', () => {
  it('is what scripts/write-config-schema.ts generates now (run `npx node scripts/write-config-schema.ts` after a schema change)', () => {
    expect(committed).toBe(buildConfigJsonSchema());
  });

  it('is a draft-07 schema of a closed mapping whose keys are all optional', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toBe('subtodo-eval config');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toBeUndefined();
    expect(Object.keys(props)).toEqual(['prompts', 'cases', 'labeled', 'targets', 'judge', 'rubric', 'repeat', 'concurrency', 'out', 'thresholds', 'maxCost', 'batch']);
    for (const [key, prop] of Object.entries(props)) expect(prop.description, key).toBeTruthy();
  });

  it('describes targets: provider:model strings or objects with a known provider', () => {
    const targets = props['targets'];
    expect(targets?.type).toBe('array');
    expect(targets?.default).toEqual([]);
    const [asString, asObject] = targets?.items?.anyOf ?? [];
    expect(asString?.type).toBe('string');
    expect(asObject?.type).toBe('object');
    expect(asObject?.required).toEqual(['provider']);
    expect(asObject?.properties?.['provider']?.enum).toEqual(['openai', 'anthropic', 'mock']);
    expect(Object.keys(asObject?.properties ?? {})).toEqual(['id', 'provider', 'model', 'baseURL', 'apiKeyEnv', 'params', 'concurrency', 'rpm', 'tpm', 'maxRetries', 'throttleBudgetMs', 'timeoutMs', 'maxReplyBytes', 'price', 'promptCache', 'responseFormat']);
    expect(asObject?.properties?.['model']?.description).toMatch(/required for openai and anthropic/);
    expect(asObject?.additionalProperties).toBe(false);
  });

  it('lets a target param be null (drop the variant\'s value), but not a variant param', () => {
    const [, asObject] = props['targets']?.items?.anyOf ?? [];
    const temperature = asObject?.properties?.['params']?.properties?.['temperature'];
    expect(temperature?.anyOf?.map((s) => s.type)).toEqual(['number', 'null']);
    expect(temperature?.description).toMatch(/null drops the variant's value/);
  });

  it('describes rubric.criteria: one closed shape per criterion name', () => {
    const criteria = props['rubric']?.properties?.['criteria'];
    expect(criteria?.type).toBe('array');
    const shapes = criteria?.items?.oneOf ?? criteria?.items?.anyOf ?? [];
    const names = shapes.map((s) => s.properties?.['name']?.const ?? s.properties?.['name']?.enum?.[0]);
    expect(names).toEqual(['schema', 'type', 'count', 'unique', 'echo', 'action', 'fragments', 'relevance', 'topic', 'length', 'language', 'question_form', 'refusal', 'mentions', 'forbid', 'judge']);
    for (const shape of shapes) {
      expect(shape.additionalProperties).toBe(false);
      expect(shape.properties?.['name']?.description).toBeTruthy();
      expect(shape.properties?.['weight']).toMatchObject({ type: 'number', minimum: 0, default: 1 });
    }
    const judge = shapes.find((s) => s.properties?.['name']?.const === 'judge');
    // The rubric text is optional: the judge's rubric file carries the dimensions.
    expect(judge?.required).toEqual(['name']);
  });

  it('describes repeat: a whole number of at least 1, defaulting to 1', () => {
    expect(props['repeat']).toMatchObject({ type: 'integer', minimum: 1, default: 1 });
    expect(props['repeat']?.description).toMatch(/Samples per variant/);
  });
});
