import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { MSEL_LIMITS } from '@excon/domain';
import type * as contract from '@excon/contracts';
import { BilingualNamesDto, BilingualNamesField } from '../common/bilingual-names.dto';

const CODE = /^[A-Za-z0-9_-]{2,32}$/;
const CODE_MESSAGE = 'code must be 2-32 letters, digits, "_" or "-"';

/** `POST /api/post-groups`: a named set of command posts that injects may target. */
export class CreatePostGroupDto implements contract.CreatePostGroupRequest {
  /**
   * Unique across groups and command posts alike (an MSEL's targets cell names either).
   * @example "ALL-MES"
   */
  @ApiProperty({ pattern: CODE.source })
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code!: string;

  @BilingualNamesField()
  names!: BilingualNamesDto;

  /** Ids of active command posts; may be empty. */
  @ApiProperty({ maxItems: MSEL_LIMITS.maxTargets })
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxTargets)
  @IsUUID('all', { each: true, message: 'commandPostIds must hold command post ids' })
  commandPostIds!: string[];
}

/** `PATCH /api/post-groups/:id`: exercises created before keep the posts the group had then. */
export class UpdatePostGroupDto implements contract.UpdatePostGroupRequest {
  /**
   * @example "ALL-MES"
   */
  @ApiProperty({ pattern: CODE.source, required: false })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: CODE_MESSAGE })
  code?: string;

  @BilingualNamesField({ optional: true })
  names?: BilingualNamesDto;

  /** Replaces the members. */
  @ApiProperty({ maxItems: MSEL_LIMITS.maxTargets, required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MSEL_LIMITS.maxTargets)
  @IsUUID('all', { each: true, message: 'commandPostIds must hold command post ids' })
  commandPostIds?: string[];

  /**
   * False: kept for the injects that name it, offered for no new one.
   * @example false
   */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
