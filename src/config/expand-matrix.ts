import type { Example, Format, ResponseFormat } from './variant-schema.ts';

type ExamplesRef = string | Example[];

export interface MatrixFile {
  id: string;
  description: string;
  template: string;
  params: Record<string, unknown>;
  system?: string | undefined;
  examples?: ExamplesRef | undefined;
  format?: Format | undefined;
  responseFormat?: ResponseFormat | undefined;
  matrix: {
    system?: Record<string, string> | undefined;
    examples?: Record<string, ExamplesRef> | undefined;
    format?: Format[] | Record<string, Format> | undefined;
    responseFormat?: ResponseFormat[] | Record<string, ResponseFormat> | undefined;
  };
}

export interface ExpandedVariant {
  id: string;
  description: string;
  system: string;
  examples: ExamplesRef;
  format: Format;
  responseFormat: ResponseFormat | undefined;
  /** The axis names chosen, for the description. */
  choice: string[];
}

/**
 * One variant per combination, named `<id>-<system>-<examples>-<format>-<responseFormat>` (only the axes present),
 * so an ablation is one file and its variants sort together.
 */
export function expandMatrix(file: MatrixFile): ExpandedVariant[] {
  const axis = <T>(values: Record<string, T> | undefined, fallback: T): [string | null, T][] =>
    values === undefined ? [[null, fallback]] : Object.entries(values);
  const byName = <T extends string>(values: T[] | Record<string, T> | undefined): Record<string, T> | undefined =>
    Array.isArray(values) ? Object.fromEntries(values.map((f) => [f, f])) : values;
  const out: ExpandedVariant[] = [];
  for (const [sName, system] of axis(file.matrix.system, file.system ?? '')) {
    for (const [eName, examples] of axis<ExamplesRef>(file.matrix.examples, file.examples ?? [])) {
      for (const [fName, format] of axis<Format>(byName(file.matrix.format), file.format ?? 'xml')) {
        for (const [rName, responseFormat] of axis<ResponseFormat | undefined>(byName(file.matrix.responseFormat), file.responseFormat)) {
          const choice = [sName, eName, fName, rName].filter((n): n is string => n !== null);
          out.push({
            id: [file.id, ...choice].join('-'),
            description: `${file.description}${file.description ? ' ' : ''}[${choice.join(', ')}]`,
            system,
            examples,
            format,
            responseFormat,
            choice,
          });
        }
      }
    }
  }
  return out;
}
