import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min, Validate } from 'class-validator';
import { LANGUAGES, MSEL_FIELDS, type Language, type MselField, type MselImportOptions } from '@excon/domain';
import { IanaTimeZone, IsInstant } from '../common/field-validators';

/** The `options` part of an import (CONTRACT.md "MSEL import and export"); a preset saves the same fields but `preset` and `scenarioId`. */
export class ImportOptionsDto implements MselImportOptions {
  /**
   * The new scenario's title; default: the file's own (ExCon export, a title row above the header) or its name.
   * @example "Паводок-2027"
   */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  /**
   * The language of the titles and texts; default: guessed from them.
   * @example "ru"
   */
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  /**
   * The sheet to read (XLSX); default: ExCon's MSEL sheet, else the first sheet with data.
   * @example "План"
   */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  sheet?: string;

  /**
   * 1-based row of the headers; 0: the file has none and columns are mapped by letter. Default: found.
   * @example 3
   */
  @ApiProperty({ type: 'integer', required: false, minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  headerRow?: number;

  /**
   * Field → header text or column letter; replaces the proposed mapping (and a preset's) as a whole.
   * @example {"time": "Время", "body": "F", "targets": "Кому"}
   */
  @ApiProperty({ required: false, type: Object, additionalProperties: { type: 'string' }, description: `Keys: ${MSEL_FIELDS.join(', ')}` })
  @IsOptional()
  @IsObject()
  mapping?: Partial<Record<MselField, string>>;

  /**
   * STARTEX as an ISO-8601 instant with Z or an offset: clock times, dates and instants are read against it.
   * @example "2027-03-02T09:00:00+03:00"
   */
  @ApiProperty({ required: false, format: 'date-time' })
  @IsOptional()
  @IsInstant()
  startex?: string;

  /**
   * IANA zone of clock times and date cells; default UTC.
   * @example "Europe/Moscow"
   */
  @IsOptional()
  @Validate(IanaTimeZone)
  timeZone?: string;

  /**
   * A saved preset whose options apply under these.
   * @example "CRC Excel MSEL"
   */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  preset?: string;

  /**
   * Post codes or names, or "all": the targets of rows whose targets cell is empty, or of every row when no column is mapped to targets.
   * @example ["all"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  defaultTargets?: string[];

  /**
   * Import as the next version of this scenario: its objectives and injects are replaced (exercises keep their own copies).
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  @IsOptional()
  @IsUUID('all')
  scenarioId?: string;
}
