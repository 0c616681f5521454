/** What the viewer's server answers and the page asks: plain JSON, types only. */

export interface RunListEntry {
  /** The run folder's name under the runs folder: the id the viewer's URLs use. */
  dir: string;
  runId: string;
  startedAt: string;
  complete: boolean;
  calls: number;
  plannedCalls: number;
  variants: string[];
  targets: string[];
  simulated: boolean;
  /** Best first. */
  cells: { variant: string; target: string; meanScore: number | null }[];
  /** The gate's verdict when one was in effect. */
  gate: boolean | null;
}

export type MarkVerdict = 'pass' | 'fail';

/** What a grader sends for one reply. */
export interface MarkRequest {
  trialId: string;
  verdict: MarkVerdict;
  /** A failure mode id of the labeled set (src/calibrate); `unspecified` when not given. */
  mode?: string;
  note?: string;
}

/** A mark as the viewer shows it back. */
export interface MarkEntry {
  trialId: string;
  verdict: MarkVerdict;
  mode: string;
  note: string | null;
}

export interface MarksResponse {
  /** The labels file, relative to the project. */
  file: string;
  /** Failure mode id → what it means, for the grader's menu. */
  modes: Record<string, string>;
  marks: MarkEntry[];
}
