import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliIO } from './cli-io.ts';
import { readVersion } from './version.ts';

export interface RunFlags {
  config?: string;
  variants?: string[];
  targets?: string[];
  cases?: string[];
  filter?: string[];
  repeat?: number;
  concurrency?: number;
  out?: string;
  resume?: string;
  /** With `--resume`: run again the trials whose newest result is a provider error. */
  retryErrors?: boolean;
  json?: boolean;
  quiet?: boolean;
  /** False with `--no-cache` (commander's negation); true otherwise. */
  cache?: boolean;
  offline?: boolean;
  cacheDir?: string;
  /** The quality gate (see src/cli/run-gate.ts): a stored run to compare with, and thresholds. */
  baseline?: string;
  failUnder?: number;
  maxDrop?: number;
  gate?: 'max-drop' | 'non-inferiority';
  gateMetric?: 'score' | 'quality' | 'classification';
  minEffect?: number;
  junit?: string;
  /** Print the plan, tokens, cost and time; make no call and write nothing (src/cli/dry-run.ts). */
  dryRun?: boolean;
  /** A hard budget in USD (src/cost/budget.ts); the config's maxCost otherwise. */
  maxCost?: number;
  /** Send the calls through the providers' batch APIs (src/run/batch/). */
  batch?: boolean;
  /** With --resume of a batch run: cancel its batches at the provider. */
  cancel?: boolean;
  /** Two variant ids to judge head to head (needs a judge). */
  pairwise?: string[];
  /** report.md lists every failing case instead of the worst 10 per cell. */
  all?: boolean;
}

export interface ViewFlags {
  port?: number;
  config?: string;
  labels?: string;
}

export interface Commands {
  run(flags: RunFlags): Promise<number>;
  validate(flags: { config?: string; cases?: string[] }): Promise<number>;
  render(variant: string, caseId: string, flags: { config?: string; cases?: string[] }): Promise<number>;
  list(flags: { config?: string; cases?: string[]; json?: boolean }): Promise<number>;
  init(dir: string | undefined, flags: { force?: boolean }): Promise<number>;
  report(runDir: string, flags: { all?: boolean }): Promise<number>;
  view(runsDir: string | undefined, flags: ViewFlags): Promise<number>;
  compare(runA: string, runB: string, flags: { out?: string; minEffect?: number; judge?: boolean; config?: string; cache?: boolean }): Promise<number>;
  calibrate(flags: CalibrateFlags): Promise<number>;
}

export interface CalibrateFlags {
  config?: string;
  labeled?: string[];
  variant?: string;
  minAgreement?: number;
  all?: boolean;
  json?: boolean;
  /** Calibrate the configured judge instead of the rubric. */
  judge?: boolean;
  /** Labeled-pair files or globs (with --judge). */
  pairs?: string[];
  /** False with `--no-cache`. */
  cache?: boolean;
  cacheDir?: string;
}

/**
 * Wiring only: flags to handlers. Handlers are injected so tests check the wiring with spies and
 * the commands without a process. Each handler's exit code lands in `exitCode`.
 */
