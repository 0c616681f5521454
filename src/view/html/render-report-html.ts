import { createHash } from 'node:crypto';
import { stringifyPacked } from '../model/intern-strings.ts';
import type { ViewModel } from '../model/view-types.ts';
import type { PageBundle } from './page-bundle.ts';

/**
 * report.html: one file that opens from disk. The model is JSON in a non-executed script element
 * (every `<` escaped, so no text in it can close the element); the page script is inline, allowed
 * by its hash in a Content-Security-Policy that forbids every request (`default-src 'none'`), so
 * even a rendering bug could not load or send anything.
 */
export function renderReportHtml(model: ViewModel, bundle: PageBundle): string {
  return renderReportHtmlParts(model, bundle).join('');
}

/** report.html in the pieces it is written in, so a big run's file is never one more copy in memory. */
export function renderReportHtmlParts(model: ViewModel, bundle: PageBundle): string[] {
  checkInlineSafe(bundle);
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${createHash('sha256').update(bundle.script).digest('base64')}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const head = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>subtodo-eval · ${escapeHtml(model.run.runId)}</title>`,
    `<style>${bundle.css}</style>`,
    '</head>',
    '<body data-mode="report">',
    '<noscript>This report needs JavaScript to draw its charts and tables; report.md beside it has the same numbers.</noscript>',
    '<script type="application/json" id="view-model">',
  ].join('\n');
  const tail = ['</script>', `<script>${bundle.script}</script>`, '</body>', '</html>', ''].join('\n');
  return [head, escapeForScript(stringifyPacked(model)), tail];
}

/** The viewer's page: the same script, served from 127.0.0.1, fetching its data from the server. */
export function renderViewerHtml(): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>subtodo-eval viewer</title>',
    '<link rel="stylesheet" href="/page.css">',
    '</head>',
    '<body data-mode="viewer">',
    '<script src="/page.js"></script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** JSON that cannot end its script element or open a comment in it. */
export function embedJson(value: unknown): string {
  return escapeForScript(JSON.stringify(value));
}

/** `<` only ever stands inside a JSON string, where `\u003c` means the same. */
function escapeForScript(json: string): string {
  return json.replace(/</g, '\\u003c');
}

function checkInlineSafe(bundle: PageBundle): void {
  if (/<\/script/i.test(bundle.script) || /<\/style/i.test(bundle.css)) throw new Error('page bundle contains a closing tag: it cannot be inlined');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
