import type { RunComparison } from '../../compare/compare-runs.ts';
import { unpackStrings, type Packed } from '../model/intern-strings.ts';
import type { ViewModel, ViewTrial } from '../model/view-types.ts';
import type { MarkEntry, MarksResponse, MarkVerdict, RunListEntry } from '../model/viewer-api.ts';
import { renderRun } from './app.ts';
import { compareView } from './compare-view.ts';
import { button, el, replace } from './dom.ts';
import { formatFixed } from './format.ts';

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function getModel(dir: string): Promise<ViewModel> {
  return unpackStrings(await getJson<Packed>(`/api/runs/${encodeURIComponent(dir)}/model`)) as ViewModel;
}

interface Live {
  dir: string;
  source: EventSource;
}

/** The local viewer: the list of runs, one run as in report.html (live while it runs), two runs compared. */
export function startViewer(root: HTMLElement): void {
  let live: Live | undefined;
  const models = new Map<string, ViewModel>();
  const marks = new Map<string, Map<string, MarkEntry>>();
  let marksFile = '';
  let modes: Record<string, string> = {};

  const stopLive = () => {
    live?.source.close();
    live = undefined;
  };
  const fail = (e: unknown) => replace(root, el('p', { class: 'banner bad' }, `Cannot load: ${e instanceof Error ? e.message : String(e)}`));

  async function route(): Promise<void> {
    const hash = location.hash.replace(/^#\/?/, '');
    const parts = hash.split('/');
    if (parts[0] === 'run' && parts[1]) {
      const dir = decodeURIComponent(parts[1]);
      const sub = parts.slice(2).join('/');
      if (live?.dir !== dir) stopLive();
      let model = models.get(dir);
      if (model === undefined) {
        model = await getModel(dir);
        models.set(dir, model);
        const got = await getJson<MarksResponse>(`/api/runs/${encodeURIComponent(dir)}/marks`);
        marksFile = got.file;
        modes = got.modes;
        marks.set(dir, new Map(got.marks.map((m) => [m.trialId, m])));
      }
      drawRun(dir, model, sub);
      if (!model.run.complete && live === undefined) watch(dir);
      return;
    }
    stopLive();
    if (parts[0] === 'compare' && parts[1] && parts[2]) {
      const [a, b] = [decodeURIComponent(parts[1]), decodeURIComponent(parts[2])];
      const comparison = await getJson<RunComparison>(`/api/compare/${encodeURIComponent(a)}/${encodeURIComponent(b)}`);
      replace(root, el('main', {}, el('nav', { class: 'tabs' }, homeLink()), compareView(comparison)));
      return;
    }
    replace(root, await runList());
  }

  function drawRun(dir: string, model: ViewModel, sub: string): void {
    const liveBadge = model.run.complete ? null : el('span', { class: 'badge live', 'data-live': '' }, '● live');
    renderRun(root, model, sub, { base: `#/run/${encodeURIComponent(dir)}/`, nav: [homeLink(), liveBadge], controls: (trial) => markControls(dir, trial) });
  }

  /** Server-sent events from the server when results.jsonl grows: the model is fetched again and redrawn where the reader is. */
  function watch(dir: string): void {
    const source = new EventSource(`/api/runs/${encodeURIComponent(dir)}/events`);
    live = { dir, source };
    source.addEventListener('change', () => {
      void getModel(dir).then((model) => {
        models.set(dir, model);
        const hash = location.hash.replace(/^#\/?/, '');
        if (hash.startsWith(`run/${encodeURIComponent(dir)}`)) {
          // Redrawing the explorer while someone types would lose their place: only the overview and a case redraw.
          const sub = hash.split('/').slice(2).join('/');
          if (sub !== 'cases') drawRun(dir, model, sub);
        }
        if (model.run.complete) stopLive();
      });
    });
  }

  function markControls(dir: string, trial: ViewTrial): HTMLElement | null {
    const trialId = trial.detail?.trialId;
    if (trialId === undefined) return null;
    const existing = marks.get(dir)?.get(trialId);
    const note = el('input', { type: 'text', placeholder: 'note (optional)', value: existing?.note ?? '', 'data-mark-note': '' });
    const mode = el(
      'select',
      { 'data-mark-mode': '', title: 'failure mode (optional)' },
      Object.entries(modes).map(([id, text]) => el('option', { value: id, title: text, selected: id === (existing?.mode ?? 'unspecified') }, id)),
    );
    const status = el('span', { class: 'mark-status', 'data-mark-status': existing?.verdict ?? '' }, existing ? `marked ${existing.verdict}` : '');
    const save = (verdict: MarkVerdict) => {
      // A pass is `good` whatever the menu says; a fail keeps the mode picked (unspecified by default).
      const chosen = verdict === 'pass' ? (mode.value === 'unspecified' ? 'unspecified' : 'good') : mode.value === 'good' ? 'unspecified' : mode.value;
      const body = { trialId, verdict, mode: chosen, ...(note.value.trim() === '' ? {} : { note: note.value.trim() }) };
      void fetch(`/api/runs/${encodeURIComponent(dir)}/marks`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        .then(async (response) => {
          if (!response.ok) throw new Error(await response.text());
          const saved = (await response.json()) as MarkEntry;
          marks.get(dir)?.set(trialId, saved);
          replace(status, `marked ${saved.verdict} · saved to ${marksFile}`);
          status.setAttribute('data-mark-status', saved.verdict);
        })
        .catch((e: unknown) => replace(status, `not saved: ${e instanceof Error ? e.message : String(e)}`));
    };
    return el('div', { class: 'mark' }, el('span', { class: 'muted' }, 'Grade: '), button('✓ pass', () => save('pass'), { 'data-mark': 'pass' }), button('✗ fail', () => save('fail'), { 'data-mark': 'fail' }), mode, note, status);
  }

  async function runList(): Promise<HTMLElement> {
    const runs = await getJson<RunListEntry[]>('/api/runs');
    const picked: string[] = [];
    const compare = button('compare the two ticked runs', () => {
      const [a, b] = picked;
      if (a !== undefined && b !== undefined) location.hash = `#/compare/${encodeURIComponent(a)}/${encodeURIComponent(b)}`;
    }, { disabled: true, 'data-compare': '' });
    const rows = runs.map((run) => {
      const tick = el('input', { type: 'checkbox', 'data-pick': run.dir });
      tick.addEventListener('change', () => {
        if (tick.checked) picked.push(run.dir);
        else picked.splice(picked.indexOf(run.dir), 1);
        // The two most recently ticked: older first, so the comparison reads "before → after".
        while (picked.length > 2) picked.shift();
        compare.disabled = picked.length !== 2;
      });
      const open = el('a', { class: 'run-link', role: 'button', 'data-run': run.dir }, run.dir);
      open.addEventListener('click', () => (location.hash = `#/run/${encodeURIComponent(run.dir)}/`));
      const best = run.cells[0];
      return el(
        'tr',
        { 'data-run-row': run.dir },
        el('td', {}, tick),
        el('td', {}, open, run.simulated ? el('span', { class: 'tag' }, 'simulated') : null, run.complete ? null : el('span', { class: 'badge live' }, 'incomplete')),
        el('td', {}, run.startedAt.replace('T', ' ').slice(0, 19)),
        el('td', {}, run.variants.join(', ')),
        el('td', {}, run.targets.join(', ')),
        el('td', { class: 'num' }, `${run.calls}/${run.plannedCalls}`),
        el('td', {}, best ? `${best.variant} ${formatFixed(best.meanScore)}` : '—'),
        el('td', {}, run.gate === null ? '—' : run.gate ? '✓ passed' : '✗ failed'),
      );
    });
    return el(
      'main',
      {},
      el('header', { class: 'run-header' }, el('h1', {}, 'subtodo-eval runs'), el('p', { class: 'facts' }, `${runs.length} runs · newest first`)),
      el('section', { class: 'card' }, el('p', {}, compare), el('table', { class: 'data runs' }, el('thead', {}, el('tr', {}, ['', 'run', 'started', 'variants', 'targets', 'calls', 'best', 'gate'].map((h) => el('th', {}, h)))), el('tbody', {}, rows))),
    );
  }

  function homeLink(): HTMLElement {
    const link = el('a', { class: 'tab home', role: 'button' }, '← runs');
    link.addEventListener('click', () => (location.hash = '#/'));
    return link;
  }

  window.addEventListener('hashchange', () => void route().catch(fail));
  void route().catch(fail);
}
