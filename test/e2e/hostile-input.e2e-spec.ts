import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Role } from '@estate/auth';
import { Estate } from '@estate/estates';
import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';
import { TestUser } from '../support/factories';

/**
 * Issue #10: every operation in the OpenAPI document that takes a body or parameters gets a table of
 * hostile variants generated from its schema (wrong types, missing fields, huge strings, SQL/HTML,
 * negative and fractional money, impossible dates, other estates' ids, malformed path ids, unknown
 * fields, bad multipart). Each must answer 4xx with the error shape — never 5xx — and write nothing.
 * The route list comes from the document, so a new route is walked without anyone editing this file;
 * a path parameter the generator has no rule for fails the test (add it to PATH_PARAMETERS).
 *
 * docs/api.md ("Hostile input") describes what is generated and how to extend it.
 */

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface Variant {
  label: string;
  path?: Record<string, string>;
  query?: Record<string, string | string[]>;
  body?: unknown;
  /** raw text sent as application/json */
  raw?: string;
  multipart?: {
    fields?: Record<string, string>;
    file?: { name: string; type: string; bytes: Buffer } | null;
  };
  /** a 2xx is acceptable (free text stored verbatim, or an optional field set to null): runs last */
  mayWrite?: boolean;
  /** when a 2xx is accepted, the response must echo this field verbatim */
  echo?: { field: string; value: unknown };
}

const SQL = ["' OR 1=1 --", '1; DROP TABLE users', "x'); DELETE FROM estates; --"];
const HTML = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
const BAD_DATES = ['0000-00-00', '2026-13-40', '2026-02-30', '0001-01-01', '99999-01-01', '2026-1-1', ''];
const BAD_INSTANTS = [
  '9999-12-31T99:99',
  '2026-13-40T00:00:00Z',
  '0000-00-00T00:00:00Z',
  '2026-10-15T10:00:00',
  '+275760-09-13T00:00:00.001Z',
  '0001-01-01T00:00:00Z',
  'yesterday',
];
const BAD_PERIODS = ['2026-00', '2026-13', '0000-01', '0001-12', '2026-1', '202610', '9999-99'];
const MALFORMED_IDS = [
  'not-a-uuid',
  '..',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  "1'%20OR%20'1'='1",
  'x'.repeat(3000),
];
const HUGE = 'x'.repeat(100_000);
const MEGABYTE = 'y'.repeat(1_100_000);
const MONEY = /(fen|amount|hundredths)$/i;

/**
 * Values for path parameters, by name: `'record'` takes estate A's record of the route's resource
 * (`/work-orders/{id}` → the work order made by POST /work-orders), a function gives a fixed value.
 * A path parameter not listed here fails the walk, naming the route.
 */
const PATH_PARAMETERS: Record<string, 'record' | ((path: string) => string)> = {
  id: 'record',
  attachmentId: 'record',
  unitId: 'record',
  estateId: 'record',
  role: () => 'electrician',
  code: () => 'repair_timeliness_rate',
  period: () => '2026-09',
  format: () => 'pdf',
};

/**
 * Optional fields a route needs in practice (its rules ask for one of several), added to the base
 * body every variant of that route starts from.
 */
const BASE_EXTRAS: Record<string, Record<string, unknown>> = {
  // staff say how a repair or a complaint came in (optional in the schema: residents don't send it)
  '/api/v1/work-orders': { locationText: '1号楼大堂', channel: 'phone' },
  '/api/v1/complaints': { channel: 'phone' },
  '/api/v1/inspection-plans': { categoryCode: 'hostile_lift' },
  '/api/v1/maintenance-plans': { categoryCode: 'hostile_lift' },
  '/api/v1/asset-categories': { code: 'hostile_lift' },
  '/api/v1/cleaning/inspections': { passed: true },
};

/**
 * Tables a refused request may legitimately add rows to, each with its reason. Empty: the walk found
 * none (refused logins included), so every table is counted.
 */
const WRITABLE_ON_REFUSAL = new Set<string>([]);

