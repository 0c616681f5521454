import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CaseFileSchema } from '../../src/config/case-schema.ts';
import { loadPrompts } from '../../src/config/load-prompts.ts';
import {
  completeVariant,
  FewShotFileSchema,
  MatrixFileSchema,
  VariantFileSchema,
  type Example,
  type Variant,
} from '../../src/config/variant-schema.ts';
import { renderPrompt } from '../../src/render/render-prompt.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROMPTS_DIR = join(ROOT, 'prompts');
const CASES_DIR = join(ROOT, 'cases');

const SEED_SYSTEM =
  '너는 사람들이 계획을 잘 세우도록 도와주는 기획자이자 플래너야. 네가 할 일은 사람들이 너에게 ‘투두(할 일)’을 제시하면 그걸 더 작은 단위인 ‘하위 투두’들로 나눠주는 거야.';
const REFUSAL = '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.';

const variantFiles = readdirSync(PROMPTS_DIR).filter((f) => f.endsWith('.yaml')).sort();

function readYaml(path: string): unknown {
  return parse(readFileSync(path, 'utf8'));
}

function readFewShot(ref: string | Example[]): Example[] {
  if (typeof ref !== 'string') return ref;
  return FewShotFileSchema.parse(readYaml(join(PROMPTS_DIR, ref)));
}

/** A plain (non-matrix) variant file, examples resolved, as the loader would hand it to render. */
function readVariant(file: string): Variant {
  const v = VariantFileSchema.parse(readYaml(join(PROMPTS_DIR, file)));
  return completeVariant({ ...v, examples: readFewShot(v.examples), source: `prompts/${file}` }, v);
}

function fewShotRefs(data: unknown): (string | Example[])[] {
  if (typeof data === 'object' && data !== null && 'matrix' in data) {
    const m = MatrixFileSchema.parse(data);
    return [...Object.values(m.matrix.examples ?? {}), ...(m.examples === undefined ? [] : [m.examples])];
  }
  return [VariantFileSchema.parse(data).examples];
}

describe('prompts/*.yaml', () => {
  it('ships the seed variants, the five-principles variant and the ablation', () => {
    expect(variantFiles).toEqual(expect.arrayContaining(['seed-xml.yaml', 'seed-json.yaml', 'five-principles.yaml', 'ablation.yaml']));
  });

  it.each(variantFiles)('%s parses, validates, and its id matches the file name', (file) => {
    const data = readYaml(join(PROMPTS_DIR, file));
    const isMatrix = typeof data === 'object' && data !== null && 'matrix' in data;
    const result = (isMatrix ? MatrixFileSchema : VariantFileSchema).safeParse(data);
    expect(result.success, result.error?.message).toBe(true);
    expect(result.data?.id).toBe(file.replace(/\.yaml$/, ''));
    expect(result.data?.params).toMatchObject({ temperature: 0, maxTokens: 1024 });
  });

  it.each(variantFiles)('%s names few-shot files that exist and validate', (file) => {
    for (const ref of fewShotRefs(readYaml(join(PROMPTS_DIR, file)))) {
      if (typeof ref === 'string') {
        const path = join(PROMPTS_DIR, ref);
        expect(existsSync(path), `${file} → ${ref}`).toBe(true);
        const result = FewShotFileSchema.safeParse(readYaml(path));
        expect(result.success, result.error?.message).toBe(true);
      }
    }
  });

  it('loads through the real loader with no problems, matrix expanded', async () => {
    const files = variantFiles.map((f) => join(PROMPTS_DIR, f));
    const { variants, problems } = await loadPrompts(files, ROOT);
    expect(problems).toEqual([]);
    expect(variants.map((v) => v.id)).toEqual(
      expect.arrayContaining(['seed-xml', 'seed-json', 'five-principles', 'ablation-three-xml', 'ablation-three-json', 'ablation-nine-xml', 'ablation-nine-json']),
    );
    for (const v of variants.filter((x) => x.id !== 'zero-shot')) expect(v.examples.length, v.id).toBeGreaterThan(0);
  });
});

