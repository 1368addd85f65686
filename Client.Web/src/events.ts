/** Names of the events the client's components emit, as closed sets (no free-form strings). */

export const CallSignalEvent = {
  Ringing: 'ringing',
  Answered: 'answered',
  Candidate: 'candidate',
  Renegotiate: 'renegotiate',
  CallState: 'callState',
  Reconnecting: 'reconnecting',
  Reconnected: 'reconnected',
  Closed: 'closed',
} as const;
export type CallSignalEvent = (typeof CallSignalEvent)[keyof typeof CallSignalEvent];

/** What the verification hub pushes (server `VerificationEvent.type`). */
export const VerificationEventType = {
  Challenge: 'challenge',
  Feedback: 'feedback',
  ChallengeResult: 'challenge_result',
  Result: 'result',
  Error: 'error',
} as const;
export type VerificationEventType = (typeof VerificationEventType)[keyof typeof VerificationEventType];

export const SessionEvent = {
  SignedIn: 'signedIn',
  SignedOut: 'signedOut',
  Expired: 'expired',
  Verified: 'verified',
  Refreshed: 'refreshed',
} as const;
export type SessionEvent = (typeof SessionEvent)[keyof typeof SessionEvent];

/** A tiny typed event emitter (no DOM dependency, so it is usable in unit tests). */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly handlers = new Map<keyof Events, Set<(value: never) => void>>();

  on<K extends keyof Events>(event: K, handler: (value: Events[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler as (value: never) => void);
    return () => set.delete(handler as (value: never) => void);
  }

  protected emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const handler of this.handlers.get(event) ?? []) {
      try {
        (handler as (value: Events[K]) => void)(value);
      } catch (error) {
        console.warn(`handler for ${String(event)} failed`, error);
      }
    }
  }
}
