import { z } from 'zod';

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

const jsonSchemas = new WeakMap<z.ZodType, JsonSchema>();

/**
 * The keys a mapping at `path` may have, read off the schema (every alternative of a union
 * counted), then the keys one level down as `parent.key` (a `temperature` written beside `params`
 * rather than in it), so an unknown key can be told what it probably meant. Empty when the path
 * leads nowhere the schema describes.
 */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let json = jsonSchemas.get(schema);
  if (json === undefined) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    jsonSchemas.set(schema, json);
  }
  let nodes: JsonSchema[] = [json];
  for (const segment of path) nodes = nodes.flatMap((node) => step(node, segment));
  const here = nodes.flatMap(alternatives);
  const direct = here.flatMap((node) => Object.keys(node.properties ?? {}));
  const nested = here.flatMap((node) =>
    Object.entries(node.properties ?? {}).flatMap(([key, child]) => alternatives(child).flatMap((c) => Object.keys(c.properties ?? {}).map((k) => `${key}.${k}`))),
  );
  return [...new Set([...direct, ...nested])];
}

function alternatives(node: JsonSchema): JsonSchema[] {
  const nested = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])];
  return [node, ...nested.flatMap(alternatives)];
}

function step(node: JsonSchema, segment: PropertyKey): JsonSchema[] {
  return alternatives(node).flatMap((n) => {
    if (typeof segment === 'number') {
      if (Array.isArray(n.items)) return n.items[segment] === undefined ? [] : [n.items[segment]];
      const tuple = n.prefixItems?.[segment];
      if (tuple !== undefined) return [tuple];
      return n.items === undefined ? [] : [n.items];
    }
    const child = n.properties?.[String(segment)];
    return child === undefined ? [] : [child];
  });
}
