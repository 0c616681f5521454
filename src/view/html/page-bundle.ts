import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../package-root.ts';

/** The page's script and style, built from src/view/page by esbuild (Observable Plot and jsdiff inside). */
export interface PageBundle {
  script: string;
  css: string;
}

interface Stamp {
  /** Hash of the page's own files esbuild read, the lockfile, and esbuild's version. */
  hash: string;
  inputs: string[];
}

const ROOT = packageRoot();
const SOURCE_ENTRY = join(ROOT, 'src', 'view', 'page', 'main.ts');
export const BUNDLE_DIR = join(ROOT, 'dist', 'page');

let loaded: Promise<PageBundle> | undefined;

/**
 * In a checkout the bundle is built on first use and rebuilt when a page source changed (a hash
 * of the files esbuild read, kept beside it), so nobody runs a stale page; a package ships it
 * prebuilt (`npm pack` runs `build:page`) and has no sources to check.
 */
export function loadPageBundle(): Promise<PageBundle> {
  loaded ??= existsSync(SOURCE_ENTRY) ? freshBundle() : readBundle();
  return loaded;
}

async function readBundle(): Promise<PageBundle> {
  try {
    const [script, css] = await Promise.all([readFile(join(BUNDLE_DIR, 'page.js'), 'utf8'), readFile(join(BUNDLE_DIR, 'page.css'), 'utf8')]);
    return { script, css };
  } catch {
    throw new Error(`the report page bundle is missing from ${BUNDLE_DIR}: this package was packed without \`npm run build:page\``);
  }
}

async function freshBundle(): Promise<PageBundle> {
  const stamp = await readStamp();
  if (stamp !== undefined && stamp.hash === (await hashInputs(stamp.inputs))) return readBundle();
  return buildPageBundle();
}

/** Bundles src/view/page into dist/page (page.js, page.css, stamp.json). */
export async function buildPageBundle(): Promise<PageBundle> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [SOURCE_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    write: false,
    metafile: true,
    outdir: BUNDLE_DIR,
    entryNames: 'page',
    legalComments: 'none',
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  const out = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  const bundle = { script: out('.js'), css: out('.css') };
  // Libraries change only with the lockfile, which stands in for them (hashing d3 file by file is slow).
  const inputs = [...Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules/')), 'package-lock.json'].sort();
  const stamp: Stamp = { hash: await hashInputs(inputs), inputs };
  await mkdir(BUNDLE_DIR, { recursive: true });
  // Written whole and renamed, so two processes building at once never read half a file.
  await writeAtomic(join(BUNDLE_DIR, 'page.js'), bundle.script);
  await writeAtomic(join(BUNDLE_DIR, 'page.css'), bundle.css);
  await writeAtomic(join(BUNDLE_DIR, 'stamp.json'), JSON.stringify(stamp));
  return bundle;
}

async function readStamp(): Promise<Stamp | undefined> {
  try {
    const stamp = JSON.parse(await readFile(join(BUNDLE_DIR, 'stamp.json'), 'utf8')) as Partial<Stamp>;
    return typeof stamp.hash === 'string' && Array.isArray(stamp.inputs) ? { hash: stamp.hash, inputs: stamp.inputs.filter((x) => typeof x === 'string') } : undefined;
  } catch {
    return undefined;
  }
}

async function hashInputs(inputs: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  const version = await readFile(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8').catch(() => '');
  hash.update(version);
  for (const input of inputs) {
    hash.update(input);
    hash.update(await readFile(join(ROOT, input)).catch(() => Buffer.from('missing')));
  }
  return hash.digest('hex');
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await mkdir(dirname(file), { recursive: true });
  await writeFile(tmp, text);
  await rename(tmp, file);
}
