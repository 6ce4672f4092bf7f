import { createTestApp, TestApp } from '../support/test-app';

/**
 * The API teaches (issue 22 item 5): every operation of the served OpenAPI document has a summary
 * with the Chinese term, a description, the roles that may call it, and its error responses with
 * their codes and the one error schema; every enum says what its values mean. Read from /docs-json,
 * so a new route is checked without editing this test (docs/api.md "How operations are documented").
 */
interface Schema {
  $ref?: string;
  enum?: unknown[];
  items?: Schema;
  description?: string;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Parameter {
  name: string;
  in: string;
  description?: string;
  schema?: Schema;
}
interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
  'x-roles'?: string[];
  'x-public'?: boolean;
  'x-error-codes'?: Record<string, string[]>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const HAN = /\p{Script=Han}/u;
const ALL_ROLES = [
  'admin',
  'manager',
  'front_desk',
  'technician',
  'finance',
  'security',
  'cleaner',
  'resident',
];

describe('OpenAPI document teaches (e2e)', () => {
  let t: TestApp;
  let document: Document;
  let operations: { name: string; path: string; operation: Operation }[];
  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get('/docs-json').expect(200)).body as Document;
    operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        path,
        operation,
      })),
    );
  });
  afterAll(async () => t.close());

  it('gives every operation a one-line summary with the Chinese term and a description', () => {
    const problems: string[] = [];
    for (const { name, operation } of operations) {
      const summary = operation.summary?.trim() ?? '';
      if (!summary) problems.push(`${name}: no summary (@ApiOperation({ summary, description }))`);
      else if (!HAN.test(summary)) problems.push(`${name}: summary "${summary}" has no Chinese term`);
      else if (summary.includes('\n') || summary.length > 120)
        problems.push(`${name}: summary is not one short line`);
      const own = (operation.description ?? '').split(/\n\nRoles: /)[0].trim();
      if (!own || own.startsWith('Roles: ')) problems.push(`${name}: no description`);
    }
    expect(problems).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(170);
  });

  it('shows the roles that may call each operation, read from @Roles / @Public', () => {
    const problems: string[] = [];
    for (const { name, operation } of operations) {
      const roles = operation['x-roles'];
      if (!Array.isArray(roles)) {
        problems.push(`${name}: no x-roles (its handler was not found by enrichOpenApi)`);
        continue;
      }
      const line = /(?:^|\n\n)Roles: (.+)\.$/.exec(operation.description ?? '')?.[1];
      if (!line) problems.push(`${name}: no "Roles: …" line at the end of the description`);
      else if (operation['x-public']) {
        if (roles.length || !line.startsWith('public'))
          problems.push(`${name}: public route shown with roles`);
      } else if (line === 'any signed-in user') {
        if (roles.join() !== ALL_ROLES.join())
          problems.push(`${name}: any signed-in user but x-roles ${roles}`);
      } else if (line !== roles.join(', ')) problems.push(`${name}: "Roles: ${line}" but x-roles ${roles}`);
      for (const role of roles) if (!ALL_ROLES.includes(role)) problems.push(`${name}: unknown role ${role}`);
    }
    expect(problems).toEqual([]);
    // Derived from the decorators, not copied: spot-check against the guards' answers.
    const byId = new Map(operations.map(({ operation }) => [operation.operationId, operation]));
    expect(byId.get('EstatesController_create')?.['x-roles']).toEqual(['admin']);
    expect(byId.get('AuthController_login')?.['x-public']).toBe(true);
    expect(byId.get('AuthController_me')?.['x-roles']).toEqual(ALL_ROLES);
  });

  it('agrees with the guards: a role outside x-roles is refused 403, a role inside is not', async () => {
    const estate = await t.factory.estate();
    const { auth: cleaner } = await t.factory.user('cleaner', [estate]);
    const { auth: admin } = await t.factory.user('admin', [estate]);
    const create = document.paths['/api/v1/estates'].post;
    expect(create['x-roles']).not.toContain('cleaner');
    const refused = await t.http.post('/api/v1/estates').set(cleaner).send({}).expect(403);
    expect(refused.body.code).toBe('ROLE_FORBIDDEN');
    expect(refused.body.details.required).toEqual(create['x-roles']);
    await t.http.post('/api/v1/estates').set(admin).send({}).expect(400);
  });

  it('documents the error responses of every operation with their codes and the one error schema', () => {
    const problems: string[] = [];
    for (const { name, path, operation } of operations) {
      const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      if (!errors.length) problems.push(`${name}: no error responses (@ApiErrors)`);
      const codes = operation['x-error-codes'] ?? {};
      for (const [status, response] of errors) {
        const schema = response.content?.['application/json']?.schema;
        if (schema?.$ref !== '#/components/schemas/ErrorResponse')
          problems.push(`${name}: ${status} without the ErrorResponse schema`);
        if (!codes[status]?.length) problems.push(`${name}: ${status} names no codes`);
        else if (!codes[status].every((code) => /^[A-Z][A-Z0-9_]+$/.test(code)))
          problems.push(`${name}: ${status} has a code that is not UPPER_SNAKE: ${codes[status]}`);
      }
      const has = (status: string) => errors.some(([given]) => given === status);
      if (!operation['x-public'] && !has('401')) problems.push(`${name}: signed-in route without 401`);
      const roles = operation['x-roles'] ?? [];
      if (!operation['x-public'] && roles.length < ALL_ROLES.length && !has('403'))
        problems.push(`${name}: role-limited route without 403`);
      if ((operation.parameters ?? []).length && !has('400')) problems.push(`${name}: parameters but no 400`);
      // A record addressed by its id may not exist (or lie in another estate).
      if (/\{(id|unitId|attachmentId)\}/.test(path) && !has('404'))
        problems.push(`${name}: addresses a record but documents no 404`);
    }
    expect(problems).toEqual([]);
    const schema = document.components.schemas.ErrorResponse;
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([
      'code',
      'details',
      'message',
      'requestId',
      'statusCode',
    ]);
  });

  it('says what every enum value means', () => {
    const problems: string[] = [];
    const check = (where: string, holder: { description?: string }, values: unknown[] | undefined) => {
      if (!values?.length) return;
      const missing = values.filter((value) => !holder.description?.includes(`\`${String(value)}\``));
      if (missing.length) problems.push(`${where}: no meaning for ${missing.join(', ')}`);
    };
    const walk = (where: string, schema: Schema | undefined) => {
      if (!schema || schema.$ref) return;
      check(where, schema, schema.enum ?? schema.items?.enum);
      if (!schema.items?.enum) walk(`${where}[]`, schema.items);
      for (const [name, property] of Object.entries(schema.properties ?? {}))
        walk(`${where}.${name}`, property);
      for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])])
        walk(where, part);
    };
    for (const [name, schema] of Object.entries(document.components.schemas)) walk(name, schema);
    for (const { name, operation } of operations)
      for (const parameter of operation.parameters ?? [])
        check(
          `${name} ?${parameter.name}`,
          parameter,
          parameter.schema?.enum ?? parameter.schema?.items?.enum,
        );
    expect(problems).toEqual([]);
    // A repair rating's three values, not found by trial.
    const satisfaction = document.components.schemas.AcceptWorkOrderRequest?.properties?.satisfaction;
    expect(satisfaction?.description).toMatch(/`satisfied` — Satisfied \(满意\)/);
  });
});
