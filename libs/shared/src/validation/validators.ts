import { applyDecorators } from '@nestjs/common';
import { enumDescription } from '../http/api-docs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  NotEquals,
  ValidateBy,
  ValidateIf,
  ValidationOptions,
  buildMessage,
} from 'class-validator';
import { LABEL_LOCALES } from '@estate/labels';
import { isTimeZone, LOCAL_DATE_PATTERN, PERIOD_PATTERN } from '../time/period';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FieldOptions {
  /** the field may be left out; `null` is still refused (see `Optional()`) */
  optional?: boolean;
  /**
   * the field may be left out or sent as `null` (documented `nullable: true` in the OpenAPI
   * document) — only for fields whose value may be cleared (see `Nullable()`). Implies `optional`.
   */
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

function documented(options: FieldOptions & Record<string, unknown>) {
  const { optional, nullable, ...rest } = options;
  if (nullable) return ApiPropertyOptional({ ...rest, nullable: true });
  return optional ? ApiPropertyOptional(rest) : ApiProperty(rest);
}

function optionality(options: FieldOptions) {
  if (options.nullable) return [Nullable()];
  return options.optional ? [Optional()] : [];
}

/**
 * "May be left out" — the only optionality DTOs use besides `Nullable()` (class-validator's
 * `@IsOptional()` is refused by the lint rule: it lets `null` through too, and `"name": null` or
 * `"floorArea": null` then reached NOT NULL columns as a 500, or a 0). A missing field skips the
 * other validators; `null` is refused with a 400.
 * apps/api/src/null-fields.spec.ts walks every DTO: a property accepts `null` exactly when its OpenAPI
 * schema says `nullable: true`.
 */
export function Optional() {
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    NotEquals(null, { message: '$property must not be null (leave it out to keep the current value)' }),
  );
}

/**
 * "May be left out or sent as `null`" (null clears the value). Declare it in the OpenAPI document
 * too — `@ApiPropertyOptional({ type: String, nullable: true })` — or use a shared decorator with
 * `{ nullable: true }`; apps/api/src/null-fields.spec.ts fails when the two disagree.
 */
export function Nullable() {
  return ValidateIf((_object, value) => value !== undefined && value !== null);
}

/** @deprecated the old name of `Optional()` */
export const IsOptionalNotNull = Optional;

/** Dates, months and instants outside these years are typing mistakes (and outside MySQL's DATETIME). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

function yearInRange(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

function InYearRange() {
  return ValidateBy({
    name: 'isInYearRange',
    validator: {
      validate: (value: unknown) =>
        value instanceof Date
          ? yearInRange(value.getUTCFullYear())
          : typeof value === 'string' && yearInRange(Number(value.slice(0, 4))),
      defaultMessage: buildMessage(
        (prefix) => `${prefix}$property must lie in the years ${MIN_YEAR}–${MAX_YEAR}`,
      ),
    },
  });
}

/** A UUID (our ids are app-generated UUIDv7). Malformed ids are a 400, not a 404. */
export function IsId(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ ...options, type: String, format: 'uuid' }),
    ...optionality(options),
    Matches(UUID_PATTERN, { message: '$property must be a UUID' }),
  );
}

/** `YYYY-MM`, a calendar month in the estate's time zone. */
export function IsPeriod(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ example: '2026-10', ...options, type: String, pattern: PERIOD_PATTERN.source }),
    ...optionality(options),
    Matches(PERIOD_PATTERN, { message: '$property must be a month written YYYY-MM' }),
    InYearRange(),
  );
}

/** `YYYY-MM-DD`, a calendar date in the estate's time zone. */
export function IsLocalDate(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ example: '2026-10-15', ...options, type: String, format: 'date' }),
    ...optionality(options),
    Matches(LOCAL_DATE_PATTERN, { message: '$property must be a date written YYYY-MM-DD' }),
    ValidateBy({
      name: 'isRealDate',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
          new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
        defaultMessage: buildMessage((prefix) => `${prefix}$property is not a real calendar date`),
      },
    }),
    InYearRange(),
  );
}

