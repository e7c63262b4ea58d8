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
class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isIanaTimeZone(value);
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time-zone name such as Asia/Almaty';
  }
}

export class CreateCommandPostDto {
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{2,32}$/, { message: 'code must be 2-32 letters, digits, "_" or "-"' })
  code!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @Validate(IsoCountry)
  memberState!: string;

  @IsIn(MINISTRIES)
  ministry!: Ministry;

  @Validate(IanaTimeZone)
  timeZone!: string;
}
