import { test } from 'vitest';
import { stripReasoning } from '../../src/parse/strip-reasoning.ts';
import { extractFencedBlocks } from '../../src/parse/extract-fenced-blocks.ts';
import { scanObjectSpans } from '../../src/parse/scan-object-spans.ts';
import { findJsonReply } from '../../src/parse/extract-json-candidates.ts';
import { findXmlReply } from '../../src/parse/parse-xml-reply.ts';
import { normalizeCandidate } from '../../src/parse/normalize-candidate.ts';
import { validateCandidate } from '../../src/parse/validate-candidate.ts';
const MB = 1_000_000;
const fill = (s: string) => s.repeat(Math.ceil(MB / s.length)).slice(0, MB);
test('prof', () => {
  const items = Array.from({ length: 20000 }, (_, i) => `하위 투두 ${i} | \`x\` <script>`);
  const inputs: Record<string, string> = {
    validJson: JSON.stringify({ type: 'answer', content: items.map((s, i) => ({ subtodoNumber: i + 1, subtodoContent: s })) }),
    validXml: `<subtodos type='answer'>\n${items.map((s, i) => `${i + 1}. ${s}`).join("\n")}\n</subtodos>`,
  };
  for (let rep = 0; rep < 4; rep++) for (const [name, raw] of Object.entries(inputs)) {
    const time = (label: string, f: () => unknown) => { const t = performance.now(); const r = f(); console.log(rep, name, label, (performance.now() - t).toFixed(1)); return r; };
    time('strip', () => stripReasoning(raw));
    time('fences', () => extractFencedBlocks(raw));
    time('spans', () => scanObjectSpans(raw));
    const j0 = time("json", () => findJsonReply(raw)) as ReturnType<typeof findJsonReply>;
    const x = time("xml", () => findXmlReply(raw)) as ReturnType<typeof findXmlReply>; const j = j0.candidate ? j0 : x;
    if (j.candidate) { const n = time('norm', () => normalizeCandidate(j.candidate!.reply)); time('validate', () => validateCandidate(n)); }
  }
});
