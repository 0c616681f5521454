import { loadProject } from '../../config/load-project.ts';
import { terminalLine } from '../../text/terminal-text.ts';
import type { CliIO } from '../cli-io.ts';
import { EXIT } from '../exit-codes.ts';

export async function listCommand(flags: { config?: string; cases?: string[]; json?: boolean }, io: CliIO): Promise<number> {
  const project = await loadProject({ cwd: io.cwd, configPath: flags.config, cases: flags.cases });
  const variants = project.variants.map((v) => ({ id: v.id, format: v.format, examples: v.examples.length, source: v.source, description: v.description, ...(v.responseFormat ? { responseFormat: v.responseFormat } : {}) }));
  const judge = project.judge && { target: project.judge.target.id, rubric: project.judge.rubricFile, repeat: project.judge.repeat, pairwise: project.judge.pairwise };
  const targets = project.targets.map((t) => ({ id: t.id, provider: t.provider, model: t.model, simulated: t.provider === 'mock' }));
  const byType = countBy(project.cases.map((c) => c.expect.type));
  const byTag = countBy(project.cases.flatMap((c) => c.tags));
  if (flags.json) {
    io.stdout(`${JSON.stringify({ variants, targets, ...(judge ? { judge } : {}), cases: { total: project.cases.length, byType, byTag, ids: project.cases.map((c) => c.id) } }, null, 2)}\n`);
    return EXIT.ok;
  }
  // Ids, descriptions and tags come from files: each passes the terminal sanitiser.
  const safe = (text: string, max = 200) => terminalLine(text, max);
  // Columns as wide as their longest entry, so a long id or format never shifts the rest.
  const idWidth = Math.max(0, ...variants.map((v) => safe(v.id).length));
  const formatWidth = Math.max(0, ...variants.map((v) => v.format.length));
  const lines = [
    `Variants (${variants.length}):`,
    ...variants.map((v) => `  ${safe(v.id).padEnd(idWidth)}  ${v.format.padEnd(formatWidth)}  ${String(v.examples).padStart(2)} examples  ${safe(v.description.split('\n')[0] ?? '', 70)}`),
    '',
    `Targets (${targets.length}):`,
    ...targets.map((t) => `  ${safe(t.id)}${t.simulated ? '  (simulated)' : ''}`),
    ...(judge ? ['', `Judge: ${safe(judge.target)} · rubric ${safe(judge.rubric)} · ${judge.repeat} sample${judge.repeat === 1 ? '' : 's'}${judge.pairwise.length > 0 ? ` · pairwise ${judge.pairwise.map((p) => p.map(safe).join(' vs ')).join(', ')}` : ''}`] : []),
    '',
    `Cases: ${project.cases.length} in ${project.caseFiles.length} files — ${Object.entries(byType).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `Tags: ${Object.entries(byTag).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${safe(k, 60)} ${n}`).join(', ')}`,
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
