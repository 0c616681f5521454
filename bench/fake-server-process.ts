import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './bench-project.ts';

export interface FakeServerProcess {
  baseURL: string;
  stop(): Promise<void>;
}

/**
 * The fake server in its own process, so its CPU is not counted as the harness's (on two cores,
 * each side gets one).
 */
export async function startFakeServerProcess(args: string[]): Promise<FakeServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(REPO, 'test/fake-server/main.ts'), '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      seen += chunk;
      const match = /fake server on (http:\/\/[^\s]+)/.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`fake server exited (${code ?? 'signal'}) before listening`)));
  });
  return {
    baseURL: `${url}/v1`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 2000).unref();
      }),
  };
}