describe('the five-principles experiments each change one thing', () => {
  const load = async () => {
    const { variants } = await loadPrompts(variantFiles.map((f) => join(PROMPTS_DIR, f)), ROOT);
    return new Map(variants.map((v) => [v.id, v]));
  };

  it('hold their replies to what the prompt states: the JSON form, 40 characters, the fixed refusal', async () => {
    const variants = await load();
    const stating = ['five-principles', 'five-principles-no-reasoning', 'five-principles-no-xml', 'five-principles-three-shots', 'five-principles-json-examples', 'zero-shot', 'chat-shots', 'english-system'];
    for (const id of stating) {
      const v = variants.get(id);
      expect(v, id).toBeDefined();
      expect({ id, form: v?.replyForm, chars: v?.maxItemChars, refusal: v?.refusal }).toEqual({ id, form: 'json', chars: 40, refusal: '적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.' });
      expect(v?.system, id).toContain('40');
    }
  });

  it('no-reasoning asks for no <thinking> and shows none', async () => {
    const v = (await load()).get('five-principles-no-reasoning');
    expect(v?.thinking).toBe(false);
    expect(v?.system).not.toContain('<thinking>');
    expect(v?.examples.every((e) => e.reasoning === undefined)).toBe(true);
    expect(v?.examples).toHaveLength(9);
  });

  it('no-xml structures nothing with tags, but keeps the reply\'s own <thinking>', async () => {
    const v = (await load()).get('five-principles-no-xml');
    const tags = `${v?.system ?? ''}\n${v?.template ?? ''}`.match(/<\/?[a-z_]+>/gu) ?? [];
    expect(new Set(tags)).toEqual(new Set(['<thinking>', '</thinking>']));
    expect(v?.format).toBe('json-items');
  });

  it('no-format states no output format and is held to the <subtodos> form its examples show', async () => {
    const v = (await load()).get('five-principles-no-format');
    expect(v?.system).not.toContain('<output_format>');
    expect(v?.replyForm).toBe('xml');
  });

  it('three-shots has one example of each kind, taken unchanged from the nine', async () => {
    const variants = await load();
    const three = variants.get('five-principles-three-shots')?.examples ?? [];
    const nine = variants.get('five-principles')?.examples ?? [];
    expect(three.map((e) => e.output.type).sort()).toEqual(['answer', 'invalid', 'question']);
    for (const e of three) expect(nine).toContainEqual(e);
  });

  it('json-examples, zero-shot, chat-shots and english-system keep the instructions and change their one thing', async () => {
    const variants = await load();
    const base = variants.get('five-principles');
    expect(variants.get('five-principles-json-examples')?.format).toBe('json-items');
    expect(variants.get('zero-shot')?.examples).toEqual([]);
    expect(variants.get('chat-shots')?.format).toBe('chat');
    expect(variants.get('english-system')?.examples).toEqual(base?.examples);
    expect(variants.get('english-system')?.system).toMatch(/^You are a planner/u);
    for (const id of ['five-principles-json-examples', 'zero-shot', 'chat-shots']) {
      // The instructions are five-principles' word for word; only the line about <subtodos> examples goes.
      const instructions = (s: string | undefined) => (s ?? '').slice(0, (s ?? '').indexOf('<output_format>'));
      expect(instructions(variants.get(id)?.system), id).toBe(instructions(base?.system));
    }
  });
});

