import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { JudgeCalibrationRef } from '../aggregate/summary-types.ts';

const ratio = z.number().min(-1).max(1).nullable();

/** One judge's last calibration, as `calibrate --judge` stores it. */
export const StoredCalibrationSchema = z.object({
  /** The judge target's id (`openai:gpt-4.1`) and its model. */
  judge: z.string(),
  model: z.string(),
  rubricId: z.string(),
  rubricHash: z.string(),
  /** ISO time of the calibration. */
  date: z.string(),
  labeled: z.object({ n: z.int().min(0), accuracy: ratio, kappa: ratio, spearman: ratio, files: z.array(z.string()) }).nullable(),
  pairs: z.object({ n: z.int().min(0), agreement: ratio, files: z.array(z.string()) }).nullable(),
});
export type StoredCalibration = z.infer<typeof StoredCalibrationSchema>;

/** judge-calibration.json: the last calibration of each judge (model) the project has calibrated. */
export const CalibrationFileSchema = z.object({ version: z.literal(1), judges: z.array(StoredCalibrationSchema) });
export type CalibrationFile = z.infer<typeof CalibrationFileSchema>;

/** The file, or an empty one when there is none yet; unreadable or foreign content reads as empty (and says so). */
export async function readCalibrationFile(path: string, warn?: (line: string) => void): Promise<CalibrationFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { version: 1, judges: [] };
  }
  try {
    return CalibrationFileSchema.parse(JSON.parse(text));
  } catch {
    warn?.(`${path}: not a judge calibration file; the judge reads as never calibrated`);
    return { version: 1, judges: [] };
  }
}

/** Replaces this judge's entry (same target id and model), keeping the others. */
export function withCalibration(file: CalibrationFile, entry: StoredCalibration): CalibrationFile {
  return { version: 1, judges: [...file.judges.filter((j) => !(j.judge === entry.judge && j.model === entry.model)), entry] };
}

export async function writeCalibrationFile(path: string, file: CalibrationFile): Promise<void> {
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`);
}

/** What a report cites for this judge: its last calibration, and whether the rubric is still the one calibrated. */
export function findCalibration(file: CalibrationFile, judge: { target: string; model: string; rubricId: string; rubricHash: string }): JudgeCalibrationRef | null {
  const entry = file.judges.find((j) => j.judge === judge.target && j.model === judge.model);
  if (entry === undefined) return null;
  return {
    date: entry.date,
    model: entry.model,
    labeled: entry.labeled === null ? null : { n: entry.labeled.n, accuracy: entry.labeled.accuracy, kappa: entry.labeled.kappa, spearman: entry.labeled.spearman },
    pairs: entry.pairs === null ? null : { n: entry.pairs.n, agreement: entry.pairs.agreement },
    current: entry.rubricId === judge.rubricId && entry.rubricHash === judge.rubricHash,
  };
}
