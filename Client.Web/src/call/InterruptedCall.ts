/**
 * The call this tab is in, remembered in sessionStorage (this tab only) so that after a reload the page can say which
 * call was interrupted and offer to call back. Ids and a display name only; nothing secret.
 */
export interface CallMemory {
  owner: string;
  callId: string;
  peerId: string;
  peerName: string;
}

const Key = 'securecall.activeCall';
const MaxLength = 128;

function valid(value: unknown): value is CallMemory {
  const m = value as Partial<CallMemory> | null;
  return !!m && [m.owner, m.callId, m.peerId, m.peerName].every((f) => typeof f === 'string' && f.length > 0 && f.length <= MaxLength);
}

export const InterruptedCall = {
  remember(memory: CallMemory): void {
    sessionStorage.setItem(Key, JSON.stringify(memory));
  },

  /** Forgets the call if it is the one remembered (it ended normally). */
  forget(callId: string): void {
    if (InterruptedCall.peek()?.callId === callId) sessionStorage.removeItem(Key);
  },

  peek(): CallMemory | undefined {
    try {
      const value: unknown = JSON.parse(sessionStorage.getItem(Key) ?? 'null');
      return valid(value) ? value : undefined;
    } catch {
      return undefined;
    }
  },

  /** The call this user's tab was in when the page went away, removed from memory: it is shown once. */
  take(owner: string): CallMemory | undefined {
    const memory = InterruptedCall.peek();
    sessionStorage.removeItem(Key);
    return memory?.owner === owner ? memory : undefined;
  },

  clear(): void {
    sessionStorage.removeItem(Key);
  },
};
