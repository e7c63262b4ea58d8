import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { LANGUAGES, type Language } from '@excon/domain';

/** What a user may change about themselves: the interface language (kept per user) and display name. */
export class UpdateMeDto {
  /**
   * @example "en"
   */
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  /**
   * @example "Duty officer, Minsk"
   */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  displayName?: string;
}
