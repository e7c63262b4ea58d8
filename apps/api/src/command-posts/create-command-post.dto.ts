import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, Validate, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { ISO_COUNTRY_CODES, MINISTRIES, isIanaTimeZone, type Ministry } from '@excon/domain';

@ValidatorConstraint({ name: 'isoCountry' })
class IsoCountry implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && ISO_COUNTRY_CODES.has(value);
  }
  defaultMessage(): string {
    return 'memberState must be an ISO 3166-1 alpha-2 code such as KZ';
  }
}

@ValidatorConstraint({ name: 'ianaTimeZone' })
export class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isIanaTimeZone(value);
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time-zone name such as Asia/Almaty';
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
