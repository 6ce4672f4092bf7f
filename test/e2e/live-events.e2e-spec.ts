import { EventStreamsService, LiveEvents } from '@estate/events';
import { EnvironmentVariables } from '@estate/shared';
import { request as httpRequest, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { applyServerTimeouts } from '../../apps/api/src/configure-app';
import { TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { workOrderWorld, WorkOrderWorld } from '../support/work-order-fixtures';

interface ReceivedEvent {
  event: string;
  data: Record<string, unknown>;
}

/** An SSE stream read with node:http (as the console reads it with fetch: bearer header, no URL token). */
interface Stream {
  status: number;
  contentType: string | undefined;
  events: ReceivedEvent[];
  comments: string[];
  closed: boolean;
  /** Resolves with the first event (from `from` on) that matches, or rejects after `ms`. */
  next(match: (event: ReceivedEvent) => boolean, from?: number, ms?: number): Promise<ReceivedEvent>;
  close(): void;
}

/**
 * Issue 15, live events: `GET /api/v1/events` streams `work-order.changed` / `complaint.changed` to a
 * real HTTP client on the listening test server, with the real applyServerTimeouts and
 * REQUEST_TIMEOUT_MS = 1 s (heartbeat every 1.5 s): the stream outlives it, heartbeats arrive, estates and residents only
 * see their own, and a closed stream leaves no subscription behind.
 */
describe('live events (e2e)', () => {
  let t: TestApp;
  let port: number;
  const streams: Stream[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      environment: { REQUEST_TIMEOUT_MS: '1000', KEEP_ALIVE_TIMEOUT_MS: '1000', EVENTS_HEARTBEAT_MS: '1500' },
    });
    applyServerTimeouts(t.app, t.app.get(EnvironmentVariables));
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterEach(() => streams.splice(0).forEach((stream) => stream.close()));
  afterAll(async () => t.close());

  function open(user: TestUser | null, estateId: string): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const waiting = new Set<() => void>();
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: `/api/v1/events?estateId=${estateId}`,
          headers: { Accept: 'text/event-stream', ...(user ? user.auth : {}) },
        },
        (response: IncomingMessage) => {
          let buffer = '';
          const stream: Stream = {
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'],
            events: [],
            comments: [],
            closed: false,
            next(match, from = 0, ms = 5000) {
              return new Promise((found, failed) => {
                const check = () => {
                  const event = stream.events.slice(from).find(match);
                  if (event) {
                    waiting.delete(check);
                    clearTimeout(timer);
                    found(event);
                  }
                };
                const timer = setTimeout(() => {
                  waiting.delete(check);
                  failed(new Error(`no matching event in ${ms} ms; got ${JSON.stringify(stream.events)}`));
                }, ms);
                waiting.add(check);
                check();
              });
            },
            close: () => request.destroy(),
          };
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              let event = 'message';
              let data = '';
              for (const line of block.split('\n')) {
                if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
                else if (line.startsWith('event: ')) event = line.slice(7);
                else if (line.startsWith('data: ')) data += line.slice(6);
              }
              if (data) stream.events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
            }
            waiting.forEach((check) => check());
          });
          response.on('close', () => (stream.closed = true));
          streams.push(stream);
          resolve(stream);
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ECONNRESET') reject(error);
      });
      request.end();
    });
  }

  /** Waits until the stream has said it is connected (its first comment). */
  async function connected(stream: Stream): Promise<Stream> {
    for (let waited = 0; !stream.comments.includes('connected'); waited += 20) {
      if (waited > 5000) throw new Error('the stream never said it was connected');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return stream;
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const intake = (world: WorkOrderWorld, unitId: string) => ({
    estateId: world.estate.id,
    unitId,
    category: 'plumbing',
    priority: 'routine',
    channel: 'phone',
    description: '水龙头漏水',
  });

  it('stays open past REQUEST_TIMEOUT_MS with heartbeats, and delivers create and assign with their payload', async () => {
    const world = await workOrderWorld(t);
    const stream = await connected(await open(world.frontDesk, world.estate.id));
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);

    // REQUEST_TIMEOUT_MS is 1 s and the heartbeat comes every 1.5 s, so the socket sits idle longer
    // than the server's idle limit between heartbeats: the stream must be exempt from it.
    await sleep(3500);
    expect(stream.closed).toBe(false);
    expect(stream.comments.filter((comment) => comment === 'heartbeat').length).toBeGreaterThanOrEqual(2);

    const created = await t.http
      .post('/api/v1/work-orders')
      .set(world.frontDesk.auth)
      .send(intake(world, world.unit.id))
      .expect(201);
    expect((await stream.next((event) => event.data.id === created.body.id)).data).toEqual({
      id: created.body.id,
      estateId: world.estate.id,
      code: created.body.code,
      status: 'reported',
      action: 'report',
    });

    // A refused request (422, rolled back) announces nothing: the next event is the assignment.
    const before = stream.events.length;
    await t.http
      .post(`/api/v1/work-orders/${created.body.id}/assign`)
      .set(world.frontDesk.auth)
      .send({ assigneeId: world.manager.user.id })
      .expect(422);
    await t.http
      .post(`/api/v1/work-orders/${created.body.id}/assign`)
      .set(world.frontDesk.auth)
      .send({ assigneeId: world.technician.user.id })
      .expect(200);
    const assigned = await stream.next(() => true, before);
    expect(assigned).toEqual({
      event: 'work-order.changed',
      data: {
        id: created.body.id,
        estateId: world.estate.id,
        code: created.body.code,
        status: 'assigned',
        action: 'assign',
      },
    });

    await t.http
      .post(`/api/v1/work-orders/${created.body.id}/urge`)
      .set(world.frontDesk.auth)
      .send({})
      .expect(200);
    await t.http
      .post(`/api/v1/work-orders/${created.body.id}/hand-back`)
      .set(world.technician.auth)
      .send({ reason: '需要电工' })
      .expect(200);
    await stream.next((event) => event.data.action === 'urge' && event.data.status === 'assigned', before);
    await stream.next(
      (event) => event.data.action === 'hand_back' && event.data.status === 'reported',
      before,
    );

    const complaint = await t.http
      .post('/api/v1/complaints')
      .set(world.frontDesk.auth)
      .send({ estateId: world.estate.id, channel: 'phone', categories: ['fees'], description: '物业费疑问' })
      .expect(201);
    expect(await stream.next((event) => event.data.id === complaint.body.id, before)).toEqual({
      event: 'complaint.changed',
      data: {
        id: complaint.body.id,
        estateId: world.estate.id,
        code: complaint.body.code,
        status: 'received',
        action: 'receive',
      },
    });
    expect(stream.closed).toBe(false);
  });

  it('gives another estate’s listener nothing, and a resident only their own unit’s events', async () => {
    const world = await workOrderWorld(t);
    const otherUnit = await t.factory.unit(world.estate);
    const elsewhere = await workOrderWorld(t);
    const staff = await connected(await open(world.manager, world.estate.id));
    const outsider = await connected(await open(elsewhere.manager, elsewhere.estate.id));
    const resident = await connected(await open(world.resident, world.estate.id));

    const theirs = await t.http
      .post('/api/v1/work-orders')
      .set(world.frontDesk.auth)
      .send(intake(world, otherUnit.id))
      .expect(201);
    const own = await t.http
      .post('/api/v1/work-orders')
      .set(world.frontDesk.auth)
      .send(intake(world, world.unit.id))
      .expect(201);
    const ownComplaint = await t.http
      .post('/api/v1/complaints')
      .set(world.resident.auth)
      .send({
        estateId: world.estate.id,
        channel: 'online',
        categories: ['noise_neighbours'],
        description: '噪音',
      })
      .expect(201);

    await staff.next((event) => event.data.id === ownComplaint.body.id);
    expect(staff.events.map((event) => event.data.id)).toEqual([
      theirs.body.id,
      own.body.id,
      ownComplaint.body.id,
    ]);
    await resident.next((event) => event.data.id === ownComplaint.body.id);
    expect(resident.events.map((event) => event.data.id)).toEqual([own.body.id, ownComplaint.body.id]);
    await sleep(300);
    expect(outsider.events).toEqual([]);
  });

  it('refuses before streaming: no token 401, another estate 403 ESTATE_FORBIDDEN, bad id 400 (JSON)', async () => {
    const world = await workOrderWorld(t);
    const elsewhere = await t.factory.estate();
    const anonymous = await open(null, world.estate.id);
    expect(anonymous.status).toBe(401);
    const forbidden = await t.http
      .get('/api/v1/events')
      .query({ estateId: elsewhere.id })
      .set(world.frontDesk.auth)
      .expect(403);
    expect(forbidden.body.code).toBe('ESTATE_FORBIDDEN');
    await t.http.get('/api/v1/events').query({ estateId: 'nope' }).set(world.frontDesk.auth).expect(400);
  });

  it('drops the subscription when the client disconnects', async () => {
    const world = await workOrderWorld(t);
    const streamsService = t.app.get(EventStreamsService);
    const bus = t.app.get(LiveEvents) as LiveEvents & { subscriberCount: number };
    const before = bus.subscriberCount;
    const stream = await connected(await open(world.frontDesk, world.estate.id));
    expect(bus.subscriberCount).toBe(before + 1);
    const openBefore = streamsService.openStreams;
    stream.close();
    for (let waited = 0; bus.subscriberCount !== before && waited < 3000; waited += 20) await sleep(20);
    expect(bus.subscriberCount).toBe(before);
    expect(streamsService.openStreams).toBe(openBefore - 1);
  });
});
