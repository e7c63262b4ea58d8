import type { CommandPostView } from '@excon/contracts';
import { nameIn, type Language } from '@excon/domain';

/** A command post's name in the reader's language: its bilingual `names`, else (an older server) the v1 `name`. */
export function postName(post: Pick<CommandPostView, 'name'> & Partial<Pick<CommandPostView, 'names'>>, language: Language): string {
  return post.names ? nameIn(post.names, language) : post.name;
}
