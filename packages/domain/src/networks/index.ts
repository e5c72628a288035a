import { NetworkMemberStatus } from '../enums';
import { conflict } from '../errors';

/** What either side can do to an institution's place in a network. */
export type NetworkAction = 'invite' | 'accept' | 'decline' | 'leave' | 'remove';

const { INVITED, MEMBER, DECLINED, LEFT, REMOVED } = NetworkMemberStatus;

/**
 * Which status each action moves from, and to. The body invites (again, after a decline, a leave
 * or a removal) and removes; the institution accepts or declines an invitation and leaves.
 */
const MOVES: Record<NetworkAction, { from: readonly (NetworkMemberStatus | null)[]; to: NetworkMemberStatus }> = {
  invite: { from: [null, DECLINED, LEFT, REMOVED], to: INVITED },
  accept: { from: [INVITED], to: MEMBER },
  decline: { from: [INVITED], to: DECLINED },
  leave: { from: [MEMBER], to: LEFT },
  remove: { from: [INVITED, MEMBER], to: REMOVED },
};

/** The status an action leads to from `current` (null: no row yet), or CONFLICT saying why not. */
export function networkMove(current: NetworkMemberStatus | null, action: NetworkAction): NetworkMemberStatus {
  const move = MOVES[action];
  if (move.from.includes(current)) return move.to;
  const where = current === null ? 'not in the network' : current.toLowerCase();
  throw conflict(`Cannot ${action}: the institution is ${where}`, { status: current, action });
}
