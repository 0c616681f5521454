import type { Example, Format } from './variant-schema.ts';

type ExamplesRef = string | Example[];

export interface MatrixFile {
  id: string;
  description: string;
  template: string;
  params: Record<string, unknown>;
  system?: string | undefined;
  examples?: ExamplesRef | undefined;
  format?: Format | undefined;
  matrix: {
    system?: Record<string, string> | undefined;
    examples?: Record<string, ExamplesRef> | undefined;
    format?: Format[] | Record<string, Format> | undefined;
  };
}

export interface ExpandedVariant {
  id: string;
  description: string;
  system: string;
  examples: ExamplesRef;
  format: Format;
  /** The axis names chosen, for the description. */
  choice: string[];
}

/**
 * One variant per combination, named `<id>-<system>-<examples>-<format>` (only the axes present),
 * so an ablation is one file and its variants sort together.
 */
export function expandMatrix(file: MatrixFile): ExpandedVariant[] {
  const axis = <T>(values: Record<string, T> | undefined, fallback: T): [string | null, T][] =>
    values === undefined ? [[null, fallback]] : Object.entries(values);
  const formats: Record<string, Format> | undefined = Array.isArray(file.matrix.format)
    ? Object.fromEntries(file.matrix.format.map((f) => [f, f]))
    : file.matrix.format;
  const out: ExpandedVariant[] = [];
  for (const [sName, system] of axis(file.matrix.system, file.system ?? '')) {
    for (const [eName, examples] of axis<ExamplesRef>(file.matrix.examples, file.examples ?? [])) {
      for (const [fName, format] of axis<Format>(formats, file.format ?? 'xml')) {
        const choice = [sName, eName, fName].filter((n): n is string => n !== null);
        out.push({
          id: [file.id, ...choice].join('-'),
          description: `${file.description}${file.description ? ' ' : ''}[${choice.join(', ')}]`,
          system,
          examples,
          format,
          choice,
        });
      }
    }
  }
  return out;
}
