import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The 49,233 most common passwords of public breach corpora, as zxcvbn-ts ships them (@zxcvbn-ts/language-common,
 * MIT), lower-cased. Loaded once, on the first check.
 */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  return common;
}

/**
 * NIST SP 800-63B §5.1.1.2 for a password a person chooses: at least 12 characters (counted as code points), at
 * most 128, not on the list of common passwords, not the username or the product's name with a few characters
 * around it. No composition rules (no "a digit and a capital"), no expiry.
 * Null when the password is acceptable, otherwise why not (for the `newPassword`/`password` field's message).
 */
export function passwordProblem(password: string, username = ''): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'is one of the most common passwords; choose another';
  const stripped = lower.replace(/[^\p{L}\p{N}]+/gu, '');
  const context = ['excon', username.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')].filter((word) => word.length >= 3);
  for (const word of context) {
    // The word with at most a few characters added is as guessable as the word.
    if (stripped.includes(word) && stripped.length - word.length < 6) return 'is too close to the username or the product’s name';
  }
  if (/^(.)\1+$/u.test(password)) return 'is one character repeated';
  return null;
}
