import { test } from 'vitest';
import { parseReply } from '../../src/parse/parse-reply.ts';
const MB = 1_000_000;
const fill = (s: string) => s.repeat(Math.ceil(MB / s.length)).slice(0, MB);
test('bench', () => {
  const items = Array.from({ length: 20000 }, (_, i) => `하위 투두 ${i} | \`x\` <script>`);
  const inputs: Record<string, string> = {
    validJson: JSON.stringify({ type: 'answer', content: items.map((s, i) => ({ subtodoNumber: i + 1, subtodoContent: s })) }),
    validXml: `<subtodos type='answer'>\n${items.map((s, i) => `${i + 1}. ${s}`).join('\n')}\n</subtodos>`,
    opens: fill('{'), closes: fill('}'), quotes: fill('"'), openQuote: fill('{"'), empties: fill('{}'),
    smallObjs: fill('{"a":1}'), typeObjs: fill('{"type":1}'), deep: '{"a":'.repeat(MB / 10) + '1' + '}'.repeat(MB / 10),
    deepArr: '['.repeat(MB / 2) + ']'.repeat(MB / 2), tags: fill('<subtodos '), tags2: fill("<subtodos type='a'>"),
    think: fill('<thinking>'), thinkClose: fill('</thinking>'), fences: fill('```\n'), fences2: fill('```json\n{"type":"answer"\n```\n'),
    commas: fill('{"a":[1,'), ws: fill(' '), backslash: fill('{"\\'), items: fill('<item>'), lt: fill('<'),
    mixed: fill('{"type":"answer","items":["a",'), junk: Array.from({ length: MB }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join(''),
  };
  for (const [name, raw] of Object.entries(inputs)) {
    const t = performance.now();
    const r = parseReply(raw);
    console.log(name.padEnd(12), (performance.now() - t).toFixed(1).padStart(8), 'ms', r.outcome, 'error' in r ? r.error.slice(0, 80) : '');
  }
});
