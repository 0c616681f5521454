import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function startMain(args: string[]): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves with the first stdout line that matches, so the test waits only as long as startup takes. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      seen += chunk;
      const match = pattern.exec(seen);
      if (match) resolve(match);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${String(code)} before printing: ${seen}`)));
  });
}

describe('main.ts', () => {
  it('serves on the printed URL with faults and latency, then stops on SIGTERM', async () => {
    const child = startMain(['--port', '0', '--latency', '5', '--fault-rate', '0.5', '--seed', '1', '--retry-after-ms', '1']);
    try {
      const [, url, anthropicBase] =
        (await waitForLine(child, /fake server on (\S+) \(OpenAI base \S+\/v1, Anthropic base (\S+)\)/)) ?? [];
      expect(anthropicBase).toBe(url);
      const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: anthropicBase ?? '', maxRetries: 2, timeout: 500 });
      const replies = await Promise.all(
        ['장보기', '[[reply: question]] 친구랑 약속', '[[reply: invalid]] 시 써줘'].map((text) =>
          client.messages.create({ model: 'm', max_tokens: 64, messages: [{ role: 'user', content: text }] }),
        ),
      );
      const types = replies.map((m) => (m.content[0]?.type === 'text' ? (JSON.parse(m.content[0].text) as { type: string }).type : ''));
      expect(types).toEqual(['answer', 'question', 'invalid']);
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits with 2 and the usage on a bad flag value', async () => {
    const child = startMain(['--fault-rate', '2']);
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('--fault-rate');
    expect(stderr).toContain('usage:');
  });
});
