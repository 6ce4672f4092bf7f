import { createTestApp, TestApp } from '../support/test-app';
import { FACTORY_PASSWORD } from '../support/factories';

describe('auth (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('logs in case-insensitively and returns a token and the user without secrets', async () => {
    const estate = await t.factory.estate();
    const { user } = await t.factory.user('manager', [estate], { username: 'li.manager' });
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'LI.Manager', password: FACTORY_PASSWORD })
      .expect(200);
    expect(response.body.accessToken).toEqual(expect.any(String));
    expect(response.body.user).toMatchObject({
      id: user.id,
      username: 'li.manager',
      role: 'manager',
      estateIds: [estate.id],
    });
    expect(JSON.stringify(response.body)).not.toMatch(/passwordHash|argon2|factory-password/);

    const me = await t.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${response.body.accessToken}`)
      .expect(200);
    expect(me.body.id).toBe(user.id);
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    await t.factory.user('finance', [], { username: 'finance.x' });
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'finance.x', password: 'nope' })
      .expect(401);
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'ghost', password: 'nope' })
      .expect(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
    expect(unknown.body.code).toBe(wrong.body.code);
    expect(wrong.body.requestId).toEqual(expect.any(String));
  });

  it('answers 401 without a token, with a bad token, and with an expired token', async () => {
    expect((await t.http.get('/api/v1/auth/me').expect(401)).body.code).toBe('AUTHENTICATION_REQUIRED');
    expect(
      (await t.http.get('/api/v1/auth/me').set('Authorization', 'Bearer not.a.token').expect(401)).body.code,
    ).toBe('TOKEN_INVALID');
    const { auth } = await t.factory.user('admin');
    const realNow = Date.now;
    Date.now = () => realNow() + 2 * 3600 * 1000; // tokens from the factory live one hour
    try {
      expect((await t.http.get('/api/v1/auth/me').set(auth).expect(401)).body.code).toBe('TOKEN_EXPIRED');
    } finally {
      Date.now = realNow;
    }
  });

  it('stops old tokens when the password changes', async () => {
    const { auth } = await t.factory.user('technician');
    await t.http
      .post('/api/v1/auth/password')
      .set(auth)
      .send({ currentPassword: FACTORY_PASSWORD, newPassword: 'a-new-password' })
      .expect(204);
    expect((await t.http.get('/api/v1/auth/me').set(auth).expect(401)).body.code).toBe('TOKEN_REVOKED');
  });

  it('lets an admin create users, refusing a duplicate username whatever its case', async () => {
    const estate = await t.factory.estate();
    const { auth } = await t.factory.user('admin');
    const created = await t.http
      .post('/api/v1/users')
      .set(auth)
      .send({
        username: 'Zhao.Tech',
        displayName: '赵师傅',
        password: 'long-enough-1',
        role: 'technician',
        estateIds: [estate.id],
        phone: '13812345678',
      })
      .expect(201);
    expect(created.body).toMatchObject({ username: 'zhao.tech', role: 'technician', estateIds: [estate.id] });
    expect(created.body.passwordHash).toBeUndefined();
    const duplicate = await t.http
      .post('/api/v1/users')
      .set(auth)
      .send({ username: 'ZHAO.TECH', displayName: 'x', password: 'long-enough-1', role: 'technician' })
      .expect(409);
    expect(duplicate.body.code).toBe('USERNAME_TAKEN');
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ username: 'zhao.tech', password: 'long-enough-1' })
      .expect(200);
    expect(login.body.user.estateIds).toEqual([estate.id]);
  });

  it('forbids user administration to other roles (403) and validates the body (400)', async () => {
    const { auth: managerAuth } = await t.factory.user('manager');
    const forbidden = await t.http
      .post('/api/v1/users')
      .set(managerAuth)
      .send({ username: 'abc', displayName: 'x', password: 'long-enough-1', role: 'admin' })
      .expect(403);
    expect(forbidden.body.code).toBe('ROLE_FORBIDDEN');
    const { auth } = await t.factory.user('admin');
    const invalid = await t.http
      .post('/api/v1/users')
      .set(auth)
      .send({ username: 'ab', displayName: 'x', password: 'short', role: 'king', isAdmin: true })
      .expect(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    const errors = invalid.body.details.errors.join(' | ');
    for (const expected of [
      /username must be/,
      /password must be longer/,
      /role must be one of/,
      /property isAdmin should not exist/,
    ])
      expect(errors).toMatch(expected);
    expect(
      await t.http
        .get('/api/v1/users?q=ab')
        .set(auth)
        .then((response) => response.body.total),
    ).toBe(0);
  });

  it('rate-limits login attempts', async () => {
    const limited = await createTestApp({ environment: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      for (let attempt = 0; attempt < 3; attempt++)
        await limited.http.post('/api/v1/auth/login').send({ username: 'x', password: 'y' }).expect(401);
      const blocked = await limited.http
        .post('/api/v1/auth/login')
        .send({ username: 'x', password: 'y' })
        .expect(429);
      expect(blocked.body.code).toBe('TOO_MANY_REQUESTS');
    } finally {
      await limited.close();
    }
  });
});
