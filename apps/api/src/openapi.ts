import type { INestApplication, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IS_PUBLIC, ROLES, ROLES_KEY, type Role } from '@estate/auth';
import { LABELS, type LabelDomain } from '@estate/labels';
import { API_ERRORS_KEY, type ApiErrorCodes, type ApiErrorStatus, mergeApiErrors } from '@estate/shared';

/** The schema every error response points at (`ErrorResponse` in @estate/shared). */
export const ERROR_SCHEMA = 'ErrorResponse';

const REASONS: Record<ApiErrorStatus, string> = {
  400: 'Bad request: the input is malformed or breaks a rule',
  401: 'Not signed in, or the token is invalid, expired or revoked',
  403: 'Not allowed: the caller lacks the role or may not see the estate',
  404: 'Not found, or in an estate the caller cannot see',
  408: 'The request took too long to arrive',
  409: 'Conflicts with the record as it is now (state, version or a duplicate)',
  413: 'The body or upload is larger than allowed',
  415: 'Unsupported file or media type',
  422: 'Well-formed but cannot be processed (a business rule, a bad import row, a closed month)',
  429: 'Too many requests: slow down and retry later',
  503: 'Temporarily unavailable: retry shortly',
};

/** What a handler declares, read from its metadata exactly as the guards read it. */
interface HandlerDocs {
  isPublic: boolean;
  /** The roles `@Roles` lets in; undefined = any signed-in user. */
  roles?: readonly Role[];
  errors: ApiErrorCodes;
}

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'options' | 'head' | 'trace';
const METHODS: HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/**
 * Every route handler of the app by its OpenAPI operationId (`<Controller>_<method>`, the swagger
 * module's default), with its roles, `@Public` and `@ApiErrors` — method level over class level,
 * as `RolesGuard` and `AuthenticationGuard` resolve them (`getAllAndOverride`).
 */
function handlerDocs(app: INestApplication): Map<string, HandlerDocs> {
  const scanner = new MetadataScanner();
  const handlers = new Map<string, HandlerDocs>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | undefined;
      if (!controller?.prototype) continue;
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = controller.prototype[name] as object;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const read = <T>(key: string): T | undefined =>
          (Reflect.getMetadata(key, handler) as T | undefined) ??
          (Reflect.getMetadata(key, controller) as T | undefined);
        const roles = read<Role[]>(ROLES_KEY);
        handlers.set(`${controller.name}_${name}`, {
          isPublic: read<boolean>(IS_PUBLIC) === true,
          roles: roles?.length ? roles : undefined,
          errors: mergeApiErrors(
            Reflect.getMetadata(API_ERRORS_KEY, controller) as ApiErrorCodes | undefined,
            Reflect.getMetadata(API_ERRORS_KEY, handler) as ApiErrorCodes | undefined,
          ),
        });
      }
    }
  }
  return handlers;
}

/** The errors every operation of its kind can answer, whatever its handler does. */
function commonErrors(operation: OperationObject, docs: HandlerDocs): ApiErrorCodes {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const hasBody = operation.requestBody !== undefined;
  const multipart =
    hasBody && 'content' in operation.requestBody! && 'multipart/form-data' in operation.requestBody.content;
  const common: ApiErrorCodes = {};
  const badRequest: string[] = [];
  if (parameters.some((parameter) => parameter.in === 'path')) badRequest.push('BAD_REQUEST');
  if (hasBody || parameters.some((parameter) => parameter.in === 'query'))
    badRequest.push('VALIDATION_FAILED');
  if (hasBody && !multipart) badRequest.push('MALFORMED_JSON', 'BODY_KEY_NOT_ALLOWED');
  if (badRequest.length) common[400] = badRequest;
  if (!docs.isPublic) {
    common[401] = ['AUTHENTICATION_REQUIRED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_REVOKED'];
    if (docs.roles) common[403] = ['ROLE_FORBIDDEN'];
  }
  if (hasBody) common[413] = ['PAYLOAD_TOO_LARGE'];
  return common;
}

function rolesLine(docs: HandlerDocs): string {
  if (docs.isPublic) return 'Roles: public (no sign-in needed).';
  if (!docs.roles) return 'Roles: any signed-in user.';
  return `Roles: ${docs.roles.join(', ')}.`;
}

