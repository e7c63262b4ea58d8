import fc from 'fast-check';
import { PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy';

describe('passwordProblem (NIST 800-63B)', () => {
  it('accepts a long passphrase without composition rules', () => {
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('все лошади едят овёс')).toBeNull();
    expect(passwordProblem('alllowercaseletters')).toBeNull();
  });

  it('refuses fewer than 12 characters, counting code points', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
    // 12 emoji are 24 UTF-16 units but 12 characters.
    expect(passwordProblem('🚒🚑🚓🚒🚑🚓🚒🚑🚓🚒🚑🚓')).toBeNull();
    expect(passwordProblem('🚒🚑🚓🚒🚑🚓🚒🚑🚓🚒🚑')).toMatch(/at least 12/);
  });

  it('refuses common passwords of 12 characters or more, whatever their case', () => {
    for (const common of ['qwerty123456', '1qaz2wsx3edc', 'Password1234', 'QWERTYUIOP12']) expect(passwordProblem(common)).toMatch(/common/);
  });

  it('refuses the username or the product name with a few characters around it', () => {
    expect(passwordProblem('op.minsk-2026!', 'op.minsk')).toMatch(/username/);
    expect(passwordProblem('ExCon-ExCon-1', 'admin')).toBeNull();
    expect(passwordProblem('excon2026!!!', 'admin')).toMatch(/product/);
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/repeated/);
  });

  it('never accepts anything shorter than the minimum, and always answers', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ maxLength: 64 }), (password, username) => {
        const problem = passwordProblem(password, username);
        if ([...password].length < PASSWORD_MIN_LENGTH) expect(problem).not.toBeNull();
        expect(problem === null || typeof problem === 'string').toBe(true);
      }),
    );
  });
});
