import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoginFailure, User } from '@estate/auth';
import { FACTORY_PASSWORD, TestUser } from '../support/factories';
import { createTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, isMysqlRun } from '../support/test-database';

/**
 * Issue #22 finding 12. Passwords: length was the only rule (`aaaaaaaa`, `password`, `12345678`,
 * `demo1234` were accepted). Now a blocklist of common passwords and trivial patterns, for
 * creation, reset and change: 422 PASSWORD_TOO_WEAK with `details.reason`. Sign-ins: failures are
 * counted per account in the database (shared by every instance) with a lock and exponential
 * back-off, besides the per-address limit.
 */
const WEAK: [string, string][] = [
  ['aaaaaaaa', 'repeated'],
  ['abcabcabc', 'repeated'],
  ['password', 'common'],
  ['Password123!', 'common'],
  ['P@ssw0rd', 'common'],
  ['12345678', 'sequence'],
  ['87654321', 'sequence'],
  ['abcdefghij', 'sequence'],
  ['qwertyuiop', 'keyboard'],
  ['demo1234', 'common'],
  ['woaini1314', 'common'],
  ['wuye2026!', 'common'],
];

function login(t: TestApp, username: string, password: string) {
  return t.http.post('/api/v1/auth/login').send({ username, password });
}

describe('password policy (issue #22, finding 12)', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.factory.user('admin');
  });
  afterAll(() => t.close());

  it.each(WEAK)('creating a user with %s → 422 PASSWORD_TOO_WEAK (%s), no user', async (password, reason) => {
    const response = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ username: `weak.${reason}`, displayName: '测试', password, role: 'technician' })
      .expect(422);
    expect(response.body).toMatchObject({
      code: 'PASSWORD_TOO_WEAK',
      details: { field: 'password', reason },
    });
    expect(response.body.message).toMatch(/^The password .+: choose a longer phrase/);
    expect(await t.dataSource.getRepository(User).countBy({ username: `weak.${reason}` })).toBe(0);
  });

  it('refuses the username or the person’s name inside the password', async () => {
    const withUsername = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ username: 'zhao.tech', displayName: '赵师傅', password: 'Zhao.Tech-2026', role: 'technician' })
      .expect(422);
    expect(withUsername.body.details.reason).toBe('contains_username');
    const withName = await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        username: 'mwang',
        displayName: 'Margaret Wang',
        password: 'margaret-blue-river',
        role: 'finance',
      })
      .expect(422);
    expect(withName.body.details.reason).toBe('contains_display_name');
    await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        username: 'mwang',
        displayName: 'Margaret Wang',
        password: 'copper-kettle-harbour',
        role: 'finance',
      })
      .expect(201);
  });

  it('refuses weak passwords on an admin reset and on a change, and keeps the old one', async () => {
    const user = await t.factory.user('front_desk');
    const reset = await t.http
      .patch(`/api/v1/users/${user.user.id}`)
      .set(admin.auth)
      .send({ password: 'demo1234' })
      .expect(422);
    expect(reset.body).toMatchObject({ code: 'PASSWORD_TOO_WEAK', details: { reason: 'common' } });
    const change = await t.http
      .post('/api/v1/auth/password')
      .set(user.auth)
      .send({ currentPassword: FACTORY_PASSWORD, newPassword: user.user.username + '!!' })
      .expect(422);
    expect(change.body).toMatchObject({
      code: 'PASSWORD_TOO_WEAK',
      details: { field: 'newPassword', reason: 'contains_username' },
    });
    await login(t, user.user.username, FACTORY_PASSWORD).expect(200);
    await t.http
      .post('/api/v1/auth/password')
      .set(user.auth)
      .send({ currentPassword: FACTORY_PASSWORD, newPassword: 'lantern-orchard-seventeen' })
      .expect(204);
    await login(t, user.user.username, 'lantern-orchard-seventeen').expect(200);
  });
});

