import { IsString, Length } from 'class-validator';
import type { RefreshRequest } from '@excon/contracts';

export class RefreshDto implements RefreshRequest {
  /**
   * The `refreshToken` of the login answer.
   * @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f.Zm9vYmFyYmF6cXV4"
   */
  @IsString()
  @Length(1, 200)
  refreshToken!: string;
}
