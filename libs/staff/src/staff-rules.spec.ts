import { isActiveOn, isCertificateValidOn, trainingWindow } from './staff-rules';

describe('staff rules', () => {
  it('counts a certificate valid from its issue date to its expiry date, both included', () => {
    const certificate = { issuedAt: '2024-01-10', expiresAt: '2026-10-31' };
    expect(isCertificateValidOn(certificate, '2024-01-09')).toBe(false);
    expect(isCertificateValidOn(certificate, '2024-01-10')).toBe(true);
    expect(isCertificateValidOn(certificate, '2026-10-30')).toBe(true);
    expect(isCertificateValidOn(certificate, '2026-10-31')).toBe(true); // expiring on period end counts
    expect(isCertificateValidOn(certificate, '2026-11-01')).toBe(false);
  });

  it('treats employment as hiredAt inclusive and leftAt exclusive', () => {
    expect(isActiveOn({ hiredAt: '2026-10-31', leftAt: null }, '2026-10-31')).toBe(true);
    expect(isActiveOn({ hiredAt: '2026-11-01', leftAt: null }, '2026-10-31')).toBe(false);
    expect(isActiveOn({ hiredAt: '2020-01-01', leftAt: '2026-10-31' }, '2026-10-31')).toBe(false);
    expect(isActiveOn({ hiredAt: '2020-01-01', leftAt: '2026-11-01' }, '2026-10-31')).toBe(true);
  });

  it('takes the twelve months up to the as-of date', () => {
    expect(trainingWindow('2026-10-31')).toEqual({ from: '2025-11-01', to: '2026-10-31' });
    expect(trainingWindow('2026-02-28')).toEqual({ from: '2025-03-01', to: '2026-02-28' });
    expect(trainingWindow('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
  });
});
