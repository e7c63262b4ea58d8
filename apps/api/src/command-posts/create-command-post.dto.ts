import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { ISO_COUNTRY_CODES, MINISTRIES, type Ministry } from '@excon/domain';
import { IanaTimeZone } from '../common/field-validators';

@ValidatorConstraint({ name: 'isoCountry' })
class IsoCountry implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && ISO_COUNTRY_CODES.has(value);
  }
  defaultMessage(): string {
    return 'memberState must be an ISO 3166-1 alpha-2 code such as KZ';
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
   * @example "Ministry for Emergency Situations, duty service"
   */
  @IsString()
  @Length(1, 200)
  name!: string;

  /**
   * ISO 3166-1 alpha-2 code.
   * @example "BY"
   */
  @ApiProperty({ pattern: '^[A-Z]{2}$' })
  @Validate(IsoCountry)
  memberState!: string;

  /**
   * @example "emergency"
   */
  @IsIn(MINISTRIES)
  ministry!: Ministry;

  /**
   * IANA time-zone name.
   * @example "Europe/Minsk"
   */
  @Validate(IanaTimeZone)
  timeZone!: string;
}
