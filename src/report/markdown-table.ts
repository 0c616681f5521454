export type Align = 'left' | 'right' | 'center';

export interface Column {
  header: string;
  align?: Align;
}

const DELIMITER: Record<Align, string> = { left: ':--', right: '--:', center: ':-:' };

/**
 * A GFM table. Cells must already be escaped (`escapeCell`); a row shorter than the header is
 * padded so every row keeps the header's column count.
 */
export function renderMarkdownTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const fit = (cells: readonly string[]) =>
    columns.map((_, i) => (cells[i] ?? '').trim() || ' ');
  return [
    line(columns.map((c) => c.header)),
    line(columns.map((c) => DELIMITER[c.align ?? 'left'])),
    ...rows.map((row) => line(fit(row))),
  ].join('\n');
}
