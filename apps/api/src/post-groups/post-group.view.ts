import type * as contract from '@excon/contracts';
import type { PostGroup } from '@excon/persistence';
import { BilingualNamesView } from '../common/bilingual-names.dto';

export class PostGroupView implements contract.PostGroupView {
  /**
   * @example "2b1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
   */
  id!: string;

  /**
   * @example "ALL-MES"
   */
  code!: string;

  names!: BilingualNamesView;

  /** The member posts' ids. */
  commandPostIds!: string[];

  /**
   * False: kept for the injects that name it, offered for no new one.
   */
  active!: boolean;
}

export function toPostGroupView(group: PostGroup): contract.PostGroupView {
  return { id: group.id, code: group.code, names: group.names, commandPostIds: group.commandPostIds, active: group.active };
}
