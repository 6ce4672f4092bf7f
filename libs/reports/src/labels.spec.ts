import { labelProblems } from '@estate/labels';
import { REPORT_KINDS, REPORT_ORIGINS, REPORT_STATUSES } from './report.entities';

describe('report labels (@estate/labels)', () => {
  it.each([
    ['reportStatus', REPORT_STATUSES],
    ['reportKind', REPORT_KINDS],
    ['reportOrigin', REPORT_ORIGINS],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });
});
