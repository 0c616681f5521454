import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Screenshots the browser tests leave for a person to look at (git-ignored; CI may keep them). */
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Everything a page did that a report must never do on its own: dialogs and requests. */
export interface Watch {
  dialogs: string[];
  requests: string[];
  errors: string[];
}

export function watchPage(page: Page): Watch {
  const watch: Watch = { dialogs: [], requests: [], errors: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => watch.requests.push(request.url()));
  page.on('pageerror', (error) => watch.errors.push(error.message));
  return watch;
}

/** Hostile model text: markup, handlers, a javascript: link, a way out of a script element, bidi overrides. */
export const HOSTILE_RAW = [
  '<script>window.__pwned = 1; alert("script")</script>',
  '<img src=x onerror="window.__pwned = 2; alert(\'img\')">',
  '[click](javascript:alert(3)) <a href="javascript:alert(4)">link</a>',
  '</script><script>window.__pwned = 3</script><!--',
  '\u202Egnp.exe\u202C <iframe src="https://example.com/x"></iframe> <link rel=stylesheet href="https://example.com/s.css">',
  JSON.stringify({ type: 'answer', items: ['<b onmouseover=alert(5)>bold</b>', '<svg onload=alert(6)>', 'javascript:alert(7)'] }),
].join('\n');
