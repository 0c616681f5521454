import { resolve } from 'node:path';
import { loadProject } from '../config/load-project.ts';
import { buildPlan, type Trial } from '../plan/build-plan.ts';
import { selectCases } from '../plan/select-cases.ts';
import { renderPrompt } from '../render/index.ts';
import { framePrompts, type RenderedEntry } from '../view/model/prompt-frames.ts';
import type { ViewPrompts } from '../view/model/view-types.ts';
import type { RunMeta } from './run-meta.ts';

/** The messages each variant × case of a plan sends, rendered once each. */
export function promptsOfTrials(trials: readonly Trial[]): ViewPrompts {
  const seen = new Set<string>();
  const entries: RenderedEntry[] = [];
  for (const trial of trials) {
    const key = JSON.stringify([trial.variant.id, trial.testCase.id]);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ variant: trial.variant.id, caseId: trial.testCase.id, prompt: renderPrompt(trial.variant, trial.testCase) });
  }
  return framePrompts(entries);
}

function unavailable(reason: string): ViewPrompts {
  return { unavailable: reason, variants: {}, cases: {} };
}

/**
 * A stored run's messages, rendered from today's project, but only for trials whose id (a hash
 * of the prompt, model, case and repeat) still matches: a changed prompt is never shown as the
 * one that was sent.
 */
export async function promptsOfRunFolder(dir: string, meta: RunMeta, trialIds: readonly string[]): Promise<ViewPrompts> {
  const selection = meta.selection;
  if (selection === undefined) return unavailable('Messages not shown: this run.json predates the record of what the run selected.');
  let trials: Trial[];
  try {
    const project = await loadProject({ cwd: resolve(dir, selection.cwd), configPath: selection.config, cases: selection.cases, targets: selection.targets, variants: selection.variants });
    const cases = selectCases(project.cases, selection.filter);
    trials = buildPlan({ variants: project.variants, targets: project.targets, cases, repeat: selection.repeat ?? meta.repeat }).trials;
  } catch {
    return unavailable('Messages not shown: the project this run came from cannot be loaded from here.');
  }
  const byId = new Map(trials.map((t) => [t.trialId, t]));
  const matching = trialIds.flatMap((id) => byId.get(id) ?? []);
  if (matching.length === 0 && trialIds.length > 0) return unavailable('Messages not shown: the prompts, targets or cases changed since this run.');
  return promptsOfTrials(matching);
}
