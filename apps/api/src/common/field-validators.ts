import { ValidateBy, ValidatorConstraint, buildMessage, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { INSTANT_EXAMPLE, isIanaTimeZone, isInstant } from '@excon/domain';

/** An ISO-8601 instant with `Z` or an offset (libs/domain/src/clock/instant.ts); anything else is a 400 naming the field. */
export const IsInstant = (): PropertyDecorator =>
  ValidateBy({
    name: 'isInstant',
    validator: {
      validate: (value: unknown) => isInstant(value),
      defaultMessage: buildMessage((prefix) => `${prefix}$property must be an ISO-8601 instant with Z or an offset, such as ${INSTANT_EXAMPLE}`),
    },
  });

/** An IANA time-zone name this Node knows (`@Validate(IanaTimeZone)`). */
@ValidatorConstraint({ name: 'ianaTimeZone' })
export class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isIanaTimeZone(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be an IANA time-zone name such as Asia/Almaty`;
  }
}
