import { periodRange } from '@estate/shared';
import {
  coveragePercent,
  matchSlot,
  missedSlots,
  roundOutcome,
  slotCoverage,
  slotsBetween,
} from './patrol-schedule';
import { allowedRoundActions, nextRoundState, ROUND_ACTIONS } from './round-state';
import { ROUND_STATES } from './patrol.entities';

const ZONE = 'Asia/Shanghai';
const allDay = { intervalMinutes: 120, activeFrom: '00:00', activeTo: '00:00' };
const night = { intervalMinutes: 120, activeFrom: '22:00', activeTo: '06:00' };
const iso = (date: Date) => date.toISOString();

describe('slotsBetween', () => {
  it('gives 12 slots a day around the clock: 31 × 12 = 372 in October, in the estate zone', () => {
    const slots = slotsBetween(allDay, ZONE, periodRange('2026-10', ZONE));
    expect(slots).toHaveLength(372);
    expect(iso(slots[0].start)).toBe('2026-09-30T16:00:00.000Z'); // 1 Oct 00:00 local
    expect(iso(slots[371].start)).toBe('2026-10-31T14:00:00.000Z'); // 31 Oct 22:00 local
    expect(iso(slots[371].end)).toBe('2026-10-31T16:00:00.000Z'); // 1 Nov 00:00 local
  });

  it('counts a night window across midnight and month ends by slot start', () => {
    // windows 22:00–06:00: slots 22, 00, 02, 04 local. October gets the 00/02/04 slots of the window
    // opened on 30 Sep (3), 4 × 30 windows of 1–30 Oct (120), and 22:00 of 31 Oct (1) = 124
    const slots = slotsBetween(night, ZONE, periodRange('2026-10', ZONE));
    expect(slots).toHaveLength(124);
    expect(iso(slots[0].start)).toBe('2026-09-30T16:00:00.000Z'); // 1 Oct 00:00 local
    expect(iso(slots[123].start)).toBe('2026-10-31T14:00:00.000Z'); // 31 Oct 22:00 local
    const february = slotsBetween(night, ZONE, periodRange('2026-02', ZONE));
    expect(february).toHaveLength(3 + 4 * 27 + 1); // 112
  });

  it('clips the last slot at the window end when the interval does not divide it', () => {
    const slots = slotsBetween({ intervalMinutes: 90, activeFrom: '08:00', activeTo: '19:00' }, ZONE, {
      start: new Date('2026-10-09T16:00:00Z'),
      end: new Date('2026-10-10T16:00:00Z'),
    });
    // 08:00, 09:30, 11:00, 12:30, 14:00, 15:30, 17:00, 18:30 (ends 19:00, not 20:00)
    expect(slots).toHaveLength(8);
    expect(iso(slots[7].start)).toBe('2026-10-10T10:30:00.000Z');
    expect(iso(slots[7].end)).toBe('2026-10-10T11:00:00.000Z');
  });
});

describe('matchSlot', () => {
  it('takes an early start for the next slot and measures lateness', () => {
    // 09:50 local = 01:50Z → the 10:00 slot, on time
    expect(matchSlot(allDay, ZONE, new Date('2026-10-10T01:50:00Z'))).toEqual({
      slot: { start: new Date('2026-10-10T02:00:00Z'), end: new Date('2026-10-10T04:00:00Z') },
      lateMinutes: 0,
    });
    // 10:20 local → the 10:00 slot, 20 minutes late
    expect(matchSlot(allDay, ZONE, new Date('2026-10-10T02:20:00Z'))?.lateMinutes).toBe(20);
  });
  it('crosses midnight and the month end', () => {
    // 31 Oct 23:50 local = 15:50Z → the 1 Nov 00:00 slot
    expect(matchSlot(allDay, ZONE, new Date('2026-10-31T15:50:00Z'))?.slot.start).toEqual(
      new Date('2026-10-31T16:00:00Z'),
    );
    // 03:10 local on 11 Oct inside the night window opened on 10 Oct → the 02:00 slot, 70 min late
    const match = matchSlot(night, ZONE, new Date('2026-10-10T19:10:00Z'));
    expect(match).toEqual({
      slot: { start: new Date('2026-10-10T18:00:00Z'), end: new Date('2026-10-10T20:00:00Z') },
      lateMinutes: 70,
    });
  });
  it('returns null outside the active hours', () => {
    expect(matchSlot(night, ZONE, new Date('2026-10-10T23:00:00Z'))).toBeNull(); // 07:00 local
  });
});

