/**
 * A call as the person sees it. Pure: `next(state, event)` returns the new state, or the same state when the event
 * does not apply (late or duplicate signals are harmless).
 */
export type EndReason =
  | 'hung-up' | 'remote-hung-up' | 'rejected' | 'missed' | 'unreachable' | 'crossed' | 'busy' | 'failed' | 'answered-elsewhere' | 'security' | 'error';

export type CallPhase =
  | { phase: 'idle' }
  | { phase: 'placing' }
  | { phase: 'ringing' }
  | { phase: 'incoming' }
  | { phase: 'connecting' }
  | { phase: 'connected' }
  | { phase: 'reconnecting' }
  | { phase: 'ended'; reason: EndReason; detail: string };

export type CallEvent =
  | { type: 'place' }
  /** The server took the call; its answer says whether anything rang (no device of the callee online: Missed). */
  | { type: 'placed'; state?: string; reason?: string }
  | { type: 'incoming' }
  | { type: 'accept' }
  | { type: 'answered' }
  | { type: 'media-connected' }
  | { type: 'media-interrupted' }
  | { type: 'media-failed'; detail: string }
  | { type: 'server'; state: string; reason: string }
  | { type: 'hang-up' }
  | { type: 'security-failure'; detail: string }
  | { type: 'error'; detail: string };

const ended = (reason: EndReason, detail = ''): CallPhase => ({ phase: 'ended', reason, detail });

/**
 * The server's reason for a call that gave way to the other person's call placed at the same moment (glare): that
 * call goes on instead, and this browser answers it.
 */
export const CrossedReason = 'crossed';

export function next(state: CallPhase, event: CallEvent): CallPhase {
  if (state.phase === 'ended') {
    return state;
  }
  switch (event.type) {
    case 'place':
      return state.phase === 'idle' ? { phase: 'placing' } : state;
    case 'placed':
      if (state.phase !== 'placing') return state;
      if (event.reason === CrossedReason) return ended('crossed', '');
      // Missed the moment it was placed: nothing rang, so waiting for the ring timeout would only mislead.
      if (event.state === 'Missed') return ended('unreachable', '');
      if (event.state === 'Busy') return ended('busy', '');
      return { phase: 'ringing' };
    case 'incoming':
      return state.phase === 'idle' ? { phase: 'incoming' } : state;
    case 'accept':
      return state.phase === 'incoming' ? { phase: 'connecting' } : state;
    case 'answered':
      return state.phase === 'ringing' ? { phase: 'connecting' } : state;
    case 'media-connected':
      return state.phase === 'connecting' || state.phase === 'reconnecting' ? { phase: 'connected' } : state;
    case 'media-interrupted':
      return state.phase === 'connected' ? { phase: 'reconnecting' } : state;
    case 'media-failed':
      return ended('failed', event.detail);
    case 'hang-up':
      return ended('hung-up');
    case 'security-failure':
      return ended('security', event.detail);
    case 'error':
      return ended('error', event.detail);
    case 'server':
      return fromServer(state, event.state, event.reason);
  }
}

function fromServer(state: CallPhase, serverState: string, reason: string): CallPhase {
  if (reason === CrossedReason && serverState !== 'Accepted') return ended('crossed', '');
  switch (serverState) {
    case 'Accepted':
      // Accepted on another of this person's devices: this one stops ringing.
      return state.phase === 'incoming' ? ended('answered-elsewhere', reason) : state;
    case 'Ended':
      return ended('remote-hung-up', reason);
    case 'Rejected':
      return ended('rejected', reason);
    case 'Missed':
      return ended('missed', reason);
    case 'Busy':
      return ended('busy', reason);
    case 'Failed':
      return ended('failed', reason);
    default:
      return state;
  }
}

export function describePhase(state: CallPhase): string {
  switch (state.phase) {
    case 'idle':
      return 'Ready';
    case 'placing':
      return 'Starting call…';
    case 'ringing':
      return 'Ringing…';
    case 'incoming':
      return 'Incoming call';
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'ended':
      return {
        'hung-up': 'Call ended',
        'remote-hung-up': 'Call ended by the other side',
        rejected: 'Call declined',
        missed: 'No answer',
        unreachable: 'Not reachable: they are not online right now',
        crossed: 'They called you at the same moment: joining their call…',
        busy: 'Busy: they are in another call',
        failed: 'Call failed',
        'answered-elsewhere': 'Answered on another device',
        security: 'Call blocked: security check failed',
        error: 'Call failed',
      }[state.reason];
  }
}
