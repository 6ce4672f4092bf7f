import { applyDecorators } from '@nestjs/common';
import { enumDescription } from '../http/api-docs';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
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
  optional?: boolean;
  /** with `optional`: the field may be left out, but `null` is refused (a NOT NULL column behind it) */
  notNull?: boolean;
  description?: string;
  example?: unknown;
}

function documented(options: FieldOptions & Record<string, unknown>) {
  const { optional, notNull: _notNull, ...rest } = options;
  return optional ? ApiPropertyOptional(rest) : ApiProperty(rest);
}

function optionality(optional?: boolean, notNull?: boolean) {
  if (!optional) return [];
  return notNull ? [IsOptionalNotNull()] : [IsOptional()];
}

/**
 * Like `@IsOptional()` but only for a missing field: `null` is refused with a 400. For update
 * fields whose column is NOT NULL — `@IsOptional()` lets `"name": null` through to the database.
 */
export function IsOptionalNotNull() {
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    NotEquals(null, { message: '$property must not be null (leave it out to keep the current value)' }),
  );
}

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
    ...optionality(options.optional, options.notNull),
    Matches(UUID_PATTERN, { message: '$property must be a UUID' }),
  );
}

/** `YYYY-MM`, a calendar month in the estate's time zone. */
export function IsPeriod(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ example: '2026-10', ...options, type: String, pattern: PERIOD_PATTERN.source }),
    ...optionality(options.optional, options.notNull),
    Matches(PERIOD_PATTERN, { message: '$property must be a month written YYYY-MM' }),
    InYearRange(),
  );
}

/** `YYYY-MM-DD`, a calendar date in the estate's time zone. */
export function IsLocalDate(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ example: '2026-10-15', ...options, type: String, format: 'date' }),
    ...optionality(options.optional, options.notNull),
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

/** An instant in ISO 8601 with an offset or `Z` (`2026-10-31T15:30:00Z`), turned into a `Date`. */
export function IsInstant(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ example: '2026-10-31T15:30:00.000Z', ...options, type: String, format: 'date-time' }),
    ...optionality(options.optional, options.notNull),
    Transform(({ value }) => {
      if (typeof value !== 'string') return value;
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
        return value;
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? value : parsed;
    }),
    IsDate({ message: '$property must be an ISO 8601 instant with a time zone, e.g. 2026-10-31T15:30:00Z' }),
    InYearRange(),
  );
}

/** An IANA time zone such as `Asia/Shanghai`. */
export function IsTimeZone(options: FieldOptions = {}) {
  return applyDecorators(
    documented({ example: 'Asia/Shanghai', ...options, type: String }),
    ...optionality(options.optional, options.notNull),
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
    ...optionality(options.optional, options.notNull),
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
    ...optionality(options.optional, options.notNull),
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
    ...optionality(options.optional, options.notNull),
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
    IsOptionalNotNull(),
    IsIn(LABEL_LOCALES),
  );
}
