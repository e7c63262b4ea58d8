import { ApiProperty } from '@nestjs/swagger';
import { MINISTRIES, type Ministry as MinistryKind } from '@excon/domain';
import type * as contract from '@excon/contracts';
import type { MemberState, Ministry } from '@excon/persistence';
import { BilingualNamesView } from '../common/bilingual-names.dto';

export class MemberStateView implements contract.MemberStateView {
  /**
   * ISO 3166-1 alpha-2.
   * @example "KZ"
   */
  code!: string;

  names!: BilingualNamesView;

  /**
   * False: kept for history, offered for no new ministry.
   */
  active!: boolean;
}

export class MinistryView implements contract.MinistryView {
  /**
   * @example "7a1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  id!: string;

  /**
   * @example "KZ"
   */
  memberState!: string;

  /**
   * @example "emergency"
   */
  @ApiProperty({ enum: MINISTRIES })
  kind!: MinistryKind;

  names!: BilingualNamesView;

  /**
   * False: kept for history, offered for no new command post.
   */
  active!: boolean;
}

export function toMemberStateView(state: MemberState): contract.MemberStateView {
  return { code: state.code, names: state.names, active: state.active };
}

export function toMinistryView(ministry: Ministry): contract.MinistryView {
  return { id: ministry.id, memberState: ministry.memberState.code, kind: ministry.kind, names: ministry.names, active: ministry.active };
}
