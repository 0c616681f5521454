import { describe, expect, it } from 'vitest';
import { renderReportMd } from '../../src/report/render-report-md.ts';
import { renderRubricCalibration } from '../../src/report/render-rubric-calibration.ts';
import { makeSummary } from './fixtures.ts';

describe('report.md cites the rubric’s agreement with people', () => {
  const calibration = { labeledFiles: ['cases/labeled/answers.yaml'], shown: { n: 228, accuracy: 0.987, kappa: 0.97 }, meaning: { n: 52, accuracy: 0.077, kappa: 0 } };

  it('states both figures with n and κ, under the ranking', () => {
    const line = renderRubricCalibration(calibration);
    expect(line).toContain('on 98.7% of 228 replies that are good or whose fault the reply itself shows (κ 0.97)');
    expect(line).toContain('on 7.7% of 52 replies whose fault only their meaning shows');
    const md = renderReportMd(makeSummary({ rubricCalibration: calibration }), { failing: [] });
    expect(md.indexOf('**Rubric vs people**')).toBeGreaterThan(md.indexOf('## Ranking'));
    expect(md.indexOf('**Rubric vs people**')).toBeLessThan(md.indexOf('## Comparisons'));
  });

  it('says so when nobody has checked the rubric', () => {
    expect(renderReportMd(makeSummary(), { failing: [] })).toContain('The rubric has not been checked against human-graded replies');
  });
});