export function createProgram(commands: Commands, io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('subtodo-eval')
    .description('Compare prompt variants × models on a to-do corpus, with evidence; gate prompt changes in CI.')
    .version(readVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  const config = () => new Option('-c, --config <file>', 'config file (default: subtodo-eval.yaml in the current folder)');
  const cases = () => new Option('--cases <paths...>', 'case files, folders or globs that replace the config\'s corpus').argParser(splitList);

  program
    .command('run')
    .description('run every variant × target × case and write results.jsonl, summary.json and report.md')
    .addOption(config())
    .option('--variants <names>', 'comma-separated variant names or globs (default: all)', splitList)
    .option('--targets <specs>', 'comma-separated targets that replace the config\'s, e.g. openai:gpt-4.1-mini,mock', splitList)
    .addOption(cases())
    .option('--filter <terms>', 'cases to run: id globs, tag:<tag>, type:<answer|question|invalid> (comma = or)', splitList)
    .option('--repeat <n>', 'samples per variant × target × case', positiveInt)
    .option('--concurrency <n>', 'calls in flight at once (default 8)', positiveInt)
    .option('--out <dir>', 'run folder (default: reports/<runId>)')
    .option('--resume <runDir>', 'finish an interrupted run: only the missing calls, same variants, targets and cases')
    .option('--retry-errors', 'with --resume: also run again the calls that ended in a provider error')
    .option('--cache-dir <dir>', 'response cache folder (default: .cache next to the config)')
    .option('--no-cache', 'neither read nor write the response cache: every call is made')
    .addOption(new Option('--offline', 'answer only from the response cache; a miss is an error (exit 2) before any call').conflicts('cache'))
    .option('--baseline <runDir>', 'quality gate: compare with a stored run; exit 1 when a cell shows a drop (see --max-drop, --gate)')
    .option('--fail-under <score>', 'quality gate: exit 1 when a cell\'s mean (of the gate metric) is below this (0–1; overrides thresholds.failUnder)', unitInterval)
    .option('--max-drop <d>', 'with --baseline: the margin; exit 1 on evidence a cell fell by more than d (one-sided 95% upper bound, Holm over cells, below −d; default 0)', unitInterval)
    .addOption(new Option('--gate <mode>', 'with --baseline: max-drop (fail on evidence of a drop over --max-drop) or non-inferiority (fail unless the lower bound shows the drop is under --max-drop)').choices(['max-drop', 'non-inferiority']))
    .addOption(new Option('--gate-metric <metric>', 'what --fail-under and --max-drop measure (default score)').choices(['score', 'quality', 'classification']))
    .option('--min-effect <e>', 'report significant differences smaller than e as negligible (overrides thresholds.minEffect)', unitInterval)
    .option('--junit <file>', 'also write JUnit XML: a test case per case × cell, and the gate')
    .option('--dry-run', 'print the plan (calls, cached, tokens, cost and time per target) and make no call')
    .option('--max-cost <usd>', 'stop before any call that could take the run over this many USD (exit 3); --resume --max-cost continues', nonNegativeNumber)
    .option('--batch', 'send the calls through OpenAI\'s Batch API and Anthropic\'s Message Batches: half the price, results within 24 h')
    .option('--cancel', 'with --resume of a batch run: cancel its batches at the provider and keep what finished')
    .option('--pairwise <a,b>', 'also judge two variants head to head on the same cases, in both orders (needs a judge)', splitList)
    .option('--json', 'print summary.json to stdout (for scripts); with --dry-run, the plan')
    .option('--all', 'list every failing case in report.md (default: the worst 10 per cell)')
    .option('-q, --quiet', 'no progress and no scorecard; print only the run folder')
    .action(async (flags: RunFlags) => setExit(await commands.run(flags)));

  program
    .command('validate')
    .description('check the config, prompt variants, few-shot sets and cases; one line per mistake')
    .addOption(config())
    .addOption(cases())
    .action(async (flags: { config?: string; cases?: string[] }) => setExit(await commands.validate(flags)));

  program
    .command('render')
    .description('print the exact messages a variant sends for a case')
    .argument('<variant>', 'variant id')
    .argument('<case>', 'case id')
    .addOption(config())
    .addOption(cases())
    .action(async (variant: string, caseId: string, flags: { config?: string; cases?: string[] }) => setExit(await commands.render(variant, caseId, flags)));

  program
    .command('list')
    .description('list variants, targets and the corpus')
    .addOption(config())
    .addOption(cases())
    .option('--json', 'as JSON')
    .action(async (flags: { config?: string; cases?: string[]; json?: boolean }) => setExit(await commands.list(flags)));

  program
    .command('init')
    .description('scaffold a working project (config, prompts, cases) in a folder')
    .argument('[dir]', 'folder to create or fill (default: current folder)')
    .option('--force', 'overwrite files that exist')
    .action(async (dir: string | undefined, flags: { force?: boolean }) => setExit(await commands.init(dir, flags)));

  program
    .command('report')
    .description('rebuild summary.json, report.md and report.html of a run folder from its results.jsonl')
    .argument('<runDir>', 'run folder')
    .option('--all', 'list every failing case in report.md (default: the worst 10 per cell)')
    .action(async (runDir: string, flags: { all?: boolean }) => setExit(await commands.report(runDir, flags)));

  program
    .command('view')
    .description('local viewer on 127.0.0.1: past runs, any run as in report.html (live while it runs), two runs compared, marking replies')
    .argument('[runsDir]', 'folder of run folders (default: the config\'s out, reports/)')
    .addOption(config())
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', port)
    .option('--labels <file>', 'where marks are written (default: cases/labeled/marks.yaml in the project)')
    .action(async (runsDir: string | undefined, flags: ViewFlags) => setExit(await commands.view(runsDir, flags)));

  program
    .command('compare')
    .description('markdown report of run B against run A: cell by cell deltas, paired tests, regressed and improved cases')
    .argument('<runA>', 'the earlier run folder (e.g. the baseline)')
    .argument('<runB>', 'the later run folder')
    .option('--out <file>', 'write the markdown here instead of stdout')
    .option('--min-effect <e>', 'report significant changes smaller than e as negligible', unitInterval)
    .option('--judge', 'also judge run B\'s replies against run A\'s head to head, in both orders (the config\'s judge)')
    .addOption(config())
    .option('--no-cache', 'with --judge: neither read nor write the response cache')
    .action(async (runA: string, runB: string, flags: { out?: string; minEffect?: number; judge?: boolean; config?: string; cache?: boolean }) => setExit(await commands.compare(runA, runB, flags)));

  program
    .command('calibrate')
    .description('score the labeled set (human-graded replies) with the rubric, or with --judge the judge, and print how often it agrees with people')
    .addOption(config())
    .option('--labeled <paths...>', 'labeled-set files or globs (default: the config\'s `labeled`, cases/labeled/*.yaml)', splitList)
    .option('--judge', 'calibrate the configured judge instead: labeled replies and labeled pairs; its figures are stored in judge.calibration and cited by reports')
    .option('--pairs <paths...>', 'with --judge: labeled-pair files or globs (default: cases/labeled-pairs/*.yaml)', splitList)
    .option('--cache-dir <dir>', 'with --judge: response cache folder (default: .cache next to the config)')
    .option('--no-cache', 'with --judge: neither read nor write the response cache')
    .option('--variant <id>', 'take the fixed refusal and item length from this variant (default: each entry\'s own, else none)')
    .option('--min-agreement <share>', 'exit 1 when agreement on replies whose fault the reply shows is below this (0–1)', unitInterval)
    .option('--all', 'list every disagreement, not the first 20')
    .option('--json', 'print the calibration as JSON')
    .action(async (flags: CalibrateFlags) => setExit(await commands.calibrate(flags)));

  return program;
}

function splitList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

function unitInterval(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`expected a number from 0 to 1, got "${value}"`);
  return n;
}

function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected an amount in USD ≥ 0, got "${value}"`);
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError(`expected a port from 0 to 65535, got "${value}"`);
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  return n;
}
