import { afterEach, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '../fake-server/fake-server.ts';
import { CONFIG, fakeEnv, makeProject, removeProject, runCli, VARIANTS } from './e2e-support.ts';

/** What a hostile provider or file would like a terminal to do: clear it, retitle it, link out, reverse text. */
const HOSTILE = 'bad key\u001b[2J\u001b[H\u001b]0;pwned\u0007 see \u001b]8;;https://evil.example\u001b\\here\u001b]8;;\u001b\\ \u202egnp.exe\u202c \u009b31m';
/** ESC, its one-byte C1 forms (CSI, OSC, ST) and the bidi overrides: none may reach the terminal. */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u001b\u009b\u009d\u009c\u202a-\u202e\u2066-\u2069]/;

let server: FakeServer | undefined;
let root: string;

afterEach(async () => {
  await server?.close();
  server = undefined;
  removeProject(root);
});

describe('text from a provider or a file on its way to the terminal', () => {
  it('an error body with ANSI, OSC and bidi reaches stderr with no escape byte', async () => {
    server = await startFakeServer({ responder: () => ({ fault: 'status', status: 401, body: JSON.stringify({ error: { message: `${HOSTILE} ${'x'.repeat(5000)}`, type: 'invalid_request_error' } }) }) });
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, ...VARIANTS, 'cases/a.yaml': '- { id: c1, input: 할 일, expect: { type: answer } }\n' });
    const r = await runCli(['run', '--targets', 'openai:fake-model', '--quiet', '--no-cache', '--out', 'run'], { cwd: root, env: fakeEnv(server) });
    expect(r.code).toBe(2);
    const line = r.stderr.split('\n').find((l) => l.startsWith('target openai:fake-model: every call failed')) ?? '';
    expect(line).toContain('bad key');
    expect(line).toContain('gnp.exe');
    expect(r.stderr).not.toMatch(TERMINAL_CONTROL);
    // Cut: a 5,000-character error body is not a 5,000-character line.
    expect(line.length).toBeLessThan(500);
  });

  it('list, validate and render show hostile ids, tags, descriptions and inputs without acting on the terminal', async () => {
    const hostileCase = `- id: c1\n  input: "할 일 ${HOSTILE.replaceAll('\\', '\\\\').replaceAll('\u001b', '\\e').replaceAll('\u0007', '\\a').replaceAll('\u009b', '\\x9b')}"\n  expect: { type: answer }\n  tags: ["tag\\e[31m", "\\u202eevil"]\n`;
    const variant = `id: hostile\ndescription: "desc \\e]0;title\\a \\u202eend"\nsystem: hi\nformat: json\nexamples: []\n`;
    root = makeProject({ 'subtodo-eval.yaml': CONFIG, 'prompts/hostile.yaml': variant, 'cases/a.yaml': hostileCase });
    for (const argv of [['list'], ['validate'], ['render', 'hostile', 'c1']]) {
      const r = await runCli(argv, { cwd: root, env: {} });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, argv.join(' ')).not.toMatch(TERMINAL_CONTROL);
      expect(r.stderr, argv.join(' ')).not.toMatch(TERMINAL_CONTROL);
    }
    const rendered = await runCli(['render', 'hostile', 'c1'], { cwd: root, env: {} });
    // `render` prints what is sent exactly: the control characters are written out, not dropped.
    expect(rendered.stdout).toContain('bad key\\u{1b}[2J');
    expect(rendered.stdout).toContain('\\u{202e}gnp.exe');
  });

  it('a user error quoting a hostile value prints it written out and cut', async () => {
    root = makeProject({ 'subtodo-eval.yaml': `${CONFIG}repeat: "\\e]0;title\\a${'y'.repeat(3000)}"\n`, ...VARIANTS, 'cases/a.yaml': '- { id: c1, input: 할 일, expect: { type: answer } }\n' });
    const r = await runCli(['validate'], { cwd: root, env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(TERMINAL_CONTROL);
    expect(r.stderr).toMatch(/^subtodo-eval\.yaml:4: repeat: must be a number \(got string "\\u001b\]0;title\\u0007y+…\)\n$/);
  });
});
