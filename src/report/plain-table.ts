import { displayWidth, padToWidth } from './display-width.ts';

export interface PlainColumn {
  header: string;
  align: 'left' | 'right';
}

/** A terminal table: columns padded to their widest cell (wide characters counted twice), two spaces apart. */
export function renderPlainTable(columns: readonly PlainColumn[], rows: readonly (readonly string[])[]): string[] {
  const headers = columns.map((c) => c.header);
  const widths = columns.map((_, i) => Math.max(...[headers, ...rows].map((row) => displayWidth(row[i] ?? ''))));
  const layout = (row: readonly string[]) =>
    row
      .map((text, i) => padToWidth(text, widths[i] ?? 0, columns[i]?.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [layout(headers), ...rows.map(layout)];
}
