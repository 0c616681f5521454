/** A variant × target: the unit two runs are matched on. */
export interface CellKey {
  variant: string;
  target: string;
}

/** A separator no id contains (ids are filenames or provider:model strings). */
export function cellKeyOf(cell: CellKey): string {
  return `${cell.variant}\u0000${cell.target}`;
}

/** `seed-xml × mock`, as a reader and a CI log name a cell. */
export function labelCellKey(cell: CellKey, name: (id: string) => string = (id) => id): string {
  return `${name(cell.variant)} × ${name(cell.target)}`;
}

/** Rows grouped by cell, cells in order of first appearance. */
export function groupByCell<R extends CellKey>(rows: readonly R[]): Map<string, { cell: CellKey; rows: R[] }> {
  const groups = new Map<string, { cell: CellKey; rows: R[] }>();
  for (const row of rows) {
    const key = cellKeyOf(row);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { cell: { variant: row.variant, target: row.target }, rows: [row] });
    else group.rows.push(row);
  }
  return groups;
}
