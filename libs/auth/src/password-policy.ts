import { UnprocessableError } from '@estate/shared';
import COMMON_PASSWORDS from './common-passwords.json';

/** Below this a password is refused by the DTOs (400); above it by the rules here (422). */
export const PASSWORD_MIN_LENGTH = 8;

export type WeakPasswordReason =
  'common' | 'repeated' | 'sequence' | 'keyboard' | 'contains_username' | 'contains_display_name';

const COMMON = new Set<string>(COMMON_PASSWORDS);

/** Rows of a QWERTY keyboard (and the digit row): `qwertyui`, `asdfghjk`, `09876543` are walks. */
const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** `p@ssw0rd` → `password`: the substitutions everyone makes. */
const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};

const MESSAGES: Record<WeakPasswordReason, string> = {
  common: 'is one of the most common passwords (or one with a few digits or symbols added)',
  repeated: 'repeats one character or a short group of characters',
  sequence: 'is a run of consecutive letters or digits',
  keyboard: 'is a walk along a row of the keyboard',
  contains_username: 'contains the username',
  contains_display_name: 'contains the name of the person',
};

/** The core of `Monkey2024!`: without the digits and symbols at its ends, lower-case. */
function core(password: string): string {
  return password.toLowerCase().replace(/^[^a-z\u0080-\uffff]+|[^a-z\u0080-\uffff]+$/g, '');
}

function isRun(text: string, step: number): boolean {
  for (let index = 1; index < text.length; index++)
    if (text.charCodeAt(index) - text.charCodeAt(index - 1) !== step) return false;
  return true;
}

function isKeyboardWalk(text: string): boolean {
  return KEYBOARD_ROWS.some((row) => row.includes(text) || [...row].reverse().join('').includes(text));
}

/**
 * Why this password is too easy to guess, or null when it is not: one of the few thousand most
 * common passwords (libs/auth/src/common-passwords.json, compared lower-case, also with the
 * digits and symbols at its ends taken off and with leetspeak undone), all one character or one short
 * group repeated (`aaaaaaaa`, `abcabcabc`), a run (`12345678`, `abcdefgh`, `87654321`), a keyboard
 * row (`qwertyui`), or containing the username or the person's name.
 */
export function weakPasswordReason(
  password: string,
  person: { username?: string | null; displayName?: string | null } = {},
): WeakPasswordReason | null {
  const lower = password.toLowerCase();
  if (/^(.{1,4})\1+$/su.test(lower)) return 'repeated';
  if (isRun(lower, 1) || isRun(lower, -1)) return 'sequence';
  if (isKeyboardWalk(lower)) return 'keyboard';
  const stripped = core(password);
  const unLeet = (text: string) => [...text].map((character) => LEET[character] ?? character).join('');
  const strippedUnLeet = unLeet(stripped);
  if (
    COMMON.has(lower) ||
    COMMON.has(unLeet(lower)) ||
    (stripped.length >= 4 && (COMMON.has(stripped) || COMMON.has(strippedUnLeet))) ||
    (strippedUnLeet.length >= 4 && COMMON.has(core(strippedUnLeet)))
  )
    return 'common';
  const username = person.username?.trim().toLowerCase();
  if (
    username &&
    username.length >= 3 &&
    (lower.includes(username) || (stripped.length >= 4 && username.includes(stripped)))
  )
    return 'contains_username';
  const name = (person.displayName ?? '').trim().toLowerCase();
  const nameParts = [name.replace(/\s+/g, ''), ...name.split(/\s+/)].filter((part) => part.length >= 3);
  const compact = lower.replace(/\s+/g, '');
  if (nameParts.some((part) => compact.includes(part))) return 'contains_display_name';
  return null;
}

/** Throws 422 `PASSWORD_TOO_WEAK` (`details.reason`, `details.field`) when the password is too easy. */
export function assertPasswordStrong(
  password: string,
  person: { username?: string | null; displayName?: string | null },
  field = 'password',
): void {
  const reason = weakPasswordReason(password, person);
  if (reason)
    throw new UnprocessableError(
      'PASSWORD_TOO_WEAK',
      `The ${field === 'password' ? 'password' : 'new password'} ${MESSAGES[reason]}: choose a longer phrase of unrelated words`,
      { field, reason },
    );
}