describe('seed variants', () => {
  it.each(['seed-xml.yaml', 'seed-json.yaml'])('%s keeps the seed system prompt verbatim', (file) => {
    expect(readVariant(file).system).toBe(SEED_SYSTEM);
  });

  it('seed-xml sends the seed user prompt: the intro line, then the examples, then the to-do', () => {
    const { messages } = renderPrompt(readVariant('seed-xml.yaml'), { input: '장보기', history: [] });
    const content = messages[0]?.content ?? '';
    expect(messages).toHaveLength(1);
    expect(content.startsWith("'<examples>' 태그에는 투두를 하위 투두로 쪼개주는 예시들이 있어. 이 예시들을 참고해줘.\n<examples>\n  <example>\n    1. 투두를 하위 투두들로 나누는 데 필요한 정보가 충분한 경우. 이 경우는 바로 해당 투두를 하위 투두로 나눠주면 돼.\n")).toBe(true);
    expect(content).toContain("    <subtodos type='invalid'>\n      적합한 투두 형식이 아닙니다. 하위 투두로 나눌 수 없습니다.\n    </subtodos>\n  </example>\n</examples>\n\n장보기");
  });

  it('seed-json sends the same examples as a JSON list', () => {
    const { messages } = renderPrompt(readVariant('seed-json.yaml'), { input: '장보기', history: [] });
    const content = messages[0]?.content ?? '';
    const json = content.slice(content.indexOf('\n[') + 1, content.indexOf('\n</examples>'));
    const list = JSON.parse(json) as { subtodos: { type: string } }[];
    expect(list.map((c) => c.subtodos.type)).toEqual(['answer', 'question', 'invalid']);
    expect(content).toContain('"caseDescription":"투두를 하위 투두들로 나누는 데 필요한 정보가 충분한 경우"');
  });
});

describe('five-principles', () => {
  const variant = readVariant('five-principles.yaml');
  const { system, messages } = renderPrompt(variant, { input: '장보기', history: [] });
  const text = `${system}\n${messages.map((m) => m.content).join('\n')}`;

  it('has at least 8 examples, at least three of each kind, each with reasoning', () => {
    expect(variant.examples.length).toBeGreaterThanOrEqual(8);
    for (const type of ['answer', 'question', 'invalid'] as const) {
      expect(variant.examples.filter((e) => e.output.type === type).length, type).toBeGreaterThanOrEqual(3);
    }
    for (const e of variant.examples) expect(e.reasoning?.trim(), e.input).toBeTruthy();
  });

  it.each([
    ['a role', /기획자이자 플래너/],
    ['XML-tagged instructions', /<instructions>[\s\S]+<\/instructions>/],
    ['an output format section', /<output_format>[\s\S]+<\/output_format>/],
    ['the JSON reply shape', /\{"type":"answer","items":\[/],
    ['the fixed refusal', /\{"type":"invalid","message":"적합한 투두 형식이 아닙니다\. 하위 투두로 나눌 수 없습니다\."\}/],
    ['reasoning first', /<thinking>/],
    ['a length limit', /40자 이내/],
    ['item counts', /2~7개[\s\S]+1~5개/],
    ['the examples', /<examples>[\s\S]+<\/examples>/],
    ['the to-do in its tag', /<user_prompt>\n장보기\n<\/user_prompt>$/],
  ])('states %s', (_what, pattern) => {
    expect(text).toMatch(pattern);
  });

  it('has examples that follow its own output rules', () => {
    for (const { input, output } of variant.examples) {
      if (output.type === 'invalid') {
        expect(output.message, input).toBe(REFUSAL);
        continue;
      }
      const [min, max] = output.type === 'answer' ? [2, 7] : [1, 5];
      expect(output.items.length, input).toBeGreaterThanOrEqual(min);
      expect(output.items.length, input).toBeLessThanOrEqual(max);
      for (const item of output.items) expect(item.length, item).toBeLessThanOrEqual(40);
      if (output.type === 'question') for (const item of output.items) expect(item.endsWith('?'), item).toBe(true);
    }
  });
});

describe('few-shot sets and the corpus', () => {
  it('no few-shot input is also a case input', () => {
    const caseInputs = new Set(
      (existsSync(CASES_DIR) ? readdirSync(CASES_DIR).filter((f) => f.endsWith('.yaml')) : []).flatMap((f) =>
        CaseFileSchema.parse(readYaml(join(CASES_DIR, f))).map((c) => c.input.trim()),
      ),
    );
    const fewShotDir = join(PROMPTS_DIR, 'examples');
    for (const file of readdirSync(fewShotDir).filter((f) => f.endsWith('.yaml'))) {
      for (const e of FewShotFileSchema.parse(readYaml(join(fewShotDir, file)))) {
        expect(caseInputs.has(e.input.trim()), `${file}: ${e.input}`).toBe(false);
      }
    }
  });
});
