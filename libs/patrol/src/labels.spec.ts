import { labelProblems } from '@estate/labels';
import { ROUND_STATES } from './patrol.entities';
import { ROUND_ACTIONS } from './round-state';

/**
 * A checkpoint's result for a round is derived, not stored: a scan is `abnormal` or `out_of_order`
 * (PatrolScan flags) or else `normal`; a checkpoint never scanned is `missed` (patrol_round_misses).
 */
const CHECKPOINT_SCAN_RESULTS = ['normal', 'abnormal', 'out_of_order', 'missed'];

describe('patrol labels (@estate/labels)', () => {
  it.each([
    ['patrolRoundStatus', ROUND_STATES],
    ['patrolRoundAction', ROUND_ACTIONS],
    ['checkpointScanResult', CHECKPOINT_SCAN_RESULTS],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });
});
