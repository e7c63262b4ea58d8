import { ApiProperty } from '@nestjs/swagger';
import { LANGUAGES, ROLES } from '@excon/domain';
import type { User } from '@excon/persistence';
import type * as contract from '@excon/contracts';

/** A user as the API shows it: never a password or a hash. */
export class UserView implements contract.UserView {
  /**
   * @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"
   */
  id!: string;

  /**
   * @example "op.minsk"
   */
  username!: string;

  /**
   * @example "Duty officer, Minsk"
   */
  displayName!: string;

  /**
   * @example "operator"
   */
  @ApiProperty({ enum: ROLES })
  role!: contract.UserView['role'];

  /**
   * The operator's command post; null for every other role.
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  commandPostId!: string | null;

  /**
   * The user's interface language.
   * @example "ru"
   */
  @ApiProperty({ enum: LANGUAGES })
  language!: contract.UserView['language'];

  /**
   * False: the user cannot log in.
   */
  active!: boolean;

  /**
   * True after an admin's reset: the user must choose a new password before anything else.
   */
  mustChangePassword!: boolean;
}

/** The only way a user leaves the server: no password, no hash. */
export function toUserView(user: User): contract.UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    commandPostId: user.commandPost?.id ?? null,
    language: user.language,
    active: user.active,
    mustChangePassword: user.mustChangePassword,
  };
}
