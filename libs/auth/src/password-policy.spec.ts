import { weakPasswordReason } from './password-policy';

describe('password policy', () => {
  it('lets through passphrases and random passwords', () => {
    for (const password of [
      'copper-kettle-harbour',
      'lantern orchard seventeen',
      'Tq7#vR2!mZ9p',
      'factory-password-1',
      '滨江路十七号的银杏树',
      'summer-garden-77',
    ])
      expect([
        password,
        weakPasswordReason(password, { username: 'li.manager', displayName: 'Li Ming' }),
      ]).toEqual([password, null]);
  });

  it('names why a password is weak', () => {
    expect(weakPasswordReason('11111111')).toBe('repeated');
    expect(weakPasswordReason('zyxwvuts')).toBe('sequence');
    expect(weakPasswordReason('lkjhgfdsa')).toBe('keyboard');
    expect(weakPasswordReason('Monkey2024!')).toBe('common');
    expect(weakPasswordReason('adm1n123')).toBe('common');
    expect(weakPasswordReason('x-tech1-x-2026', { username: 'TECH1' })).toBe('contains_username');
    expect(weakPasswordReason('王师傅的密码好长', { displayName: '王师傅' })).toBe('contains_display_name');
    // a two-letter name part is too short to count ("Li" is in "reliable")
    expect(weakPasswordReason('reliable-horse-battery', { displayName: 'Li Ming' })).toBeNull();
  });
});
