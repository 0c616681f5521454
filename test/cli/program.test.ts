import { describe, expect, it, vi } from 'vitest';
import type { CliIO } from '../../src/cli/cli-io.ts';
import { createProgram, type Commands } from '../../src/cli/program.ts';

function io(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: {}, cwd: '/tmp', stdoutIsTTY: false, stderrIsTTY: false, now: () => new Date(0) };
}

function spies(): Commands {
  return {
    run: vi.fn(async () => 0),
    validate: vi.fn(async () => 0),
    render: vi.fn(async () => 0),
    list: vi.fn(async () => 0),
    init: vi.fn(async () => 0),
    report: vi.fn(async () => 0),
    view: vi.fn(async () => 0),
    compare: vi.fn(async () => 0),
    calibrate: vi.fn(async () => 0),
  };
}

describe('createProgram wiring', () => {
  it('passes calibrate --judge and its label files, and run --pairwise as two ids', async () => {
    const commands = spies();
    await createProgram(commands, io(), () => {}).parseAsync(['calibrate', '--judge', '--labeled', 'a.yaml,b/*.yaml', '--pairs', 'p.yaml', '--no-cache'], { from: 'user' });
    expect(commands.calibrate).toHaveBeenCalledWith(expect.objectContaining({ judge: true, labeled: ['a.yaml', 'b/*.yaml'], pairs: ['p.yaml'], cache: false }));
    await createProgram(commands, io(), () => {}).parseAsync(['run', '--pairwise', 'five-principles,seed-xml'], { from: 'user' });
    expect(commands.run).toHaveBeenCalledWith(expect.objectContaining({ pairwise: ['five-principles', 'seed-xml'] }));
  });

  it('passes run flags, splitting comma lists and parsing numbers', async () => {
    const commands = spies();
    let exit = -1;
    await createProgram(commands, io(), (c) => (exit = c)).parseAsync(
      ['run', '--variants', 'a,b*', '--targets', 'mock,openai:gpt-x', '--cases', 'other/*.yaml', '--filter', 'tag:x', '--repeat', '3', '--concurrency', '16', '--out', 'o', '--json', '--quiet'],
      { from: 'user' },
    );
    expect(commands.run).toHaveBeenCalledWith(
      expect.objectContaining({ variants: ['a', 'b*'], targets: ['mock', 'openai:gpt-x'], cases: ['other/*.yaml'], filter: ['tag:x'], repeat: 3, concurrency: 16, out: 'o', json: true, quiet: true }),
    );
    expect(exit).toBe(0);
  });

  it('passes the gate and reading flags of run, and --min-effect of compare', async () => {
    const commands = spies();
    const program = () => createProgram(commands, io(), () => {});
    await program().parseAsync(
      ['run', '--baseline', 'b', '--max-drop', '0.05', '--gate', 'non-inferiority', '--gate-metric', 'quality', '--fail-under', '0.6', '--min-effect', '0.02'],
      { from: 'user' },
    );
    expect(commands.run).toHaveBeenCalledWith(
      expect.objectContaining({ baseline: 'b', maxDrop: 0.05, gate: 'non-inferiority', gateMetric: 'quality', failUnder: 0.6, minEffect: 0.02 }),
    );
    await program().parseAsync(['compare', 'a', 'b', '--min-effect', '0.1'], { from: 'user' });
    expect(commands.compare).toHaveBeenCalledWith('a', 'b', expect.objectContaining({ minEffect: 0.1 }));
  });

  it('passes positional arguments of render, init and report', async () => {
    const commands = spies();
    const program = () => createProgram(commands, io(), () => {});
    await program().parseAsync(['render', 'seed-xml', 'ans-1', '--config', 'c.yaml'], { from: 'user' });
    await program().parseAsync(['init', 'newdir', '--force'], { from: 'user' });
    await program().parseAsync(['report', 'reports/x'], { from: 'user' });
    expect(commands.render).toHaveBeenCalledWith('seed-xml', 'ans-1', expect.objectContaining({ config: 'c.yaml' }));
    expect(commands.init).toHaveBeenCalledWith('newdir', expect.objectContaining({ force: true }));
    expect(commands.report).toHaveBeenCalledWith('reports/x', {});
  });

  it.each([['run', '--repeat', '0'], ['run', '--concurrency', 'x'], ['run', '--nope'], ['render', 'only-one'], ['run', '--gate', 'strict'], ['run', '--min-effect', '2']])('rejects %j as a usage error', async (...argv) => {
    const commands = spies();
    const out = io();
    const err = await createProgram(commands, out, () => {})
      .parseAsync(argv, { from: 'user' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ exitCode: 1 });
    expect(out.err.join('')).toMatch(/error/);
    expect(commands.run).not.toHaveBeenCalled();
  });
});
