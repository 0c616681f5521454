import { loadProject } from '../../config/load-project.ts';
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
  const lines = [
    `Variants (${variants.length}):`,
    ...variants.map((v) => `  ${v.id.padEnd(28)} ${v.format.padEnd(5)} ${String(v.examples).padStart(2)} examples  ${firstLine(v.description)}`),
    '',
    `Targets (${targets.length}):`,
    ...targets.map((t) => `  ${t.id}${t.simulated ? '  (simulated)' : ''}`),
    ...(judge ? ['', `Judge: ${judge.target} · rubric ${judge.rubric} · ${judge.repeat} sample${judge.repeat === 1 ? '' : 's'}${judge.pairwise.length > 0 ? ` · pairwise ${judge.pairwise.map((p) => p.join(' vs ')).join(', ')}` : ''}`] : []),
    '',
    `Cases: ${project.cases.length} in ${project.caseFiles.length} files — ${Object.entries(byType).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    `Tags: ${Object.entries(byTag).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`,
  ];
  io.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 70 ? `${line.slice(0, 69)}…` : line;
}
