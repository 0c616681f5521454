import { unpackStrings, type Packed } from '../model/intern-strings.ts';
import type { ViewModel } from '../model/view-types.ts';
import { renderRun } from './app.ts';
import { el, replace } from './dom.ts';
import './style.css';
import { startViewer } from './viewer.ts';

/** report.html reads the model embedded in it; the viewer fetches its data from 127.0.0.1. */
function start(): void {
  const root = el('div', { id: 'app' });
  document.body.appendChild(root);
  if (document.body.dataset['mode'] === 'viewer') {
    startViewer(root);
    return;
  }
  const source = document.getElementById('view-model')?.textContent ?? '';
  let model: ViewModel;
  try {
    model = unpackStrings(JSON.parse(source) as Packed) as ViewModel;
  } catch {
    replace(root, el('p', { class: 'banner bad' }, 'The report data in this file is damaged.'));
    return;
  }
  const draw = () => renderRun(root, model, location.hash.replace(/^#/, ''), { base: '#' });
  window.addEventListener('hashchange', draw);
  draw();
}

start();
