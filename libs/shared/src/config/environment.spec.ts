import { ConfigurationError, validateEnvironment } from './environment';

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
});
