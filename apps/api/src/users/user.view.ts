import type { User } from '@excon/persistence';
import type { UserView } from '@excon/contracts';

/** The only way a user leaves the server: no password, no hash. */
export function toUserView(user: User): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    commandPostId: user.commandPost?.id ?? null,
    language: user.language,
  };
}
