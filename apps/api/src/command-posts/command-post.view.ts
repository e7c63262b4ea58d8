import { ApiProperty } from '@nestjs/swagger';
import { MINISTRIES } from '@excon/domain';
import type * as contract from '@excon/contracts';
import { BilingualNamesView } from '../common/bilingual-names.dto';

export class CommandPostView implements contract.CommandPostView {
  /**
   * @example "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  id!: string;

  /**
   * Unique across the installation.
   * @example "BY-MCHS"
   */
  code!: string;

  /**
   * @example "Ministry for Emergency Situations, duty service"
   */
  name!: string;

  /**
   * ISO 3166-1 alpha-2.
   * @example "BY"
   */
  memberState!: string;

  /**
   * @example "emergency"
   */
  @ApiProperty({ enum: MINISTRIES })
  ministry!: contract.CommandPostView['ministry'];

  /**
   * The name in both languages; `name` is the one in the installation's language (EXCON_LANGUAGE).
   */
  names!: BilingualNamesView;

  /**
   * The ministry the post belongs to (its state and kind are `memberState` and `ministry`).
   * @example "7a1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  ministryId!: string;

  /**
   * False: kept for history, offered for no new target, group or user.
   */
  active!: boolean;

  /**
   * IANA time-zone name.
   * @example "Europe/Minsk"
   */
  timeZone!: string;
}
