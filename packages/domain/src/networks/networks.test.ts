import { networkMove } from '.';

describe('network moves', () => {
  it('lets a body invite, an institution accept, decline or leave, and a body remove', () => {
    expect(networkMove(null, 'invite')).toBe('INVITED');
    expect(networkMove('INVITED', 'accept')).toBe('MEMBER');
    expect(networkMove('INVITED', 'decline')).toBe('DECLINED');
    expect(networkMove('MEMBER', 'leave')).toBe('LEFT');
    expect(networkMove('MEMBER', 'remove')).toBe('REMOVED');
    expect(networkMove('INVITED', 'remove')).toBe('REMOVED');
    for (const ended of ['DECLINED', 'LEFT', 'REMOVED'] as const) expect(networkMove(ended, 'invite')).toBe('INVITED');
  });

  it('refuses every other move with CONFLICT naming where the institution stands', () => {
    expect(() => networkMove('MEMBER', 'invite')).toThrow(/Cannot invite: the institution is member/);
    expect(() => networkMove('MEMBER', 'accept')).toThrow(/Cannot accept/);
    expect(() => networkMove(null, 'leave')).toThrow(/not in the network/);
    expect(() => networkMove('LEFT', 'remove')).toThrow(/Cannot remove: the institution is left/);
    expect(() => networkMove('DECLINED', 'accept')).toThrow(/Cannot accept/);
  });
});
