import { describe, expect, it } from 'vitest';
import { evaluateGate } from '../../src/compare/evaluate-gate.ts';
import { createJunitCollector } from '../../src/report/junit-collector.ts';
import { escapeXmlAttr, escapeXmlText, renderJunit } from '../../src/report/render-junit.ts';
import type { TrialResult } from '../../src/results/trial-result.ts';
import { call } from '../compare/fixtures.ts';
import { findAll, parseXml } from './parse-xml.ts';

const HOSTILE = 'bad ]]> </failure></testcase><testcase name="x"> "q" \'a\' &amp; & <![CDATA[ \u0000\u0001\u0008\u000b\u000c\u001b[31m \ud800 lone \udfff \ufffe\uffff ok 😀 한국어\r\n\tend';

function junitOf(results: TrialResult[], gate?: Parameters<typeof renderJunit>[0]['gate']): string {
  const collector = createJunitCollector();
  for (const r of results) collector.add(r);
  return renderJunit({ runId: 'run-1', timestamp: '2026-01-01T00:00:00.000Z', passThreshold: 0.7, cases: collector.list(), gate });
}

describe('escapeXml', () => {
  it.each([
    ['a & b < c > d', 'a &amp; b &lt; c &gt; d'],
    [']]>', ']]&gt;'],
    ['\u0000\u0007\u001f ok', '\ufffd\ufffd\ufffd ok'],
    ['lone \ud800 high', 'lone \ufffd high'],
    ['\ufffe\uffff', '\ufffd\ufffd'],
    ['😀 한국어 \t\n', '😀 한국어 \t\n'],
  ])('text %j', (input, expected) => {
    expect(escapeXmlText(input)).toBe(expected);
  });

  it('attribute values escape quotes and keep tabs and line breaks as references', () => {
    expect(escapeXmlAttr(`say "hi" it's\ta\nb\rc`)).toBe('say &quot;hi&quot; it&apos;s&#9;a&#10;b&#13;c');
  });
});

describe('the test\'s XML reader', () => {
  it.each(['<a>x</b>', '<a>\u0001</a>', '<a b="<">x</a>', '<a>fish & chips</a>', '<a><b></a>', '<a/><a/>'])('rejects %j', (xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});

describe('renderJunit', () => {
  const results = [
    call('seed-xml @ mock', 'ok', 1, { latencyMs: 1500 }),
    call('seed-xml @ mock', 'wrong-type', 0, { outcome: 'question', raw: HOSTILE, input: HOSTILE, scores: { type: { score: 0, reason: `expected answer, got question ${HOSTILE}` } } }),
    call('seed-xml @ mock', 'down', null, { raw: null, error: { status: 500, message: `upstream ${HOSTILE}` } }),
    call('seed-xml @ openai:gpt-x', 'ok', 0.9),
    call('seed-xml @ openai:gpt-x', 'flaky', 1, { repeat: 0 }),
    call('seed-xml @ openai:gpt-x', 'flaky', 0.2, { repeat: 1, outcome: 'format_error', raw: 'prose' }),
  ];
  const xml = junitOf(results);
  const root = parseXml(xml);

  it('is well-formed XML 1.0 whatever the model wrote', () => {
    expect(root.name).toBe('testsuites');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  });

  it('has a suite per cell and a test case per case × cell, counted', () => {
    expect(root.attrs).toMatchObject({ tests: '5', failures: '2', errors: '1' });
    const suites = findAll(root, 'testsuite');
    expect(suites.map((s) => [s.attrs['name'], s.attrs['tests'], s.attrs['failures'], s.attrs['errors']])).toEqual([
      ['seed-xml × mock', '3', '1', '1'],
      ['seed-xml × openai:gpt-x', '2', '1', '0'],
    ]);
    const cases = findAll(root, 'testcase').map((c) => [c.attrs['classname'], c.attrs['name']]);
    expect(cases).toEqual([
      ['seed-xml × mock', 'ok'],
      ['seed-xml × mock', 'wrong-type'],
      ['seed-xml × mock', 'down'],
      ['seed-xml × openai:gpt-x', 'ok'],
      ['seed-xml × openai:gpt-x', 'flaky'],
    ]);
    expect(findAll(root, 'testcase')[0]?.attrs['time']).toBe('1.500');
  });

  it('a failure carries the outcome, the score against the threshold and the reasons; an error the provider message', () => {
    const [wrong, down, flaky] = ['wrong-type', 'down', 'flaky'].map((name) => findAll(root, 'testcase').find((c) => c.attrs['name'] === name && c.children.length > 0));
    const failure = wrong?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.attrs['type']).toBe('question');
    expect(failure?.attrs['message']).toBe('expected answer, got question: score 0.000 < pass threshold 0.7');
    expect(failure?.text).toContain('reasons:\n  - type: expected answer, got question bad ]]> </failure>');
    expect(failure?.text).toContain('\ufffd');
    const error = down?.children[0];
    expect(error?.name).toBe('error');
    expect(error?.attrs['message']).toMatch(/^provider_error: upstream bad \]\]> <\/failure>/);
    expect(flaky?.children[0]?.attrs['message']).toBe('failed 1 of 2 scored repeats (mean score 0.600, pass threshold 0.7); worst: format_error 0.200');
  });

  it('adds the gate as one more suite, a test case per cell', () => {
    const gate = evaluateGate(results, [{ variant: 'seed-xml', target: 'mock' }, { variant: 'seed-xml', target: 'openai:gpt-x' }], { failUnder: 0.6 });
    const withGate = parseXml(junitOf(results, gate));
    const suite = findAll(withGate, 'testsuite').find((s) => s.attrs['name'] === 'quality gate');
    expect(suite?.attrs).toMatchObject({ tests: '2', failures: '1' });
    const [mock, openai] = suite?.children ?? [];
    expect(mock?.attrs).toMatchObject({ classname: 'quality gate', name: 'seed-xml × mock' });
    expect(mock?.children[0]?.attrs['message']).toBe('seed-xml × mock: score 0.500 < fail-under 0.6 (2 cases)');
    expect(openai?.children).toEqual([]);
    expect(withGate.attrs).toMatchObject({ tests: '7', failures: '3', errors: '1' });
  });

  it('an empty run is still a valid file', () => {
    expect(parseXml(junitOf([])).attrs).toMatchObject({ tests: '0', failures: '0' });
  });
});
