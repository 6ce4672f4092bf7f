import { createTestApp, TestApp } from '../support/test-app';

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  requestBody?: { content: Record<string, { schema?: unknown }> };
  security?: unknown[];
  operationId?: string;
}

describe('API conventions (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ environment: { BODY_LIMIT: '10kb' } });
  });
  afterAll(async () => t.close());

  it('answers /health with the database status', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('echoes a sane X-Request-Id, makes one otherwise, and puts it in error bodies', async () => {
    const given = await t.http.get('/api/v1/auth/me').set('X-Request-Id', 'trace-abc.123').expect(401);
    expect(given.headers['x-request-id']).toBe('trace-abc.123');
    expect(given.body.requestId).toBe('trace-abc.123');
    const hostile = await t.http
      .get('/api/v1/auth/me')
      .set('X-Request-Id', '<script>alert(1)</script>')
      .expect(401);
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses one error shape for unknown routes, unknown fields, wrong types, malformed ids and bad JSON', async () => {
    const estate = await t.factory.estate();
    const { auth } = await t.factory.user('admin', [estate]);
    const unknownRoute = await t.http.get('/api/v1/nothing-here').set(auth).expect(404);
    expect(Object.keys(unknownRoute.body).sort()).toEqual(['code', 'message', 'requestId', 'statusCode']);

    const unknownField = await t.http
      .post('/api/v1/buildings')
      .set(auth)
      .send({ estateId: estate.id, number: '1', colour: 'red' })
      .expect(400);
    expect(unknownField.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(unknownField.body.details.errors).toContain('property colour should not exist');

    const wrongType = await t.http
      .post('/api/v1/buildings')
      .set(auth)
      .send({ estateId: estate.id, number: 7, floors: 'ten' })
      .expect(400);
    expect(wrongType.body.details.errors.join(' ')).toMatch(
      /number must be a string[\s\S]*floors must be an integer/,
    );

    const malformedId = await t.http.get('/api/v1/units/not-a-uuid').set(auth).expect(400);
    expect(malformedId.body.statusCode).toBe(400);
    const malformedFilter = await t.http.get('/api/v1/units?estateId=123').set(auth).expect(400);
    expect(malformedFilter.body.code).toBe('VALIDATION_FAILED');

    const badJson = await t.http
      .post('/api/v1/buildings')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send('{"estateId": ')
      .expect(400);
    expect(badJson.body.code).toBe('MALFORMED_JSON');

    const outOfRange = await t.http.get('/api/v1/units?pageSize=500').set(auth).expect(400);
    expect(outOfRange.body.details.errors.join(' ')).toMatch(/pageSize must not be greater than 200/);
  });

  it('refuses an oversized body with 413 and writes nothing', async () => {
    const estate = await t.factory.estate();
    const { auth } = await t.factory.user('admin', [estate]);
    const response = await t.http
      .post('/api/v1/buildings')
      .set(auth)
      .send({ estateId: estate.id, number: '1', name: 'x'.repeat(20_000) })
      .expect(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(
      (await t.http.get(`/api/v1/buildings?estateId=${estate.id}`).set(auth).expect(200)).body.total,
    ).toBe(0);
  });

  it('sets security headers and no X-Powered-By', async () => {
    const response = await t.http.get('/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('paginates as { items, total, page, pageSize }', async () => {
    const estate = await t.factory.estate();
    for (let index = 0; index < 3; index++) await t.factory.building(estate);
    const { auth } = await t.factory.user('manager', [estate]);
    const page = await t.http
      .get(`/api/v1/buildings?estateId=${estate.id}&page=2&pageSize=2`)
      .set(auth)
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.body.items).toHaveLength(1);
  });

  it('documents every route in OpenAPI with a response schema, and a request schema for bodies', async () => {
    const document = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const undocumented: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
        if (!success.length) undocumented.push(`${method.toUpperCase()} ${path}: no success response`);
        const binary = success.some(([, response]) =>
          Object.keys(response.content ?? {}).some((type) => !type.includes('json')),
        );
        const schemaless = success.every(([status, response]) => status !== '204' && !response.content);
        if (schemaless && !binary && path !== '/health')
          undocumented.push(`${method.toUpperCase()} ${path}: no response schema`);
        // Creates (POST on a collection) and updates (PUT/PATCH) must document their body;
        // action routes such as POST /work-orders/{id}/start may have none.
        const isAction =
          method === 'post' && (/\{[^}]+\}\/[a-z-]+$/.test(path) || /\/(run|sweep)$/.test(path));
        if (['post', 'put', 'patch'].includes(method) && !isAction && operation.requestBody === undefined) {
          undocumented.push(`${method.toUpperCase()} ${path}: no request body schema`);
        }
      }
    }
    expect(undocumented).toEqual([]);
    const routeCount = Object.values(document.paths).reduce(
      (count, operations) => count + Object.keys(operations).length,
      0,
    );
    expect(routeCount).toBeGreaterThanOrEqual(20);
    expect(document.paths['/api/v1/auth/login'].post.security ?? []).toEqual([]);
    // Client generators name methods by operationId: two routes with one id would collide.
    const operationIds = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).map((operation) => operation.operationId),
    );
    expect(operationIds.filter((id, index) => !id || operationIds.indexOf(id) !== index)).toEqual([]);
  });
});
