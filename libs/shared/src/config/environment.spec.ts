import { ConfigurationError, demoSeedWanted, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('fills defaults for the embedded mode', () => {
    const config = validateEnvironment({});
    expect(config.PORT).toBe(3000);
    expect(config.SQLITE_PATH).toBe('./data/estate-ops.sqlite');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.SCHEDULER_ENABLED).toBe(true);
  });

  it('refuses bad values with a message naming them', () => {
    expect(() => validateEnvironment({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => validateEnvironment({ DATABASE_URL: 'postgres://x' })).toThrow(
      /DATABASE_URL must look like mysql/,
    );
    expect(() => validateEnvironment({ LOG_LEVEL: 'loud' })).toThrow(ConfigurationError);
    expect(() => validateEnvironment({ SCHEDULER_ENABLED: 'maybe' })).toThrow(/SCHEDULER_ENABLED/);
  });

  it('seeds the demo for the demo only: embedded and not production, or asked for by name', () => {
    const wanted = (raw: Record<string, string>) => demoSeedWanted(validateEnvironment(raw));
    expect(wanted({})).toBe(true);
    expect(wanted({ NODE_ENV: 'production' })).toBe(false);
    const mysql = { DATABASE_URL: 'mysql://u:p@h:3306/d', JWT_SECRET: 'x'.repeat(32) };
    expect(wanted(mysql)).toBe(false);
    expect(wanted({ NODE_ENV: 'production', DEMO_SEED: 'on' })).toBe(true);
    expect(wanted({ NODE_ENV: 'production', DEMO_SEED: '1' })).toBe(true);
    expect(wanted({ ...mysql, DEMO_SEED: 'true' })).toBe(true);
    expect(wanted({ DEMO_SEED: 'off' })).toBe(false);
    expect(wanted({ DEMO_SEED: '0' })).toBe(false);
    expect(() => validateEnvironment({ DEMO_SEED: 'sometimes' })).toThrow(/DEMO_SEED must be auto, on/);
  });

  it('requires a JWT secret with MySQL', () => {
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/estate' })).toThrow(
      /JWT_SECRET is required/,
    );
    const config = validateEnvironment({
      DATABASE_URL: 'mysql://root@127.0.0.1:3306/estate',
      JWT_SECRET: 'x'.repeat(32),
      PORT: '8080',
    });
    expect(config.PORT).toBe(8080);
  });

  it('reads the server time limits, each bounded, headers within the request limit', () => {
    const defaults = validateEnvironment({});
    expect([
      defaults.REQUEST_TIMEOUT_MS,
      defaults.HEADERS_TIMEOUT_MS,
      defaults.KEEP_ALIVE_TIMEOUT_MS,
    ]).toEqual([30000, undefined, 65000]);
    const set = validateEnvironment({
      REQUEST_TIMEOUT_MS: '10000',
      HEADERS_TIMEOUT_MS: '5000',
      KEEP_ALIVE_TIMEOUT_MS: '2000',
    });
    expect([set.REQUEST_TIMEOUT_MS, set.HEADERS_TIMEOUT_MS, set.KEEP_ALIVE_TIMEOUT_MS]).toEqual([
      10000, 5000, 2000,
    ]);
    expect(() => validateEnvironment({ REQUEST_TIMEOUT_MS: '10' })).toThrow(/REQUEST_TIMEOUT_MS/);
    expect(() => validateEnvironment({ KEEP_ALIVE_TIMEOUT_MS: 'forever' })).toThrow(/KEEP_ALIVE_TIMEOUT_MS/);
    expect(() => validateEnvironment({ REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '6000' })).toThrow(
      /HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS/,
    );
  });
});
