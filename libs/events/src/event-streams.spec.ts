import type { AuthenticatedUser } from '@estate/auth';
import { mayReceive } from './event-streams.service';
import { LiveEvent } from './live-events';

const user = (overrides: Partial<AuthenticatedUser>): AuthenticatedUser => ({
  id: 'u1',
  username: 'someone',
  displayName: 'Someone',
  role: 'front_desk',
  estateIds: ['e1'],
  unitId: null,
  ...overrides,
});

const event = (estateId: string, unitId: string | null): LiveEvent => ({
  type: 'work-order.changed',
  payload: { id: 'w1', estateId, code: 'WO-2026-000001', status: 'reported', action: 'report' },
  audience: { staffRoles: ['admin', 'manager', 'front_desk', 'technician', 'finance'], unitId },
});

describe('mayReceive', () => {
  it('gives staff their estate’s events only, for the roles the event names', () => {
    expect(mayReceive(user({}), 'e1', event('e1', 'unit1'))).toBe(true);
    expect(mayReceive(user({}), 'e1', event('e2', 'unit1'))).toBe(false);
    expect(mayReceive(user({ role: 'cleaner' }), 'e1', event('e1', null))).toBe(false);
    expect(mayReceive(user({ estateIds: [] }), 'e1', event('e1', null))).toBe(false);
    expect(mayReceive(user({ role: 'admin', estateIds: [] }), 'e1', event('e1', null))).toBe(true);
  });

  it('gives residents only their own unit’s events', () => {
    const resident = user({ role: 'resident', unitId: 'unit1' });
    expect(mayReceive(resident, 'e1', event('e1', 'unit1'))).toBe(true);
    expect(mayReceive(resident, 'e1', event('e1', 'unit2'))).toBe(false);
    expect(mayReceive(resident, 'e1', event('e1', null))).toBe(false);
    expect(mayReceive(user({ role: 'resident', unitId: null }), 'e1', event('e1', null))).toBe(false);
  });
});
