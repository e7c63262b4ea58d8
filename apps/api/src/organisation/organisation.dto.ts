import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Validate } from 'class-validator';
import { MINISTRIES, type Ministry } from '@excon/domain';
import type * as contract from '@excon/contracts';
import { BilingualNamesDto, BilingualNamesField } from '../common/bilingual-names.dto';
import { IsoCountry } from '../command-posts/create-command-post.dto';

/** `POST /api/member-states`. */
export class CreateMemberStateDto implements contract.CreateMemberStateRequest {
  /**
   * ISO 3166-1 alpha-2.
   * @example "KZ"
   */
  @ApiProperty({ pattern: '^[A-Z]{2}$' })
  @Validate(IsoCountry)
  code!: string;

  @BilingualNamesField()
  names!: BilingualNamesDto;
}

/** `PATCH /api/member-states/:code`. */
export class UpdateMemberStateDto implements contract.UpdateMemberStateRequest {
  @BilingualNamesField({ optional: true })
  names?: BilingualNamesDto;

  /**
   * False: kept for history, offered for no new ministry.
   * @example false
   */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** `POST /api/ministries`: one of each kind per member state. */
export class CreateMinistryDto implements contract.CreateMinistryRequest {
  /**
   * An active member state's code.
   * @example "KZ"
   */
  @ApiProperty({ pattern: '^[A-Z]{2}$' })
  @Validate(IsoCountry)
  memberState!: string;

  /**
   * @example "emergency"
   */
  @IsIn(MINISTRIES)
  kind!: Ministry;

  @BilingualNamesField()
  names!: BilingualNamesDto;
}

/** `PATCH /api/ministries/:id`. */
export class UpdateMinistryDto implements contract.UpdateMinistryRequest {
  @BilingualNamesField({ optional: true })
  names?: BilingualNamesDto;

  /**
   * False: kept for history, offered for no new command post.
   * @example false
   */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** `GET /api/ministries?memberState=KZ`. */
export class MinistryQueryDto {
  /**
   * Only this state's ministries.
   * @example "KZ"
   */
  @ApiProperty({ pattern: '^[A-Z]{2}$', required: false })
  @IsOptional()
  @Validate(IsoCountry)
  memberState?: string;
}
