import { describe, expect, it } from 'vitest';
import { escapeCell, escapeInline, formatCode } from '../../src/report/escape-markdown.ts';
import { truncateText } from '../../src/text/plain-text.ts';

describe('escapeCell', () => {
  it.each([
    ['plain', 'plain'],
    ['장보기 목록 만들기', '장보기 목록 만들기'],
    ['a | b', 'a \\| b'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['&lt;b&gt;', '&amp;lt;b&amp;gt;'],
    ['use `rm -rf`', 'use &#96;rm -rf&#96;'],
    ['line1\nline2', 'line1 ⏎ line2'],
    ['line1\r\n\r\n   line2', 'line1 ⏎ line2'],
    ['a\tb', 'a b'],
    ['bell\u0007 esc\u001b[31m', 'bell  esc \\[31m'],
    ['trailing \\', 'trailing \\\\'],
    ['\\|', '\\\\\\|'],
    ['![x](https://evil.example/t.png)', '!\\[x\\](https://evil.example/t.png)'],
    ['**bold** _it_ ~~s~~ $x$', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\$x\\$'],
    ['> quote', '&gt; quote'],
    ['rtl\u202eevil', 'rtl evil'],
  ])('%j → %j', (input, expected) => {
    expect(escapeCell(input)).toBe(expected);
  });

  it('truncates to maxChars code points, the ellipsis included', () => {
    expect(escapeCell('abcdefghij', 5)).toBe('abcd…');
    expect(escapeCell('abcde', 5)).toBe('abcde');
    expect([...escapeCell('가나다라마바사', 4)]).toHaveLength(4);
  });

  it('truncates before escaping, so an entity is never cut in half', () => {
    expect(escapeCell('<<<<<<', 3)).toBe('&lt;&lt;…');
  });

  it('never splits a surrogate pair or an emoji sequence', () => {
    const out = truncateText('ab😀😀😀', 4);
    expect(out).toBe('ab😀…');
    expect(truncateText('a👩‍👩‍👧z', 3)).toBe('a…');
    expect(escapeCell('x\ud83d')).toBe('x\ufffd');
  });
});

describe('escapeInline', () => {
  it.each([
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. first', '1\\. first'],
    ['2) second', '2\\) second'],
    ['   # indented', '\\# indented'],
    ['> quote', '&gt; quote'],
    ['* star', '\\* star'],
    ['a | b', 'a \\| b'],
  ])('%j → %j', (input, expected) => {
    expect(escapeInline(input)).toBe(expected);
  });
});

describe('formatCode', () => {
  it('uses a code span for plain ids and escaped text when a backtick would break it', () => {
    expect(formatCode('openai:gpt-4.1-mini')).toBe('`openai:gpt-4.1-mini`');
    expect(formatCode('a`b')).toBe('a&#96;b');
  });
});
