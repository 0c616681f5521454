import { readFileSync } from 'node:fs';

/** The version in package.json, the one place it is kept (src/cli and dist/cli sit at the same depth). */
export function readVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
