import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsInstant } from '../common/field-validators';

export class AuditTrailQueryDto {
  /**
   * Only actions starting with this: `account.`, `user.`, `organisation.`, `duty.`, or an exercise's (`exercise.start`).
   * @example "account."
   */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  @Matches(/^[a-z_.]+$/, { message: 'action must be lower-case letters, "_" and "."' })
  action?: string;

  /**
   * @example "0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"
   */
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a user id' })
  actorId?: string;

  /**
   * An exercise's id, or `none` for the admin and account actions only.
   * @example "none"
   */
  @IsOptional()
  @Matches(/^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'exerciseId must be an exercise id or "none"' })
  exerciseId?: string;

  /** @example "2027-04-14T00:00:00Z" */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** @example "2027-04-15T00:00:00Z" */
  @IsOptional()
  @IsInstant()
  to?: string;

  /**
   * Paging: only entries older than this (the `at` of the last entry of the previous page).
   * @example "2027-04-14T12:00:00.000Z"
   */
  @IsOptional()
  @IsInstant()
  before?: string;

  /**
   * @example 200
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(1000)
  limit?: number;
}
