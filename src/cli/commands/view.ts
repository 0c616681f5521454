import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { FAILURE_MODES, type FailureMode } from '../../calibrate/labeled-schema.ts';
import { compareRuns, type RunInput } from '../../compare/compare-runs.ts';
import type { Case } from '../../config/case-schema.ts';
import { DEFAULT_CONFIG_FILE, loadProject } from '../../config/load-project.ts';
import { UserError } from '../../errors.ts';
import { rankCells } from '../../report/rank-cells.ts';
import { loadPageBundle } from '../../view/html/page-bundle.ts';
import type { MarkEntry, MarkRequest, MarksResponse, RunListEntry } from '../../view/model/viewer-api.ts';
import type { ViewModel } from '../../view/model/view-types.ts';
import { markId, readMarks, toLabeledReply, writeMark } from '../../view/server/marks-file.ts';
import { RequestError, startViewerServer, type ViewerServer, type ViewerSource } from '../../view/server/viewer-server.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';
import type { ViewFlags } from '../program.ts';
import { RunMetaSchema } from '../run-meta.ts';
import { readStoredRun, viewOfStoredRun, type StoredRun } from '../run-view.ts';

/** Where marks go unless `--labels` says otherwise: the labeled set `calibrate` reads. */
export const DEFAULT_LABELS = join('cases', 'labeled', 'marks.yaml');

/** `view [runsDir]`: serves the viewer until Ctrl-C. */
export async function viewCommand(runsDir: string | undefined, flags: ViewFlags, io: CliIO): Promise<number> {
  const viewer = await startViewer(runsDir, flags, io);
  await new Promise<void>((resolve) => {
    if (io.stop === undefined || io.stop.aborted) return resolve();
    io.stop.addEventListener('abort', () => resolve(), { once: true });
  });
  await viewer.close();
  return EXIT.ok;
}

/** Starts the server and prints where it listens. */
export async function startViewer(runsDir: string | undefined, flags: ViewFlags, io: CliIO): Promise<ViewerServer> {
  const configPath = resolve(io.cwd, flags.config ?? DEFAULT_CONFIG_FILE);
  const projectRoot = existsSync(configPath) ? resolve(configPath, '..') : io.cwd;
  const runs = resolve(io.cwd, runsDir ?? 'reports');
  if (!existsSync(runs) || !statSync(runs).isDirectory()) throw new UserError('NOT_A_FOLDER', `${runsDir ?? 'reports'}: no such folder of runs (give the folder your runs are in: subtodo-eval view <runsDir>)`);
  const labels = resolve(io.cwd, flags.labels ?? join(projectRoot, DEFAULT_LABELS));
  const source = createSource(runs, labels, { cwd: io.cwd, configPath: existsSync(configPath) ? configPath : undefined, shownLabels: relative(io.cwd, labels) || labels });
  let server: ViewerServer;
  try {
    server = await startViewerServer(source, await loadPageBundle(), flags.port === undefined ? {} : { port: flags.port });
  } catch (e) {
    throw new UserError('CANNOT_LISTEN', `--port ${flags.port ?? 0}: cannot listen on 127.0.0.1 (${e instanceof Error ? e.message : String(e)})`);
  }
  io.stdout(`subtodo-eval viewer on ${server.url}\n  runs from ${relative(io.cwd, runs) || '.'}, marks to ${relative(io.cwd, labels) || labels}\n  Ctrl-C to stop\n`);
  return server;
}

interface Cached {
  version: string;
  run: StoredRun;
  model: ViewModel;
}

