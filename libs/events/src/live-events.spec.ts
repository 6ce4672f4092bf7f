import { InProcessLiveEvents, LiveEvent } from './live-events';

const event = (id: string): LiveEvent => ({
  type: 'work-order.changed',
  payload: { id, estateId: 'e1', code: 'WO-2026-000001', status: 'assigned', action: 'assign' },
  audience: { staffRoles: ['manager'], unitId: null },
});

describe('InProcessLiveEvents', () => {
  it('delivers to every subscriber until it unsubscribes', () => {
    const bus = new InProcessLiveEvents();
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = bus.subscribe((received) => first.push(received.payload.id));
    bus.subscribe((received) => second.push(received.payload.id));
    bus.publish(event('a'));
    stopFirst();
    bus.publish(event('b'));
    expect(first).toEqual(['a']);
    expect(second).toEqual(['a', 'b']);
    expect(bus.subscriberCount).toBe(1);
  });

  it('lets a listener unsubscribe while an event is delivered', () => {
    const bus = new InProcessLiveEvents();
    const received: string[] = [];
    const stop = bus.subscribe(() => stop());
    bus.subscribe((delivered) => received.push(delivered.payload.id));
    bus.publish(event('a'));
    expect(received).toEqual(['a']);
    expect(bus.subscriberCount).toBe(1);
  });
});
