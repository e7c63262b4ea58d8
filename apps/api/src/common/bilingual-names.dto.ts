import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import type { BilingualNames } from '@excon/domain';

/** A name in Russian and English, each 1–200 characters: the one shape of `names` in every request. */
export class BilingualNamesDto implements BilingualNames {
  /**
   * @example "МЧС Республики Казахстан"
   */
  @IsString()
  @Length(1, 200)
  ru!: string;

  /**
   * @example "Ministry for Emergency Situations of Kazakhstan"
   */
  @IsString()
  @Length(1, 200)
  en!: string;
}

/** The same, as the API answers it. */
export class BilingualNamesView implements BilingualNames {
  /**
   * @example "МЧС Республики Казахстан"
   */
  ru!: string;

  /**
   * @example "Ministry for Emergency Situations of Kazakhstan"
   */
  en!: string;
}

/** `@BilingualNamesField()`: a `names` object (required unless `optional`), each language validated at `names.ru` / `names.en`. */
export function BilingualNamesField(options: { optional?: boolean } = {}): PropertyDecorator {
  return (target: object, key: string | symbol) => {
    ApiProperty({ type: BilingualNamesDto, required: !options.optional })(target, key);
    if (options.optional) IsOptional()(target, key);
    else IsDefined({ message: `${String(key)} must be an object with ru and en` })(target, key);
    ValidateNested()(target, key);
    Type(() => BilingualNamesDto)(target, key);
  };
}
