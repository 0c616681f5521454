/** A strict little XML reader for tests: enough to prove a JUnit file is well-formed and walk it. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
const NAME = /[A-Za-z_][\w.-]*/y;

/** Throws on anything a conforming parser would reject (of what these files can hold). */
export function parseXml(xml: string): XmlElement {
  const bad = NOT_XML_CHAR.exec(xml);
  if (bad) throw new Error(`character not allowed in XML 1.0 at ${bad.index}: U+${bad[0].codePointAt(0)?.toString(16)}`);
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  const readText = (stop: string): string => {
    let out = '';
    while (i < xml.length && !stop.includes(xml[i] as string)) {
      if (xml[i] === '&') {
        ENTITY.lastIndex = i;
        const m = ENTITY.exec(xml);
        if (m === null) fail('bare &');
        out += decode(m![0]);
        i += m![0].length;
      } else {
        out += xml[i];
        i++;
      }
    }
    return out;
  };
  const readName = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (m === null) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const skipSpace = () => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  const readElement = (): XmlElement => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: readName(), attrs: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      const attr = readName();
      if (xml[i] !== '=' || xml[i + 1] !== '"') fail('expected ="');
      i += 2;
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      el.attrs[attr] = readText('"<');
      if (xml[i] !== '"') fail('< inside an attribute');
      i++;
    }
    for (;;) {
      el.text += readText('<');
      if (i >= xml.length) fail(`unclosed <${el.name}>`);
      if (xml.startsWith('</', i)) {
        i += 2;
        if (readName() !== el.name) fail(`mismatched </…> for <${el.name}>`);
        skipSpace();
        if (xml[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      el.children.push(readElement());
    }
  };
  skipSpace();
  const root = readElement();
  skipSpace();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

function decode(entity: string): string {
  const named: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
  if (named[entity] !== undefined) return named[entity];
  const hex = entity.startsWith('&#x');
  return String.fromCodePoint(Number.parseInt(entity.slice(hex ? 3 : 2, -1), hex ? 16 : 10));
}

/** Every element named `name` under `el`, depth first. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => findAll(c, name))];
}