function writeErrors(operation: OperationObject, errors: ApiErrorCodes): void {
  const responses = operation.responses as Record<string, ResponseObject>;
  const statuses = (Object.keys(errors).map(Number) as ApiErrorStatus[]).sort((a, b) => a - b);
  for (const status of statuses) {
    const codes = errors[status] ?? [];
    const existing = responses[String(status)];
    const lead = (existing?.description ?? REASONS[status]).replace(/\.\s*$/, '');
    const list = codes.length ? ` Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.` : '';
    responses[String(status)] = {
      ...existing,
      description: `${lead}.${list}`,
      content: existing?.content ?? {
        'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` } },
      },
    };
  }
  (operation as OperationObject & { 'x-error-codes'?: unknown })['x-error-codes'] = Object.fromEntries(
    statuses.map((status) => [String(status), errors[status] ?? []]),
  );
}

// ---- enums ----

const DOMAINS = Object.entries(LABELS) as [LabelDomain, Record<string, { zh: string; en: string }>][];

function words(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/**
 * The label domain that names every value of an enum: the smallest domain holding all of them;
 * among equals, the one sharing most words with where the enum sits (`AcceptWorkOrderRequest.result`
 * → `acceptanceResult`, not `cleaningResult`).
 */
function domainFor(values: readonly string[], context: string): LabelDomain | undefined {
  const candidates = DOMAINS.filter(([, table]) => values.every((value) => Object.hasOwn(table, value)));
  if (!candidates.length) return undefined;
  const contextWords = words(context);
  const score = ([domain, table]: (typeof DOMAINS)[number]) => {
    const shared = words(domain).filter((word) =>
      contextWords.some((other) => other.startsWith(word.slice(0, 5)) || word.startsWith(other.slice(0, 5))),
    ).length;
    return shared * 1000 - Object.keys(table).length;
  };
  return candidates.sort((a, b) => score(b) - score(a))[0][0];
}

function describeEnum(
  holder: { description?: string },
  values: readonly unknown[] | undefined,
  context: string,
): void {
  // Values the description explains already (`enumDescription`, or extras such as `unrecorded`) stay.
  const strings = (values ?? []).map(String).filter((value) => !holder.description?.includes(`\`${value}\``));
  if (!strings.length) return;
  const domain = domainFor(strings, context);
  if (!domain) return; // the OpenAPI test names the enum: describe it with enumDescription
  const table = LABELS[domain] as Record<string, { zh: string; en: string }>;
  const list = strings.map((value) => `- \`${value}\` — ${table[value].en} (${table[value].zh})`).join('\n');
  holder.description = holder.description ? `${holder.description}\n\n${list}` : list;
}

function walkSchema(schema: SchemaObject | ReferenceObject | undefined, context: string): void {
  if (!schema || '$ref' in schema) return;
  if (schema.enum) describeEnum(schema, schema.enum, context);
  const items = schema.items as SchemaObject | ReferenceObject | undefined;
  if (items && !('$ref' in items) && items.enum) {
    // An array of enum values: the property says what the values mean.
    describeEnum(schema, items.enum, context);
  } else walkSchema(items, context);
  for (const [name, property] of Object.entries(schema.properties ?? {}))
    walkSchema(property, `${context} ${name}`);
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])])
    walkSchema(part, context);
}

function describeParameterEnum(parameter: ParameterObject, context: string): void {
  const schema = parameter.schema as SchemaObject | undefined;
  if (!schema || '$ref' in schema) return;
  const values = schema.enum ?? (schema.items as SchemaObject | undefined)?.enum;
  describeEnum(parameter, values, `${context} ${parameter.name}`);
}

/**
 * Finishes the OpenAPI document (docs/api.md "How operations are documented"): for every operation
 * the roles that may call it (a "Roles: …" line after its description and `x-roles`; `x-public` for
 * `@Public`), its error responses — the handler's `@ApiErrors` codes plus the common ones — with the
 * `ErrorResponse` schema and their codes (`x-error-codes`), and for every enum whose values are codes
 * of a label domain the meaning of each value (English, then Chinese).
 */
export function enrichOpenApi(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const handlers = handlerDocs(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      const docs = handlers.get(operation.operationId);
      if (!docs) continue; // the OpenAPI test reports the operation: no roles
      const extended = operation as OperationObject & Record<`x-${string}`, unknown>;
      extended['x-roles'] = docs.isPublic ? [] : [...(docs.roles ?? ROLES)];
      if (docs.isPublic) extended['x-public'] = true;
      operation.description = [operation.description?.trim(), rolesLine(docs)].filter(Boolean).join('\n\n');
      writeErrors(operation, mergeApiErrors(commonErrors(operation, docs), docs.errors));
      for (const parameter of (operation.parameters ?? []) as ParameterObject[])
        describeParameterEnum(parameter, `${operation.operationId} ${path}`);
    }
  }
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) walkSchema(schema, name);
  return document;
}
