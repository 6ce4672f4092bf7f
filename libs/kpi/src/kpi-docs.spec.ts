import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderKpiDocs } from './kpi-docs';
import { METRICS } from './metric-definitions';

describe('docs/kpi.md', () => {
  it('is what the registry renders (run `npm run docs:kpi` after changing a definition)', () => {
    const onDisk = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'kpi.md'), 'utf8');
    expect(onDisk).toBe(renderKpiDocs());
  });

  it('has the 25 metrics numbered 1..25 with unique codes, in both languages', () => {
    expect(METRICS.map((metric) => metric.number)).toEqual(
      Array.from({ length: 25 }, (_, index) => index + 1),
    );
    expect(new Set(METRICS.map((metric) => metric.code)).size).toBe(25);
    for (const metric of METRICS) {
      expect(metric.nameZh).toMatch(/[\u4e00-\u9fff]/);
      expect(metric.formulaZh).toMatch(/[\u4e00-\u9fff]/);
      expect(metric.formulaEn).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('keeps the default targets of the plan', () => {
    const targets = Object.fromEntries(
      METRICS.map((metric) => [metric.number, `${metric.comparator}${metric.defaultTarget}`]),
    );
    expect(targets).toEqual({
      1: '>=100',
      2: '>=99',
      3: '>=100',
      4: '>=98',
      5: '>=99',
      6: '>=99',
      7: '>=100',
      8: '>=100',
      9: '>=100',
      10: '>=100',
      11: '>=100',
      12: '>=100',
      13: '<=0',
      14: '<=1',
      15: '>=100',
      16: '<=1',
      17: '<=0',
      18: '<=2',
      19: '>=100',
      20: '<=2',
      21: '>=100',
      22: '>=100',
      23: '>=100',
      24: '>=30',
      25: '>=98',
    });
  });
});
