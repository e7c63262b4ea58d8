import { IsString, Length } from 'class-validator';
import type { LoginRequest } from '@excon/contracts';

export class LoginDto implements LoginRequest {
  /**
   * @example "admin"
   */
  @IsString()
  @Length(1, 64)
  username!: string;

  /**
   * @example "correct-horse-battery-staple"
   */
  @IsString()
  @Length(1, 128)
  password!: string;
}
