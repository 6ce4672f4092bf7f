import { allowedActions, nextStatus, ReportAction } from './report-state';
import { REPORT_KINDS, REPORT_STATUSES } from './report.entities';

const ACTIONS: ReportAction[] = ['complete', 'fail', 'finalize', 'download'];

describe('report lifecycle', () => {
  const expected: Record<string, string | null> = {
    'generating complete': 'ready',
    'generating fail': 'failed',
    'generating finalize': null,
    'generating download': null,
    'ready complete': null,
    'ready fail': null,
    'ready finalize': null,
    'ready download': 'ready',
    'failed complete': null,
    'failed fail': null,
    'failed finalize': null,
    'failed download': null,
  };
  for (const status of REPORT_STATUSES)
    for (const action of ACTIONS)
      it(`${status} + ${action} → ${expected[`${status} ${action}`]}`, () => {
        expect(nextStatus(status, action)).toBe(expected[`${status} ${action}`]);
      });

  it('offers finalize only on ready drafts', () => {
    const table = REPORT_STATUSES.flatMap((status) =>
      REPORT_KINDS.map((kind) => [status, kind, allowedActions(status, kind)]),
    );
    expect(table).toEqual([
      ['generating', 'draft', ['complete', 'fail']],
      ['generating', 'final', ['complete', 'fail']],
      ['ready', 'draft', ['download', 'finalize']],
      ['ready', 'final', ['download']],
      ['failed', 'draft', []],
      ['failed', 'final', []],
    ]);
  });
});
