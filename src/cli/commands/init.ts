import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { errnoText } from '../../config/read-yaml-file.ts';
import { packageRoot } from '../../package-root.ts';
import { UserError } from '../../errors.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';

/** What a new project starts from: the shipped config, prompt variants and corpus. */
export const SCAFFOLD = ['subtodo-eval.yaml', 'prompts', 'cases'] as const;

const GITIGNORE = '# subtodo-eval: run folders and the response cache\nreports/\n.cache/\n';
/** The config's JSON Schema, copied next to it so the editor line in the config resolves anywhere. */
export const SCHEMA_FILE = 'subtodo-eval.schema.json';
const SCHEMA_LINE = /\$schema=\S+/;

export async function initCommand(dir: string | undefined, flags: { force?: boolean }, io: CliIO): Promise<number> {
  const target = resolve(io.cwd, dir ?? '.');
  const source = packageRoot();
  const clashes = SCAFFOLD.filter((name) => existsSync(join(target, name)));
  if (clashes.length > 0 && !flags.force) {
    throw new UserError('INIT_EXISTS', `${relative(io.cwd, target) || '.'}: already has ${clashes.join(', ')}; use an empty folder or --force to overwrite`);
  }
  try {
    await mkdir(target, { recursive: true });
    for (const name of SCAFFOLD) {
      await cp(join(source, name), join(target, name), { recursive: true, force: true });
    }
    await cp(join(source, 'docs', 'config.schema.json'), join(target, SCHEMA_FILE), { force: true });
    const config = join(target, 'subtodo-eval.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace(SCHEMA_LINE, `$schema=${SCHEMA_FILE}`));
    // Run folders and the response cache are local; a user's own .gitignore is never touched.
    if (!existsSync(join(target, '.gitignore'))) await writeFile(join(target, '.gitignore'), GITIGNORE);
  } catch (e) {
    throw new UserError('CANNOT_WRITE', `${relative(io.cwd, target) || '.'}: cannot create the project there (${errnoText(e)})`);
  }
  const below = relative(io.cwd, target);
  const shown = below === '' ? '.' : below.startsWith('..') ? target : below;
  // Inside the subtodo-eval checkout npx finds the tool; elsewhere the bin is named by its path.
  const inside = !relative(source, target).startsWith('..');
  const tool = inside ? 'npx subtodo-eval' : `node ${join(source, 'bin', 'subtodo-eval.js')}`;
  io.stdout(
    [
      `Created a subtodo-eval project in ${shown}:`,
      '  subtodo-eval.yaml   config: prompts, cases, targets, rubric',
      `  ${SCHEMA_FILE}  its JSON Schema, for editor completion`,
      '  prompts/            prompt variants and few-shot sets',
      '  cases/              the Korean to-do corpus',
      '  .gitignore          keeps reports/ and the response cache (.cache/) out of git, if you had none',
      '',
      'Next:',
      ...(shown === '.' ? [] : [`  cd ${shown}`]),
      `  ${tool} validate`,
      `  ${tool} run          # on the simulated mock model; add targets for real ones`,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}

