import { ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { ISO_COUNTRY_CODES, MINISTRIES, type Ministry } from '@excon/domain';
import { IanaTimeZone } from '../common/field-validators';
import { BilingualNamesDto, BilingualNamesField } from '../common/bilingual-names.dto';

/** An ISO 3166-1 alpha-2 code that is officially assigned (KZ, not kz, KAZ or XX). */
@ValidatorConstraint({ name: 'isoCountry' })
export class IsoCountry implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && ISO_COUNTRY_CODES.has(value);
  }
  defaultMessage(args?: ValidationArguments): string {
    return `${args?.property ?? 'memberState'} must be an ISO 3166-1 alpha-2 code such as KZ`;
  }
}

export class CreateCommandPostDto {
  /**
   * Unique across the installation.
   * @example "BY-MCHS"
   */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{2,32}$/, { message: 'code must be 2-32 letters, digits, "_" or "-"' })
  code!: string;

  /**
   * The v1 name, in the installation's language (EXCON_LANGUAGE). Give `name` or `names` (or both).
   * @example "Ministry for Emergency Situations, duty service"
   */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  /**
   * The name in both languages; without it, `name` stands for both.
   */
  @BilingualNamesField({ optional: true })
  names?: BilingualNamesDto;

  /**
   * The post's ministry. Without it, the ministry of `memberState` and `ministry` is used, and created if new.
   * @example "7a1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  @IsOptional()
  @IsUUID('all', { message: 'ministryId must be the id of a ministry' })
  ministryId?: string;

  /**
   * ISO 3166-1 alpha-2 code.
   * @example "BY"
   */
  @ApiProperty({ pattern: '^[A-Z]{2}$', required: false })
  @IsOptional()
  @Validate(IsoCountry)
  memberState?: string;

  /**
   * The ministry's kind (v1); with `memberState`, it names the ministry when `ministryId` is not given.
   * @example "emergency"
   */
  @IsOptional()
  @IsIn(MINISTRIES)
  ministry?: Ministry;

  /**
   * IANA time-zone name.
   * @example "Europe/Minsk"
   */
  @Validate(IanaTimeZone)
  timeZone!: string;
}

/** `PATCH /api/command-posts/:id`: `name` and `names` stay in step (`name` is `names` in the installation's language). */
export class UpdateCommandPostDto {
  /**
   * The v1 name, in the installation's language; it replaces that language's entry of `names`.
   * @example "Ministry for Emergency Situations, duty service"
   */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @BilingualNamesField({ optional: true })
  names?: BilingualNamesDto;

  /**
   * Moves the post to another active ministry (its `memberState` and `ministry` follow).
   * @example "7a1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  @IsOptional()
  @IsUUID('all', { message: 'ministryId must be the id of a ministry' })
  ministryId?: string;

  /**
   * IANA time-zone name.
   * @example "Asia/Almaty"
   */
  @IsOptional()
  @Validate(IanaTimeZone)
  timeZone?: string;

  /**
   * False: kept for history, offered for no new target, group or user.
   * @example false
   */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