function createSource(runsDir: string, labels: string, project: { cwd: string; configPath: string | undefined; shownLabels: string }): ViewerSource {
  const cache = new Map<string, Cached>();
  let cases: Promise<Map<string, Case>> | undefined;
  let writing: Promise<unknown> = Promise.resolve();

  /** A run folder directly under the runs folder, by name: nothing else is reachable. */
  const folderOf = (dir: string) => {
    if (dir === '' || dir === '.' || dir === '..' || /[/\\]/.test(dir) || !existsSync(join(runsDir, dir, 'results.jsonl'))) throw new RequestError(404, `no run folder ${dir}`);
    return join(runsDir, dir);
  };
  const version = async (dir: string) => {
    const folder = folderOf(dir);
    const parts = await Promise.all(['results.jsonl', 'summary.json', 'run.json'].map((f) => stat(join(folder, f)).then((s) => `${s.size}:${s.mtimeMs}`, () => '-')));
    return parts.join('|');
  };
  const load = async (dir: string): Promise<Cached> => {
    const now = await version(dir);
    const hit = cache.get(dir);
    if (hit?.version === now) return hit;
    const folder = folderOf(dir);
    const run = await readStoredRun(folder);
    const entry = { version: now, run, model: await viewOfStoredRun(folder, run) };
    cache.set(dir, entry);
    return entry;
  };
  const projectCases = () => {
    cases ??= loadProject({ cwd: project.cwd, configPath: project.configPath })
      .then((p) => new Map(p.cases.map((c) => [c.id, c])))
      .catch(() => new Map<string, Case>());
    return cases;
  };

  return {
    listRuns: () => listRuns(runsDir),
    runModel: async (dir) => (await load(dir)).model,
    runVersion: version,
    async compare(a, b) {
      const [ra, rb] = await Promise.all([load(a), load(b)]);
      return compareRuns(runInput(a, ra.run), runInput(b, rb.run), Number.POSITIVE_INFINITY);
    },
    async marks(dir): Promise<MarksResponse> {
      const { run } = await load(dir);
      const stored = await readMarks(labels);
      const marks: MarkEntry[] = [];
      for (const r of run.results) {
        const mark = stored.get(markId(r));
        // A mark is for the reply it was made on: another run's different reply is not marked.
        if (mark !== undefined && mark.raw === r.raw) marks.push({ trialId: r.trialId, verdict: mark.verdict, mode: mark.mode, note: mark.note });
      }
      return { file: project.shownLabels, modes: { ...FAILURE_MODES }, marks };
    },
    async mark(dir, request: MarkRequest): Promise<MarkEntry> {
      const { run } = await load(dir);
      const result = run.results.find((r) => r.trialId === request.trialId);
      if (result === undefined) throw new RequestError(404, `no call ${request.trialId} in ${dir}`);
      if (result.outcome === 'provider_error') throw new RequestError(400, 'a provider error has no reply to grade');
      if (request.mode !== undefined && !(request.mode in FAILURE_MODES)) throw new RequestError(400, `unknown failure mode "${request.mode}"`);
      let entry;
      try {
        entry = toLabeledReply({
          caseId: result.caseId,
          variant: result.variant,
          target: result.target,
          repeat: result.repeat,
          testCase: (await projectCases()).get(result.caseId),
          input: result.input,
          expectedType: result.expectedType,
          tags: result.tags,
          raw: result.raw,
          reply: result.reply,
          verdict: request.verdict,
          ...(request.mode === undefined ? {} : { mode: request.mode as FailureMode }),
          ...(request.note === undefined ? {} : { note: request.note }),
          at: new Date().toISOString(),
        });
      } catch (e) {
        throw new RequestError(400, `not a valid labeled reply: ${e instanceof Error ? e.message : String(e)}`);
      }
      // One write at a time: two quick marks must both land.
      const write = writing.then(() => writeMark(labels, entry));
      writing = write.catch(() => undefined);
      await write;
      return { trialId: result.trialId, verdict: entry.human.verdict, mode: entry.human.mode, note: entry.human.note ?? null };
    },
  };
}

function runInput(label: string, run: StoredRun): RunInput {
  return {
    label,
    runId: run.meta.runId,
    startedAt: run.meta.startedAt,
    complete: run.results.length >= run.meta.plannedCalls,
    passThreshold: run.meta.passThreshold,
    results: run.results,
    order: run.meta.variants.flatMap((variant) => run.meta.targets.map((t) => ({ variant, target: t.id }))),
  };
}

/** Every run folder under the runs folder, newest first, from run.json and (when written) summary.json. */
async function listRuns(runsDir: string): Promise<RunListEntry[]> {
  const names = await readdir(runsDir).catch(() => [] as string[]);
  const entries = await Promise.all(
    names.map(async (dir): Promise<RunListEntry | undefined> => {
      const folder = join(runsDir, dir);
      try {
        const meta = RunMetaSchema.parse(JSON.parse(await readFile(join(folder, 'run.json'), 'utf8')));
        const results = await readFile(join(folder, 'results.jsonl'), 'utf8').catch(() => '');
        const calls = results.split('\n').filter((l) => l.trim() !== '').length;
        const summary = await readFile(join(folder, 'summary.json'), 'utf8').then((t) => JSON.parse(t) as { cells?: unknown; gate?: { passed?: unknown } }, () => undefined);
        const cells = Array.isArray(summary?.cells) ? rankCells(summary.cells as Parameters<typeof rankCells>[0]).map(({ cell }) => ({ variant: cell.variant, target: cell.target, meanScore: cell.meanScore })) : [];
        return {
          dir,
          runId: meta.runId,
          startedAt: meta.startedAt,
          complete: calls >= meta.plannedCalls,
          calls,
          plannedCalls: meta.plannedCalls,
          variants: meta.variants,
          targets: meta.targets.map((t) => t.id),
          simulated: meta.targets.some((t) => t.simulated),
          cells,
          gate: typeof summary?.gate?.passed === 'boolean' ? summary.gate.passed : null,
        };
      } catch {
        return undefined;
      }
    }),
  );
  return entries.filter((e): e is RunListEntry => e !== undefined).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
