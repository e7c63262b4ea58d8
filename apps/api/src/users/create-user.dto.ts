import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { LANGUAGES, ROLES, type Language, type Role } from '@excon/domain';

export class CreateUserDto {
  /**
   * @example "op.minsk"
   */
  @IsString()
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'username must be 3-64 lower-case letters, digits, ".", "_" or "-"' })
  username!: string;

  /**
   * At least 12 characters, not a common password (NIST SP 800-63B); no composition rules.
   * @example "operator-password"
   */
  @IsString()
  password!: string;

  /**
   * @example "operator"
   */
  @IsIn(ROLES)
  role!: Role;

  /**
   * Default: the username.
   * @example "Duty officer, Minsk"
   */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  /**
   * Required for the operator role, refused for every other.
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  @IsOptional()
  @IsUUID('all', { message: 'commandPostId must be the id of a command post' })
  commandPostId?: string;

  /**
   * The interface language; default ru.
   * @example "ru"
   */
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}