describe('Hostile input on every route (e2e)', () => {
  let t: TestApp;
  let document: OpenApi;
  let http: ReturnType<typeof request>;
  let estateA: Estate;
  let estateB: Estate;
  const actors = new Map<string, TestUser>();
  const records: Record<'A' | 'B', Map<string, string>> = { A: new Map(), B: new Map() };
  const failures: string[] = [];
  let sequence = 0;
  let tables: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ environment: { UPLOAD_MAX_BYTES: String(64 * 1024) } });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    http = request(`http://127.0.0.1:${port}`);
    document = (await http.get('/docs-json').expect(200)).body as OpenApi;
    estateA = await t.factory.estate();
    estateB = await t.factory.estate();
    for (const [key, estate] of [
      ['A', estateA],
      ['B', estateB],
    ] as const) {
      const building = await t.factory.building(estate);
      const unit = await t.factory.unit(estate, { building });
      const resident = await t.factory.resident(unit);
      const technician = await t.factory.user('technician', [estate]);
      records[key].set('estates', estate.id);
      records[key].set('buildings', building.id);
      records[key].set('units', unit.id);
      records[key].set('residents', resident.id);
      records[key].set('users', technician.user.id);
    }
    tables = await listTables();
  }, 120_000);
  afterAll(async () => t?.close());

  async function listTables(): Promise<string[]> {
    const rows: { name: string }[] =
      t.database.dialect === 'sqlite'
        ? await t.dataSource.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
        : await t.dataSource.query(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
          );
    return rows.map((row) => row.name).filter((name) => !WRITABLE_ON_REFUSAL.has(name));
  }

  /** Accepted report requests generate in the background; wait so their rows are not counted as ours. */
  async function settle(): Promise<void> {
    for (let attempt = 0; attempt < 1200; attempt++) {
      const [row]: { count: string | number }[] = await t.dataSource.query(
        "SELECT COUNT(*) AS count FROM monthly_reports WHERE status = 'generating'",
      );
      if (Number(row.count) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('reports still generating after 60 s');
  }

  /** Row count of every table in one query. */
  async function counts(): Promise<Record<string, number>> {
    const union = tables
      .map((name) => `SELECT '${name}' AS name, COUNT(*) AS count FROM ${name}`)
      .join(' UNION ALL ');
    const rows: { name: string; count: string | number }[] = await t.dataSource.query(union);
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
  }

  async function actor(role: Role, estate: 'A' | 'B'): Promise<TestUser> {
    const key = `${role}:${estate}`;
    let user = actors.get(key);
    if (!user) {
      user = await t.factory.user(role, role === 'admin' ? [] : [estate === 'A' ? estateA : estateB]);
      actors.set(key, user);
    }
    return user;
  }

  function resolve(schema: Schema): Schema {
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length === 1) return { ...schema, ...resolve(schema.allOf[0]), allOf: undefined };
    return schema;
  }

  /** Record store key for an id field or path: `unitId` → units, `/api/v1/work-orders/{id}` → work-orders. */
  function storeFor(name: string, path?: string): string | undefined {
    if (name === 'id' && path) return path.replace('/api/v1/', '').split('/{')[0];
    if (name === 'attachmentId') return `${path!.replace('/api/v1/', '').split('/{')[0]}/attachments`;
    const byName: Record<string, string> = {
      estateId: 'estates',
      estateIds: 'estates',
      unitId: 'units',
      buildingId: 'buildings',
      assetId: 'assets',
      zoneId: 'cleaning/zones',
      routeId: 'patrol/routes',
      checkpointIds: 'patrol/checkpoints',
      workOrderId: 'work-orders',
      planId: 'inspection-plans',
      assigneeId: 'users',
      assigneeUserId: 'users',
      userId: 'users',
      cleanerId: 'users',
      guardId: 'users',
    };
    return byName[name];
  }

  function idFor(name: string, estate: 'A' | 'B', path?: string): string {
    const store = storeFor(name, path);
    return (store && records[estate].get(store)) ?? randomUUID();
  }

  /** A plausible valid value, so that one mutated field is what the validation refuses. */
  function sample(name: string, raw: Schema, estate: 'A' | 'B' = 'A'): unknown {
    const schema = resolve(raw);
    if (schema.enum) return schema.enum[0];
    if (schema.type === 'object' || schema.properties) return baseBody(schema, estate);
    if (schema.type === 'array') {
      if (name === 'estateIds' || name === 'checkpointIds') return [idFor(name, estate)];
      if (name === 'billIds' || name === 'photos' || name === 'weekdays') return [];
      return [sample(name.replace(/s$/, ''), schema.items ?? { type: 'string' }, estate)];
    }
    if (schema.type === 'boolean') return false;
    if (schema.type === 'number' || schema.type === 'integer') {
      const named: Record<string, number> = {
        version: 1,
        floors: 10,
        floor: 1,
        floorArea: 100,
        measure: 10,
        latitude: 31,
        longitude: 121,
        target: 90,
        quantity: 1,
        hours: 2,
        score: 90,
        intervalMinutes: 60,
        expectedDurationMinutes: 30,
        dayOfMonth: 1,
        month: 1,
        labourMinutes: 30,
      };
      return named[name] ?? Math.max(schema.minimum ?? 1, 1);
    }
    if (schema.format === 'uuid') return name === 'clientId' ? randomUUID() : idFor(name, estate);
    if (schema.format === 'date')
      return /expires|leftAt|closes|review/i.test(name) ? '2027-10-01' : '2026-10-01';
    if (schema.format === 'date-time')
      return /closes|finished|to$/i.test(name) ? '2026-10-15T03:00:00.000Z' : '2026-10-15T02:00:00.000Z';
    if (schema.pattern?.includes('\\d{4})-(0[1-9]')) return name === 'activeTo' ? '2027-12' : '2026-09';
    if (schema.format === 'password')
      return name === 'currentPassword' ? 'not-the-password' : 'hostile-pass-1';
    const strings: Record<string, string> = {
      timeZone: 'Asia/Shanghai',
      phone: '13812345678',
      reporterPhone: '13812345678',
      contactPhone: '13812345678',
      startTime: '09:00',
      endTime: '10:00',
      activeFrom: '00:00',
      activeTo: '23:59',
      time: '08:00',
      categoryCode: 'hostile_lift',
      category: 'plumbing',
      username: 'nobody-by-this-name',
    };
    if (strings[name]) return strings[name];
    if (name === 'tagValue') return `HOSTILE-TAG-${estate}`;
    if (/^(code|number|employeeNumber|name|title|label)$/.test(name)) return `H${++sequence}`;
    return 'hostile test text';
  }

  function baseBody(raw: Schema, estate: 'A' | 'B' = 'A'): Record<string, unknown> {
    const schema = resolve(raw);
    const body: Record<string, unknown> = {};
    // the estate is optional where a unit could name it (intakeScope); the base body names it
    const named = schema.properties?.estateId && !schema.required?.includes('estateId') ? ['estateId'] : [];
    for (const name of [...(schema.required ?? []), ...named])
      body[name] = sample(name, schema.properties![name], estate);
    return body;
  }

  /** Text the caller chooses freely (passwords too): SQL or HTML in it may be stored, verbatim. */
  function isFreeText(schema: Schema): boolean {
    return (
      schema.type === 'string' &&
      !schema.enum &&
      (!schema.format || schema.format === 'password') &&
      !schema.pattern
    );
  }

  /** Hostile values for one field; `freeText` payloads may be stored (2xx) as long as verbatim. */
  function hostileValues(name: string, raw: Schema): { label: string; value: unknown; mayWrite?: boolean }[] {
    const schema = resolve(raw);
    const out: { label: string; value: unknown; mayWrite?: boolean }[] = [];
    const type = schema.enum ? 'string' : (schema.type ?? (schema.properties ? 'object' : 'string'));
    const wrong: Record<string, unknown[]> = {
      string: [12345, true, { $gt: '' }, ['a']],
      number: ['12', true, { n: 1 }, [1], 'NaN'],
      integer: ['12', true, { n: 1 }, [1]],
      boolean: ['true', 1, 'yes', { b: true }],
      array: ['x', { 0: 'a' }, 7, [null], [{ nested: [] }]],
      object: ['x', [], 7, true],
    };
    for (const value of wrong[type] ?? []) out.push({ label: `${name} as ${JSON.stringify(value)}`, value });
    if (type === 'string') {
      out.push({ label: `${name} 100k chars`, value: HUGE });
      // Every payload where it could be stored; one of each kind where the format refuses it anyway.
      for (const payload of isFreeText(schema) ? [...SQL, ...HTML] : [SQL[0], HTML[0]])
        out.push({ label: `${name} = ${payload}`, value: payload, mayWrite: isFreeText(schema) });
      if (schema.format === 'uuid') {
        out.push({ label: `${name} not a uuid`, value: 'not-a-uuid' });
        // A client-generated id (offline capture) is new by definition.
        if (name !== 'clientId') out.push({ label: `${name} non-existent`, value: randomUUID() });
      }
      if (schema.format === 'date')
        for (const value of BAD_DATES) out.push({ label: `${name} = ${JSON.stringify(value)}`, value });
      if (schema.format === 'date-time')
        for (const value of BAD_INSTANTS) out.push({ label: `${name} = ${value}`, value });
      if (schema.pattern?.includes('\\d{4})-(0[1-9]'))
        for (const value of BAD_PERIODS) out.push({ label: `${name} = ${value}`, value });
    }
    if (type === 'number' || type === 'integer') {
      out.push({ label: `${name} = 1e308`, value: 1e308 });
      out.push({ label: `${name} = 2^53`, value: 2 ** 53 });
      if (MONEY.test(name) || name === 'version') {
        out.push({ label: `${name} negative`, value: -100 });
        out.push({ label: `${name} fractional`, value: 12.5 });
        out.push({ label: `${name} negative fractional`, value: -0.01 });
      }
    }
    if (type === 'array') {
      const item = schema.items ? resolve(schema.items) : undefined;
      if (item?.format === 'uuid') out.push({ label: `${name} [not-a-uuid]`, value: ['not-a-uuid'] });
      out.push({
        label: `${name} 5,000 items`,
        value: new Array(5_000).fill((sample(name, schema) as unknown[])[0] ?? 'x'),
      });
    }
    return out;
  }

  function variantsFor(path: string, method: string, operation: Operation, actorRole: Role): Variant[] {
    const variants: Variant[] = [];
    const parameters = operation.parameters ?? [];
    const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
    for (const match of path.matchAll(/\{(\w+)\}/g))
      if (!pathParameters.some((parameter) => parameter.name === match[1]))
        pathParameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
    const basePath: Record<string, string> = {};
    for (const parameter of pathParameters) {
      const rule = PATH_PARAMETERS[parameter.name];
      if (!rule)
        throw new Error(`${method.toUpperCase()} ${path}: no rule for path parameter ${parameter.name}`);
      basePath[parameter.name] = rule === 'record' ? idFor(parameter.name, 'A', path) : rule(path);
    }
    const baseQuery: Record<string, string> = {};
    for (const parameter of parameters.filter((p) => p.in === 'query' && p.required))
      baseQuery[parameter.name] = String(sample(parameter.name, parameter.schema));
    const adminActs = actorRole === 'admin';

    // Path parameters: malformed, non-existent, another estate's record.
    for (const parameter of pathParameters) {
      const rule = PATH_PARAMETERS[parameter.name];
      for (const value of MALFORMED_IDS)
        variants.push({
          label: `path ${parameter.name} = ${value.slice(0, 30)}`,
          path: { [parameter.name]: value },
        });
      if (rule === 'record') {
        // Removing a membership that is not there is idempotent (2xx, nothing changes).
        variants.push({
          label: `path ${parameter.name} non-existent`,
          path: { [parameter.name]: randomUUID() },
          mayWrite: method === 'delete' && path.includes('/memberships/'),
        });
        const store = storeFor(parameter.name, path);
        const other = store && records.B.get(store);
        if (other && !adminActs)
          variants.push({ label: `path ${parameter.name} of estate B`, path: { [parameter.name]: other } });
      }
    }

    // Query parameters.
    for (const parameter of parameters.filter((p) => p.in === 'query')) {
      const schema = resolve(parameter.schema);
      const name = parameter.name;
      variants.push({ label: `query ${name} repeated`, query: { [name]: ['1', '2'] } });
      variants.push({ label: `query ${name} 10k chars`, query: { [name]: 'z'.repeat(10_000) } });
      for (const payload of isFreeText(schema) ? [...SQL, ...HTML] : [SQL[0], HTML[0]])
        variants.push({
          label: `query ${name} = ${payload}`,
          query: { [name]: payload },
          mayWrite: isFreeText(schema),
        });
      if (schema.type === 'number') {
        for (const value of ['abc', '-1', '1.5', '1e999', '99999999999999999999'])
          variants.push({ label: `query ${name} = ${value}`, query: { [name]: value } });
      }
      if (schema.type === 'boolean')
        for (const value of ['yes', '2', ''])
          variants.push({ label: `query ${name} = ${JSON.stringify(value)}`, query: { [name]: value } });
      if (schema.format === 'uuid') {
        variants.push({ label: `query ${name} malformed`, query: { [name]: 'not-a-uuid' } });
        if (name === 'estateId' && !adminActs)
          variants.push({ label: `query estateId of estate B`, query: { [name]: estateB.id } });
      }
      if (schema.format === 'date')
        for (const value of BAD_DATES.filter(Boolean))
          variants.push({ label: `query ${name} = ${value}`, query: { [name]: value } });
      if (schema.format === 'date-time')
        for (const value of BAD_INSTANTS)
          variants.push({ label: `query ${name} = ${value}`, query: { [name]: value } });
      if (schema.pattern)
        for (const value of BAD_PERIODS)
          variants.push({ label: `query ${name} = ${value}`, query: { [name]: value } });
      if (schema.enum || schema.items?.enum)
        variants.push({ label: `query ${name} not in enum`, query: { [name]: 'no_such_value' } });
      if (parameter.required)
        variants.push({ label: `query ${name} missing`, query: { [name]: undefined as never } });
    }

    // JSON bodies.
    const json = operation.requestBody?.content['application/json']?.schema;
    if (json) {
      const schema = resolve(json);
      const base = { ...baseBody(schema), ...BASE_EXTRAS[path] };
      const properties = schema.properties ?? {};
      variants.push({ label: 'body is a string', raw: '"hello"' });
      variants.push({ label: 'body is a number', raw: '42' });
      variants.push({ label: 'body is null', raw: 'null' });
      variants.push({ label: 'body is an array', body: [base] });
      variants.push({ label: 'body is broken JSON', raw: '{"a": ' });
      const firstString = Object.keys(properties).find((name) => resolve(properties[name]).type === 'string');
      variants.push({ label: 'body is 1.1 MB', body: { ...base, [firstString ?? 'padding']: MEGABYTE } });
      variants.push({
        label: 'body has __proto__',
        raw: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"polluted":1},'),
      });
      variants.push({ label: 'body has an unknown field', body: { ...base, isAdmin: true } });
      if (schema.required?.length) variants.push({ label: 'body is empty', body: {} });
      for (const name of schema.required ?? []) {
        const { [name]: _removed, ...rest } = base;
        variants.push({ label: `${name} missing`, body: rest });
      }
      for (const [name, property] of Object.entries(properties)) {
        for (const hostile of hostileValues(name, property))
          variants.push({
            label: hostile.label,
            body: { ...base, [name]: hostile.value },
            mayWrite: hostile.mayWrite,
            echo: hostile.mayWrite ? { field: name, value: hostile.value } : undefined,
          });
        if (!schema.required?.includes(name))
          variants.push({ label: `${name} = null`, body: { ...base, [name]: null }, mayWrite: true });
        const resolved = resolve(property);
        if (resolved.properties)
          for (const [inner, innerSchema] of Object.entries(resolved.properties))
            for (const hostile of hostileValues(inner, innerSchema).filter((h) => !h.mayWrite))
              variants.push({
                label: `${name}.${hostile.label}`,
                body: { ...base, [name]: { ...baseBody(resolved), [inner]: hostile.value } },
              });
        if (resolved.type === 'array' && resolved.items && resolve(resolved.items).properties) {
          const itemSchema = resolve(resolved.items);
          for (const [inner, innerSchema] of Object.entries(itemSchema.properties!))
            for (const hostile of hostileValues(inner, innerSchema).filter((h) => !h.mayWrite))
              variants.push({
                label: `${name}[].${hostile.label}`,
                body: { ...base, [name]: [{ ...baseBody(itemSchema), [inner]: hostile.value }] },
              });
        }
        if (
          !adminActs &&
          ['estateId', 'unitId', 'buildingId', 'assetId', 'zoneId', 'routeId', 'workOrderId'].includes(name)
        )
          variants.push({ label: `${name} of estate B`, body: { ...base, [name]: idFor(name, 'B') } });
        if (!adminActs && (name === 'estateIds' || name === 'checkpointIds'))
          variants.push({ label: `${name} of estate B`, body: { ...base, [name]: [idFor(name, 'B')] } });
      }
    }

    // Multipart uploads.
    const multipart = operation.requestBody?.content['multipart/form-data']?.schema;
    if (multipart) {
      const fields: Record<string, string> = {};
      for (const [name, property] of Object.entries(resolve(multipart).properties ?? {}))
        if (resolve(property).format !== 'binary') fields[name] = String(sample(name, property));
      const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      variants.push({ label: 'multipart sent as JSON', body: fields });
      variants.push({ label: 'multipart without a file', multipart: { fields, file: null } });
      variants.push({
        label: 'multipart oversized file',
        multipart: { fields, file: { name: 'big.xlsx', type: xlsx, bytes: Buffer.alloc(70 * 1024, 1) } },
      });
      variants.push({
        label: 'multipart disallowed type',
        multipart: {
          fields,
          file: { name: 'evil.exe', type: 'application/x-msdownload', bytes: Buffer.from('MZ\x90\x00') },
        },
      });
      variants.push({
        label: 'multipart fake xlsx',
        multipart: {
          fields,
          file: { name: 'fake.xlsx', type: xlsx, bytes: Buffer.from('not a zip at all') },
        },
      });
      variants.push({
        label: 'multipart html as image',
        multipart: { fields, file: { name: 'x.png', type: 'image/png', bytes: Buffer.from(HTML[0]) } },
      });
      for (const name of Object.keys(fields))
        for (const value of ['not-a-uuid', SQL[0]])
          variants.push({
            label: `multipart ${name} = ${value}`,
            multipart: { fields: { ...fields, [name]: value }, file: null },
          });
      if (fields.estateId && !adminActs)
        variants.push({
          label: 'multipart estateId of estate B',
          multipart: {
            fields: { ...fields, estateId: estateB.id },
            file: { name: 'a.xlsx', type: xlsx, bytes: Buffer.from('PK') },
          },
        });
    }

    return variants.map((variant) => ({
      ...variant,
      path: { ...basePath, ...variant.path },
      query: { ...baseQuery, ...variant.query },
    }));
  }

  async function send(method: string, template: string, variant: Variant, user: TestUser) {
    const url = template.replace(/\{(\w+)\}/g, (_, name: string) => variant.path![name]);
    const query = Object.entries(variant.query ?? {})
      .filter(([, value]) => value !== undefined)
      .flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((one) => `${name}=${encodeURIComponent(one)}`),
      )
      .join('&');
    let call = (http as unknown as Record<string, (url: string) => request.Test>)
      [method](query ? `${url}?${query}` : url)
      .set(user.auth)
      .set('Idempotency-Key', randomUUID())
      .timeout(30_000);
    if (variant.raw !== undefined) call = call.set('Content-Type', 'application/json').send(variant.raw);
    else if (variant.multipart) {
      for (const [name, value] of Object.entries(variant.multipart.fields ?? {}))
        call = call.field(name, value);
      if (variant.multipart.file)
        call = call.attach('file', variant.multipart.file.bytes, {
          filename: variant.multipart.file.name,
          contentType: variant.multipart.file.type,
        });
    } else if (variant.body !== undefined) call = call.send(variant.body as object);
    try {
      return await call;
    } catch (error) {
      return { status: 0, body: { error: String(error) }, headers: {} } as unknown as request.Response;
    }
  }

  /** Who to send an operation as: a manager of estate A unless the route needs another role. */
  const roles = new Map<string, Role>();
  async function actorFor(
    method: string,
    path: string,
    operation: Operation,
    estate: 'A' | 'B' = 'A',
  ): Promise<TestUser> {
    const name = `${method} ${path}`;
    if (!roles.has(name)) {
      const [first] = variantsFor(path, method, operation, 'manager');
      const probe = await send(
        method,
        path,
        { label: 'probe', path: first?.path, query: first?.query },
        await actor('manager', 'A'),
      );
      let role: Role = 'manager';
      if (probe.status === 403 && probe.body.code === 'ROLE_FORBIDDEN') {
        const required: Role[] = probe.body.details?.required ?? ['admin'];
        role = required.find((one) => one !== 'resident') ?? required[0];
      }
      roles.set(name, role);
    }
    return actor(roles.get(name)!, estate);
  }

  /** Stores that a create route fills under another name than its path. */
  const STORE_ALIASES: Record<string, string> = {
    'reports/monthly': 'reports',
    'patrol/rounds/scans': 'patrol/scans',
  };

  /**
   * Makes one record per create route in each estate from the same base bodies the variants start
   * from (two passes, for routes that need another's record), so path ids and id fields point at
   * real rows: estate A's for the base, estate B's for the cross-estate variants.
   */
  const unseeded: string[] = [];
  async function seedRecords(): Promise<string[]> {
    const seeded: string[] = [];
    for (let pass = 0; pass < 2; pass++)
      for (const [path, operations] of Object.entries(document.paths)) {
        const operation = operations.post;
        const schema = operation?.requestBody?.content['application/json']?.schema;
        if (!schema || path.startsWith('/api/v1/auth')) continue;
        if (
          path.includes('{') &&
          !Object.keys(STORE_ALIASES).includes(path.replace('/api/v1/', '').replace(/\/\{\w+\}/g, ''))
        )
          continue;
        const store =
          STORE_ALIASES[path.replace('/api/v1/', '').replace(/\/\{\w+\}/g, '')] ??
          path.replace('/api/v1/', '').replace(/\/\{\w+\}/g, '');
        for (const estate of ['A', 'B'] as const) {
          if (
            records[estate].has(store) &&
            !['estates', 'buildings', 'units', 'residents', 'users'].includes(store)
          )
            continue;
          if (['estates', 'users'].includes(store)) continue;
          const user = await actorFor('post', path, operation, estate);
          const url = path.replace(/\{(\w+)\}/g, (_, name: string) => idFor(name, estate, path));
          const response = await http
            .post(url)
            .set(user.auth)
            .set('Idempotency-Key', randomUUID())
            .send({ ...baseBody(schema, estate), ...BASE_EXTRAS[path] });
          if (response.status < 300 && response.body?.id) {
            records[estate].set(store, response.body.id);
            seeded.push(`${estate} ${store}`);
          } else if (pass === 1)
            unseeded.push(
              `${estate} ${store}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
            );
        }
      }
    return seeded;
  }

  // Targeted tests for what the walk below found (each answered 500 or stored bad data before).
  describe('regressions found by the walk', () => {
    it('refuses null for a NOT NULL field on update (was 500)', async () => {
      const manager = await actor('manager', 'A');
      const building = records.A.get('buildings')!;
      const response = await http
        .patch(`/api/v1/buildings/${building}`)
        .set(manager.auth)
        .send({ name: null });
      expect(response.status).toBe(400);
      expect(response.body.details.errors.join(' ')).toMatch(/name must not be null/);
    });

    it('refuses period 0000-01 (was 500 on the scorecard, fee collection and summaries)', async () => {
      const manager = await actor('manager', 'A');
      for (const url of [
        `/api/v1/kpi/scorecard?estateId=${estateA.id}&period=0000-01`,
        `/api/v1/fees/collection?estateId=${estateA.id}&period=0000-01`,
        `/api/v1/complaints/summary?estateId=${estateA.id}&period=0000-01`,
      ]) {
        const response = await http.get(url).set(manager.auth);
        expect([url, response.status, response.body.code]).toEqual([url, 400, 'VALIDATION_FAILED']);
      }
    });

    it('refuses a work order naming another estate’s asset or a made-up one, and writes nothing', async () => {
      const admin = await actor('admin', 'A');
      await http
        .post('/api/v1/asset-categories')
        .set(admin.auth)
        .send({ estateId: estateB.id, code: 'regression_pump', name: '水泵' })
        .expect(201);
      const assetOfB = await http
        .post('/api/v1/assets')
        .set(admin.auth)
        .send({
          estateId: estateB.id,
          code: 'REG-PUMP-1',
          name: '水泵',
          categoryCode: 'regression_pump',
          measure: 1,
          measureUnit: 'count',
        })
        .expect(201);
      const manager = await actor('manager', 'A');
      const before = await counts();
      for (const assetId of [assetOfB.body.id, randomUUID()]) {
        const response = await http.post('/api/v1/work-orders').set(manager.auth).send({
          estateId: estateA.id,
          assetId,
          category: 'plumbing',
          priority: 'routine',
          channel: 'phone',
          description: '水泵异响',
        });
        expect([response.status, response.body.code]).toEqual([422, 'ASSET_NOT_FOUND']);
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses "version": true (was read as 1) and a body with a __proto__ key', async () => {
      const manager = await actor('manager', 'A');
      const order = await http.post('/api/v1/work-orders').set(manager.auth).send({
        estateId: estateA.id,
        locationText: '大堂',
        category: 'plumbing',
        priority: 'routine',
        channel: 'phone',
        description: '漏水',
      });
      expect(order.status).toBe(201);
      const version = await http
        .post(`/api/v1/work-orders/${order.body.id}/cancel`)
        .set(manager.auth)
        .send({ version: true, reason: '重复' });
      expect(version.status).toBe(400);
      const proto = await http
        .post('/api/v1/buildings')
        .set(manager.auth)
        .set('Content-Type', 'application/json')
        .send(`{"estateId":"${estateA.id}","number":"P1","__proto__":{"isAdmin":true}}`);
      // well-formed JSON, refused for the key, which the message names (not "not valid JSON")
      expect([proto.status, proto.body.code, proto.body.details]).toEqual([
        400,
        'BODY_KEY_NOT_ALLOWED',
        { key: '__proto__' },
      ]);
      expect(proto.body.message).toContain('"__proto__"');
      const broken = await http
        .post('/api/v1/buildings')
        .set(manager.auth)
        .set('Content-Type', 'application/json')
        .send(`{"estateId":"${estateA.id}",`);
      expect([broken.status, broken.body.code]).toEqual([400, 'MALFORMED_JSON']);
    });

    it('refuses a plan without its recurrence (was 500) and settings sections given as arrays', async () => {
      const manager = await actor('manager', 'A');
      const plan = await http
        .post('/api/v1/inspection-plans')
        .set(manager.auth)
        .send({
          estateId: estateA.id,
          name: '电梯月检',
          categoryCode: 'regression_lift',
          checklist: [{ label: '运行平稳' }],
          startDate: '2026-10-01',
        });
      expect([plan.status, plan.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const admin = await actor('admin', 'A');
      const settings = await http
        .patch(`/api/v1/estates/${estateA.id}`)
        .set(admin.auth)
        .send({ settings: { sla: [] } });
      expect(settings.status).toBe(400);
    });
  });

  it('walks every route in the OpenAPI document with hostile input: 4xx with the error shape, never 5xx, nothing written', async () => {
    const started = Date.now();
    const seeded = await seedRecords();
    console.log(`not seeded:\n${unseeded.join('\n')}`);
    if (process.env.HOSTILE_SEED_ONLY) return;
    let cases = 0;
    const perOperation: string[] = [];
    const walked: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        const hasInput = Boolean(operation.requestBody) || (operation.parameters ?? []).length > 0;
        if (!hasInput) continue;
        const user = await actorFor(method, path, operation);
        const variants = variantsFor(path, method, operation, user.user.role);
        if (!variants.length) failures.push(`${name}: no hostile case generated`);
        walked.push(name);
        await settle();
        const before = await counts();
        for (const variant of variants.filter((v) => !v.mayWrite)) {
          const response = await send(method, path, variant, user);
          cases++;
          check(name, variant, response, false);
        }
        const after = await counts();
        const written = Object.keys(after).filter((table) => after[table] !== before[table]);
        if (written.length)
          failures.push(
            `${name}: refused variants wrote to ${written.map((table) => `${table} (${before[table]}→${after[table]})`).join(', ')}`,
          );
        for (const variant of variants.filter((v) => v.mayWrite)) {
          const response = await send(method, path, variant, user);
          cases++;
          check(name, variant, response, true);
        }
        perOperation.push(`${name}: ${variants.length}`);
      }
    }
    console.log(
      `hostile input: ${walked.length} operations, ${cases} requests in ${Math.round((Date.now() - started) / 1000)} s; seeded ${seeded.join(', ')}`,
    );
    expect(failures).toEqual([]);
    expect(walked.length).toBeGreaterThanOrEqual(150);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 900_000);

  function check(name: string, variant: Variant, response: request.Response, mayWrite: boolean): void {
    const where = `${name} [${variant.label.slice(0, 80)}]`;
    const status = response.status;
    if (status === 0 || status >= 500) {
      failures.push(`${where}: ${status} ${JSON.stringify(response.body).slice(0, 200)}`);
      return;
    }
    if (status >= 200 && status < 300) {
      if (!mayWrite) failures.push(`${where}: accepted with ${status}`);
      else if (
        variant.echo &&
        response.body &&
        typeof response.body === 'object' &&
        variant.echo.field in response.body
      ) {
        const stored = (response.body as Record<string, unknown>)[variant.echo.field];
        // Verbatim up to the documented normalisation of codes and tags (upper-cased); the route may
        // answer with the parent record (an incident and its actions), so anywhere in the body counts.
        const text = JSON.stringify(response.body).toLowerCase();
        const wanted = JSON.stringify(variant.echo.value).toLowerCase().slice(1, -1);
        if (stored !== null && !text.includes(wanted))
          failures.push(`${where}: stored ${JSON.stringify(stored)} instead of the input`);
      }
      return;
    }
    if (status < 400) {
      failures.push(`${where}: ${status}`);
      return;
    }
    if (typeof response.body?.code !== 'string' || typeof response.body?.message !== 'string')
      failures.push(
        `${where}: ${status} without the error shape: ${JSON.stringify(response.body).slice(0, 120)}`,
      );
  }
});