const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * An ISO 8601 instant with an offset or `Z`, or null when the text is not one — including instants
 * that do not exist on the calendar or the clock: `new Date('2026-02-30T00:00:00Z')` is 2 March (the
 * day rolls over), and `T24:00` is the next day; both are refused here rather than stored shifted.
 */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = INSTANT_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second, , offsetHours, offsetMinutes] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** An instant in ISO 8601 with an offset or `Z` (`2026-10-31T15:30:00Z`), turned into a `Date`. */
export function IsInstant(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ example: '2026-10-31T15:30:00.000Z', ...options, type: String, format: 'date-time' }),
    ...optionality(options),
    Transform(({ value }) => parseInstant(value) ?? value),
    IsDate({
      message:
        '$property must be a real ISO 8601 instant with a time zone, e.g. 2026-10-31T15:30:00Z (no 30 February, no 24:00)',
    }),
    InYearRange(),
  );
}

/** An IANA time zone such as `Asia/Shanghai`. */
export function IsTimeZone(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ example: 'Asia/Shanghai', ...options, type: String }),
    ...optionality(options),
    ValidateBy({
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => isTimeZone(value),
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be an IANA time zone such as Asia/Shanghai`,
        ),
      },
    }),
  );
}

/** An amount of money in integer fen (分). `min` defaults to 1: zero and negative amounts are refused. */
export function IsFen(options: FieldOptions & { min?: number } = {}) {
  const min = options.min ?? 1;
  return applyDecorators(
    documented({
      example: 12345,
      ...options,
      type: Number,
      minimum: min,
      maximum: Number.MAX_SAFE_INTEGER,
      description: options.description ?? 'Integer fen (1 yuan = 100 fen)',
    }),
    ...optionality(options),
    IsInt({ message: '$property must be a whole number of fen' }),
    Min(min),
    Max(Number.MAX_SAFE_INTEGER),
  );
}

/** A trimmed, non-empty text of bounded length. */
export function IsText(options: FieldOptions & { max?: number; min?: number } = {}) {
  const max = options.max ?? 200;
  return applyDecorators(
    documented({ ...options, type: String, maxLength: max }),
    ...optionality(options),
    Transform(({ value }) => (typeof value === 'string' ? value.trim() : value)),
    IsString(),
    MinLength(options.min ?? 1),
    MaxLength(max),
  );
}

/**
 * A whole number within bounds; query strings of digits are converted. Nothing else is: `true`,
 * `"0x10"` or `"1e1"` would become numbers through `Number()` and are refused instead.
 */
export function IsWholeNumber(options: FieldOptions & { min?: number; max?: number } = {}) {
  return applyDecorators(
    documented({ ...options, type: Number, minimum: options.min, maximum: options.max }),
    ...optionality(options),
    Transform(({ value }) =>
      typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value,
    ),
    IsInt(),
    Min(options.min ?? 0),
    Max(options.max ?? 2_147_483_647),
  );
}

/** `?overdue=true` → true; anything but true/false is left for validation to refuse. */
export function ToBoolean() {
  return Transform(({ value }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  );
}

/** `?status=a,b` or `?status=a&status=b` → `['a','b']`. */
export function ToArray() {
  return Transform(({ value }) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : String(value).split(','))
          .map((item) => String(item).trim())
          .filter(Boolean),
  );
}

export type { ValidationOptions };

/**
 * `locale` of an export: `zh-CN` (the default) or `en`, the language of its headers and of every
 * code's label (@estate/labels). Declare it as `@IsExportLocale() locale: LabelLocale = 'zh-CN';`.
 */
export function IsExportLocale() {
  return applyDecorators(
    ApiPropertyOptional({
      enum: LABEL_LOCALES,
      default: 'zh-CN',
      description: enumDescription('Language of the headers and of the labels written for codes', {
        'zh-CN': 'Simplified Chinese (简体中文), the default',
        en: 'English',
      }),
    }),
    Optional(),
    IsIn(LABEL_LOCALES),
  );
}
