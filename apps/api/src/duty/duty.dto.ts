import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type * as contract from '@excon/contracts';
import { BilingualNamesField, type BilingualNamesDto } from '../common/bilingual-names.dto';
import { IsInstant } from '../common/field-validators';

/** How many members a shift, shifts a rotation, watches a rotation and free-text items a handover may have. */
export const DUTY_LIMITS = {
  members: 200,
  rotationShifts: 16,
  rotationWatches: 1000,
  watchHours: 168,
  noteLength: 4000,
  items: 100,
  itemLength: 1000,
};

/** `POST /api/duty-shifts`. */
export class CreateDutyShiftDto implements contract.CreateDutyShiftRequest {
  /**
   * 1–16 letters, digits, `-` or `_`; unique.
   * @example "A"
   */
  @IsString()
  @Length(1, 16)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code must be letters, digits, "-" or "_"' })
  code!: string;

  @BilingualNamesField()
  names!: BilingualNamesDto;

  /**
   * Existing active users; no repeats.
   * @example ["0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"]
   */
  @IsArray()
  @ArrayMaxSize(DUTY_LIMITS.members)
  @IsUUID('all', { each: true, message: 'memberUserIds must be user ids' })
  memberUserIds!: string[];
}

/** `PATCH /api/duty-shifts/:id`: a field left out stays. */
export class UpdateDutyShiftDto implements contract.UpdateDutyShiftRequest {
  @BilingualNamesField({ optional: true })
  names?: BilingualNamesDto;

  /**
   * Replaces the members: existing active users.
   * @example ["0b8f5a62-2d4e-4c1a-9f3e-6a7b8c9d0e1f"]
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DUTY_LIMITS.members)
  @IsUUID('all', { each: true, message: 'memberUserIds must be user ids' })
  memberUserIds?: string[];

  /**
   * An inactive shift keeps its watches but cannot be put on the roster again.
   * @example true
   */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** `POST /api/duty-roster`: one watch over [from, to). */
export class CreateDutyRosterEntryDto implements contract.CreateDutyRosterEntryRequest {
  /**
   * An active shift.
   * @example "3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d"
   */
  @IsUUID('all', { message: 'dutyShiftId must be a duty shift id' })
  dutyShiftId!: string;

  /** @example "2027-04-14T08:00:00+03:00" */
  @IsInstant()
  from!: string;

  /**
   * After `from`.
   * @example "2027-04-14T20:00:00+03:00"
   */
  @IsInstant()
  to!: string;
}

/** `GET /api/duty-roster`: the watches overlapping [from, to); either bound may be left out. */
export class DutyRosterQueryDto {
  /** @example "2027-04-14T00:00:00Z" */
  @IsOptional()
  @IsInstant()
  from?: string;

  /** @example "2027-04-21T00:00:00Z" */
  @IsOptional()
  @IsInstant()
  to?: string;
}

/** `POST /api/duty-roster/rotation`. */
export class CreateDutyRotationDto implements contract.CreateDutyRotationRequest {
  /** @example "2027-04-14T08:00:00+03:00" */
  @IsInstant()
  startAt!: string;

  /**
   * Whole hours, 1–168.
   * @example 12
   */
  @IsInt({ message: 'watchHours must be a whole number' })
  @Min(1)
  @Max(DUTY_LIMITS.watchHours)
  watchHours!: number;

  /**
   * The shifts in the order they take their turns (a shift may come twice).
   * @example ["3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d", "4b5c6d7e-8f9a-4b0c-8d1e-2f3a4b5c6d7e"]
   */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DUTY_LIMITS.rotationShifts)
  @IsUUID('all', { each: true, message: 'dutyShiftIds must be duty shift ids' })
  dutyShiftIds!: string[];

  /**
   * How many watches to append, 1–1000.
   * @example 8
   */
  @IsInt({ message: 'watches must be a whole number' })
  @Min(1)
  @Max(DUTY_LIMITS.rotationWatches)
  watches!: number;
}

export class HandoverItemDto {
  /** @example "Call back the MES of Kyrgyzstan about the second convoy" */
  @IsString()
  @Length(1, DUTY_LIMITS.itemLength)
  text!: string;
}

/** `POST /api/duty-handovers`: from the shift on duty now to `toShiftId`. */
export class CreateDutyHandoverDto implements contract.CreateDutyHandoverRequest {
  /**
   * The incoming shift (active).
   * @example "4b5c6d7e-8f9a-4b0c-8d1e-2f3a4b5c6d7e"
   */
  @IsUUID('all', { message: 'toShiftId must be a duty shift id' })
  toShiftId!: string;

  /**
   * Up to 4000 characters; may be empty.
   * @example "Quiet night; the Bishkek link dropped twice, see the log"
   */
  @IsString()
  @MaxLength(DUTY_LIMITS.noteLength)
  note!: string;

  /** Free-text open items, handed over before those the system knows. */
  @ApiProperty({ type: [HandoverItemDto], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DUTY_LIMITS.items)
  @ValidateNested({ each: true })
  @Type(() => HandoverItemDto)
  items?: HandoverItemDto[];
}

export class DutyHandoverQueryDto {
  /**
   * Newest first, at most this many (default 50).
   * @example 20
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;
}
