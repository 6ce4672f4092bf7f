import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  IsInstant,
  IsLocalDate,
  IsPeriod,
  IsWholeNumber,
  Nullable,
  Optional,
  parseInstant,
} from './validators';

class Sample {
  @IsPeriod({ optional: true }) period?: string;
  @IsLocalDate({ optional: true }) date?: string;
  @IsInstant({ optional: true }) at?: Date;
  @Optional() note?: string;
  @Nullable() cleared?: string | null;
  @IsWholeNumber({ optional: true, min: 1 }) version?: number;
}

function errorsOf(plain: Record<string, unknown>): string[] {
  return validateSync(plainToInstance(Sample, plain)).map((error) => error.property);
}

describe('shared validators', () => {
  it('accepts periods, dates and instants in years 1900–2999', () => {
    expect(errorsOf({ period: '1900-01', date: '2999-12-31', at: '2026-10-15T02:00:00Z' })).toEqual([]);
  });

  // Found by test/e2e/hostile-input: `period=0000-01` passed the YYYY-MM pattern and made the KPI
  // scorecard, fee collection, safety and complaint summaries answer 500 (year 0 - 11 months is not
  // a YYYY-MM period any more); year-0001 dates and instants are outside MySQL's DATE/DATETIME range.
  it('refuses years outside 1900–2999 with a message, not a 500 further down', () => {
    expect(errorsOf({ period: '0000-01' })).toEqual(['period']);
    expect(errorsOf({ period: '3000-01' })).toEqual(['period']);
    expect(errorsOf({ date: '0001-01-01' })).toEqual(['date']);
    expect(errorsOf({ at: '0001-01-01T00:00:00Z' })).toEqual(['at']);
    expect(errorsOf({ at: '9999-12-31T23:59:59Z' })).toEqual(['at']);
  });

  // Found by test/e2e/hostile-input: PATCH bodies with `"name": null` passed @IsOptional() and hit
  // NOT NULL columns (500).
  // Found by test/e2e/hostile-input: `"version": true` became 1 through @Type(() => Number) and
  // was accepted; so were `?page=0x10` (16) and `?page=1e1` (10).
  it('IsWholeNumber converts digit strings (query strings) but nothing else', () => {
    expect(errorsOf({ version: '12' })).toEqual([]);
    expect(plainToInstance(Sample, { version: '12' }).version).toBe(12);
    expect(errorsOf({ version: 3 })).toEqual([]);
    for (const value of [true, '0x10', '1e1', '1.5', '', [2], { n: 1 }])
      expect(errorsOf({ version: value })).toEqual(['version']);
  });

  it('Optional lets a field be left out but refuses null; Nullable accepts null too', () => {
    expect(errorsOf({})).toEqual([]);
    expect(errorsOf({ note: null })).toEqual(['note']);
    expect(errorsOf({ note: 'x' })).toEqual([]);
    expect(errorsOf({ cleared: null })).toEqual([]);
    expect(errorsOf({ at: null })).toEqual(['at']);
  });

  // Issue #22 finding 10: new Date('2026-02-30T00:00:00Z') is 2 March — complaints were stored so.
  it('IsInstant refuses instants that do not exist instead of rolling them over', () => {
    for (const impossible of [
      '2026-02-30T00:00:00Z',
      '2026-02-29T12:00:00Z',
      '2026-04-31T10:00:00+08:00',
      '2026-13-01T00:00:00Z',
      '2026-10-00T00:00:00Z',
      '2026-10-31T24:00:00Z',
      '2026-10-31T23:60:00Z',
      '2026-10-31T23:59:60Z',
      '2026-10-31T10:00:00+15:00',
      '2026-10-31T10:00:00+08:60',
    ])
      expect([impossible, errorsOf({ at: impossible })]).toEqual([impossible, ['at']]);
    expect(errorsOf({ at: '2028-02-29T23:59:59.999+08:00' })).toEqual([]);
    expect(parseInstant('2026-10-31T15:30:00+08:00')?.toISOString()).toBe('2026-10-31T07:30:00.000Z');
    expect(parseInstant('2026-10-31T15:30Z')?.toISOString()).toBe('2026-10-31T15:30:00.000Z');
  });
});
