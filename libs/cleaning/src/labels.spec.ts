import { labelProblems } from '@estate/labels';
import { FOLLOW_UP_STATES, FREQUENCY_UNITS, ZONE_TYPES } from './cleaning.entities';

/** A spot check stores `passed: boolean`; it is shown as pass / fail. */
const CLEANING_RESULTS = ['pass', 'fail'];

describe('cleaning labels (@estate/labels)', () => {
  it.each([
    ['cleaningZoneType', ZONE_TYPES],
    ['cleaningFrequencyUnit', FREQUENCY_UNITS],
    ['cleaningFollowUp', FOLLOW_UP_STATES],
    ['cleaningResult', CLEANING_RESULTS],
  ] as const)('labels every %s code, and no other', (domain, codes) => {
    expect(labelProblems(domain, codes)).toEqual([]);
  });
});
