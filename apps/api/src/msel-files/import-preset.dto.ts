import { OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, Length, ValidateNested } from 'class-validator';
import { ImportOptionsDto } from './import-options.dto';

/** What a preset keeps: every option but `preset` (a preset names no other) and `scenarioId` (it serves any scenario). */
export class PresetOptionsDto extends OmitType(ImportOptionsDto, ['preset', 'scenarioId'] as const) {}

export class SaveImportPresetDto {
  /**
   * Unique; saving under a name that exists replaces that preset's options.
   * @example "CRC Excel MSEL"
   */
  @IsString()
  @Length(1, 100)
  name!: string;

  @ValidateNested()
  @Type(() => PresetOptionsDto)
  options!: PresetOptionsDto;
}
