import { readFile, stat } from 'node:fs/promises';
import { parseYaml, type YamlParse } from './yaml-source.ts';

/**
 * Largest YAML file read (config, variant, few-shot set, cases). YAML with line positions parses at
 * about a second per megabyte here: a 50 MB case file took 105 s and 4 GB. Two megabytes hold
 * thousands of cases; a larger corpus splits into several files.
 */
export const MAX_YAML_FILE_BYTES = 2 * 1024 * 1024;

/** Reads and parses one YAML file; an unreadable, too large or non-UTF-8 file is a located problem, not a crash. */
export async function readYamlFile(path: string, shownAs: string): Promise<YamlParse> {
  let bytes: Buffer;
  try {
    const { size } = await stat(path);
    if (size > MAX_YAML_FILE_BYTES) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      return { ok: false, problems: [{ file: shownAs, message: `is ${mb(size)}; the limit is ${mb(MAX_YAML_FILE_BYTES)} per file: split it into several files` }] };
    }
    bytes = await readFile(path);
  } catch (e) {
    return { ok: false, problems: [{ file: shownAs, message: `cannot read file (${errnoText(e)})` }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ file: shownAs, message: `is not UTF-8 text${looksUtf16(bytes) ? ' (it looks like UTF-16)' : ''}: save it as UTF-8` }] };
  }
  return parseYaml(text, shownAs);
}

/** Windows editors save "Unicode" as UTF-16 with a byte-order mark. */
function looksUtf16(bytes: Buffer): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

export function errnoText(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e) {
    const code = String((e as { code: unknown }).code);
    const known: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
      EISDIR: 'is a folder',
      EEXIST: 'a file is in the way',
      ENOTDIR: 'a file is in the way',
      ENOSPC: 'the disk is full',
      EROFS: 'read-only file system',
    };
    return known[code] ?? code;
  }
  return e instanceof Error ? e.message : String(e);
}
