import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { LANGUAGES, ROLES, type Language, type Role } from '@excon/domain';

export class CreateUserDto {
  @IsString()
  @Matches(/^[a-z0-9._-]{3,64}$/, { message: 'username must be 3-64 lower-case letters, digits, ".", "_" or "-"' })
  username!: string;

  @IsString()
  @Length(8, 128, { message: 'password must be 8-128 characters long' })
  password!: string;

  @IsIn(ROLES)
  role!: Role;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;

  @IsOptional()
  @IsUUID('all', { message: 'commandPostId must be the id of a command post' })
  commandPostId?: string;

  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}
