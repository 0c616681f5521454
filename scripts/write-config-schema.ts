// Writes docs/config.schema.json from the zod ConfigSchema, so editors complete and check
// subtodo-eval.yaml with the same rules the tool validates with. Run after changing a config schema:
//   npx node scripts/write-config-schema.ts
// test/config/json-schema.test.ts fails while the committed file is stale.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigSchema } from '../src/config/config-schema.ts';

export const CONFIG_SCHEMA_FILE = fileURLToPath(new URL('../docs/config.schema.json', import.meta.url));

/**
 * The JSON Schema text of the config file. `io: 'input'` describes what a user writes, so a field
 * with a default is optional; draft-07 is the dialect YAML and JSON editors read most widely.
 */
export function buildConfigJsonSchema(): string {
  const { $schema, ...rest } = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-07', unrepresentable: 'throw' });
  const schema = {
    $schema,
    title: 'subtodo-eval config',
    description: 'subtodo-eval.yaml: prompt variants, corpus, targets and rubric. Every key is optional. Generated from ConfigSchema by scripts/write-config-schema.ts.',
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export async function writeConfigJsonSchema(file: string = CONFIG_SCHEMA_FILE): Promise<void> {
  await writeFile(file, buildConfigJsonSchema());
}

if (import.meta.main) {
  await writeConfigJsonSchema();
  process.stdout.write(`wrote ${CONFIG_SCHEMA_FILE}\n`);
}