describe('missedSlots and coverage', () => {
  // the night window opened on 10 Oct: 22:00, 00:00, 02:00, 04:00 local = 14:00Z, 16:00Z, 18:00Z, 20:00Z
  const slots = slotsBetween(night, ZONE, {
    start: new Date('2026-10-10T14:00:00Z'),
    end: new Date('2026-10-10T22:00:00Z'),
  });
  const answered = new Set([
    new Date('2026-10-10T14:00:00Z').getTime(),
    new Date('2026-10-10T18:00:00Z').getTime(),
  ]);
  it('flags only slots that have ended with no round', () => {
    expect(slots).toHaveLength(4);
    // now 11 Oct 07:00 local: 00:00 and 04:00 missed
    expect(
      missedSlots(slots, answered, new Date('2026-10-10T23:00:00Z')).map((slot) => iso(slot.start)),
    ).toEqual(['2026-10-10T16:00:00.000Z', '2026-10-10T20:00:00.000Z']);
    // now 05:00 local: the 04:00 slot runs until 06:00, not missed yet
    expect(missedSlots(slots, answered, new Date('2026-10-10T21:00:00Z'))).toHaveLength(1);
  });
  it('computes slot coverage and percentages', () => {
    expect(slotCoverage(slots, answered)).toEqual({ expected: 4, covered: 2, missed: 2 });
    expect(coveragePercent(2, 3)).toBe(66.67);
    expect(coveragePercent(0, 0)).toBeNull();
  });
});

describe('roundOutcome', () => {
  const route = ['A', 'B', 'C', 'D'];
  it('finds a missed and an out-of-order checkpoint', () => {
    // scanned A, C, B (B after C: out of order), D never scanned
    expect(
      roundOutcome(route, [
        { id: 's1', checkpointId: 'A' },
        { id: 's2', checkpointId: 'C' },
        { id: 's3', checkpointId: 'B' },
      ]),
    ).toEqual({
      scannedCheckpointIds: ['A', 'B', 'C'],
      missedCheckpointIds: ['D'],
      outOfOrderScanIds: ['s3'],
    });
  });
  it('ignores repeat scans and is clean for a round in order', () => {
    expect(
      roundOutcome(route, [
        { id: 's1', checkpointId: 'A' },
        { id: 's2', checkpointId: 'A' },
        { id: 's3', checkpointId: 'B' },
        { id: 's4', checkpointId: 'C' },
        { id: 's5', checkpointId: 'D' },
      ]),
    ).toEqual({ scannedCheckpointIds: route, missedCheckpointIds: [], outOfOrderScanIds: [] });
  });
});

describe('round state table', () => {
  const expected: Record<string, Record<string, string>> = {
    in_progress: { scan: 'in_progress', finish: 'finished', expire: 'auto_closed' },
    finished: {},
    auto_closed: {},
  };
  for (const state of ROUND_STATES)
    for (const action of ROUND_ACTIONS) {
      const target = expected[state][action];
      it(`${state} --${action}--> ${target ?? 'refused'}`, () => {
        if (target) expect(nextRoundState(state, action)).toBe(target);
        else {
          expect(() => nextRoundState(state, action)).toThrow(
            expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }),
          );
          expect(allowedRoundActions(state)).toEqual([]);
        }
      });
    }
});