describe('per-account sign-in lock with back-off (issue #22, finding 12)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('locks after 5 failures even for the right password, backs off ×2, and a correct sign-in after the lock resets the count', async () => {
    const user = await t.factory.user('technician');
    const name = user.user.username;
    for (let attempt = 0; attempt < 5; attempt++) {
      const refused = await login(t, name, `wrong-${attempt}`).expect(401);
      expect(refused.body.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await login(t, name, FACTORY_PASSWORD).expect(429);
    expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED', details: { retryAfterSeconds: 30 } });
    expect(locked.headers['retry-after']).toBe('30');
    expect(locked.body.message).toMatch(/try again in 30 s/);
    // attempts during the lock are not counted (nobody can keep a lock going for ever)
    t.clock.advance(20_000);
    await login(t, name, 'wrong-again').expect(429);
    t.clock.advance(11_000);
    // lock over: one more failure locks again, twice as long
    await login(t, name, 'wrong-6').expect(401);
    const longer = await login(t, name, FACTORY_PASSWORD).expect(429);
    expect(longer.body.details.retryAfterSeconds).toBe(60);
    t.clock.advance(61_000);
    await login(t, name, FACTORY_PASSWORD).expect(200);
    expect(await t.dataSource.getRepository(LoginFailure).findOneBy({ username: name })).toBeNull();
    // the count started again: four failures do not lock
    for (let attempt = 0; attempt < 4; attempt++) await login(t, name, `wrong-${attempt}`).expect(401);
    await login(t, name, FACTORY_PASSWORD).expect(200);
  });

  it('counts unknown names alike (a lock does not tell whether the account exists)', async () => {
    for (let attempt = 0; attempt < 5; attempt++) await login(t, 'Nobody.Here', 'guess-guess').expect(401);
    const locked = await login(t, 'nobody.here', 'guess-guess').expect(429);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
  });

  it('forgets failures after a quiet LOGIN_FAILURE_RESET_SECONDS (a day)', async () => {
    const user = await t.factory.user('finance');
    for (let attempt = 0; attempt < 4; attempt++) await login(t, user.user.username, 'typo-typo').expect(401);
    t.clock.advance(86_401_000);
    await login(t, user.user.username, 'typo-typo').expect(401);
    const row = await t.dataSource
      .getRepository(LoginFailure)
      .findOneByOrFail({ username: user.user.username });
    expect(row).toMatchObject({ failures: 1, lockedUntil: null });
  });
});

describe('two API instances share the per-account count (issue #22, finding 12)', () => {
  const sqliteFile = join(tmpdir(), `estate-lockout-${randomBytes(4).toString('hex')}.sqlite`);
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    const database = await createTestDatabase(isMysqlRun() ? {} : { sqliteFile });
    first = await createTestApp({ database });
    second = await createTestApp({ database });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    if (!isMysqlRun())
      for (const suffix of ['', '-wal', '-shm']) rmSync(sqliteFile + suffix, { force: true });
  });

  it('failures on one instance and the other add up to one lock, seen by both', async () => {
    const user = await first.factory.user('security');
    const name = user.user.username;
    await Promise.all([
      login(first, name, 'wrong-a1').expect(401),
      login(second, name, 'wrong-b1').expect(401),
      login(first, name, 'wrong-a2').expect(401),
      login(second, name, 'wrong-b2').expect(401),
    ]);
    const row = await second.dataSource.getRepository(LoginFailure).findOneByOrFail({ username: name });
    expect(row.failures).toBe(4);
    await login(second, name, 'wrong-b3').expect(401);
    expect((await login(first, name, FACTORY_PASSWORD).expect(429)).body.code).toBe('ACCOUNT_LOCKED');
    expect((await login(second, name, FACTORY_PASSWORD).expect(429)).body.code).toBe('ACCOUNT_LOCKED');
    first.clock.advance(31_000);
    second.clock.advance(31_000);
    await login(second, name, FACTORY_PASSWORD).expect(200);
    // reset by the other instance: the first one counts from zero again
    for (let attempt = 0; attempt < 4; attempt++) await login(first, name, `wrong-${attempt}`).expect(401);
    await login(first, name, FACTORY_PASSWORD).expect(200);
  });
});
