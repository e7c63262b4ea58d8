import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '@excon/domain';
import type { ChangePasswordRequest, PasswordResetRequest, UpdateUserRequest } from '@excon/contracts';
import { Omittable } from '../common/validation';
import { PASSWORD_MAX_LENGTH } from '../auth/password-policy';

export class ChangePasswordDto implements ChangePasswordRequest {
  /**
   * @example "the-old-long-password"
   */
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  /**
   * At least 12 characters, not a common password (NIST SP 800-63B); no composition rules.
   * @example "a new long passphrase"
   */
  @IsString()
  newPassword!: string;
}

export class PasswordResetDto implements PasswordResetRequest {
  /**
   * The password the user logs in with once; they must choose their own right after.
   * @example "temporary passphrase 2027"
   */
  @IsString()
  newPassword!: string;
}

/** An admin's change to a user; a change of role, post or `active` ends all of the user's sessions. */
export class UpdateUserDto implements UpdateUserRequest {
  /**
   * @example "Duty officer, Minsk"
   */
  @Omittable()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  /**
   * @example "controller"
   */
  @Omittable()
  @IsIn(ROLES)
  role?: Role;

  /**
   * Required when the user is (or becomes) an operator; null for every other role.
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  @IsOptional()
  @ValidateIf((_object: object, value: unknown) => value !== null)
  @IsUUID('all', { message: 'commandPostId must be the id of a command post' })
  commandPostId?: string | null;

  /**
   * False deactivates the user (no login, sessions ended); true reactivates.
   * @example false
   */
  @Omittable()
  @IsBoolean()
  active?: boolean;
}
