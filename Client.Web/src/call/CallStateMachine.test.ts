import { describe, expect, it } from 'vitest';
import { describePhase, next, type CallEvent, type CallPhase } from './CallStateMachine';

const run = (...events: CallEvent[]): CallPhase => events.reduce(next, { phase: 'idle' } as CallPhase);

describe('CallStateMachine', () => {
  it('caller: placing → ringing → connecting → connected → ended by hang-up', () => {
    expect(run({ type: 'place' }).phase).toBe('placing');
    expect(run({ type: 'place' }, { type: 'placed' }).phase).toBe('ringing');
    expect(run({ type: 'place' }, { type: 'placed' }, { type: 'answered' }).phase).toBe('connecting');
    const connected = run({ type: 'place' }, { type: 'placed' }, { type: 'answered' }, { type: 'media-connected' });
    expect(connected.phase).toBe('connected');
    expect(next(connected, { type: 'hang-up' })).toEqual({ phase: 'ended', reason: 'hung-up', detail: '' });
  });

  it('callee: incoming → connecting on accept; another device accepting stops this one ringing', () => {
    expect(run({ type: 'incoming' }, { type: 'accept' }).phase).toBe('connecting');
    expect(run({ type: 'incoming' }, { type: 'server', state: 'Accepted', reason: '' })).toMatchObject({ phase: 'ended', reason: 'answered-elsewhere' });
    // The device that accepted ignores the same Accepted notice.
    expect(run({ type: 'incoming' }, { type: 'accept' }, { type: 'server', state: 'Accepted', reason: '' }).phase).toBe('connecting');
  });

  it.each([
    ['Rejected', 'rejected'], ['Missed', 'missed'], ['Busy', 'busy'], ['Failed', 'failed'], ['Ended', 'remote-hung-up'],
  ])('server %s ends a ringing call as %s', (state, reason) => {
    expect(run({ type: 'place' }, { type: 'placed' }, { type: 'server', state, reason: 'r' })).toEqual({ phase: 'ended', reason, detail: 'r' });
  });

  it('a call placed to nobody online ends at once as unreachable; a busy callee ends it as busy', () => {
    expect(run({ type: 'place' }, { type: 'placed', state: 'Missed', reason: 'callee is not connected' })).toEqual({ phase: 'ended', reason: 'unreachable', detail: '' });
    expect(run({ type: 'place' }, { type: 'placed', state: 'Busy', reason: 'callee is in another call' })).toMatchObject({ phase: 'ended', reason: 'busy' });
    expect(run({ type: 'place' }, { type: 'placed', state: 'Ringing', reason: 'ringing' }).phase).toBe('ringing');
    expect(describePhase(run({ type: 'place' }, { type: 'placed', state: 'Missed' }))).toMatch(/^Not reachable/);
  });

  it('a call that crossed the other person\'s call ends as crossed, whether placed or ringing', () => {
    expect(run({ type: 'place' }, { type: 'placed', state: 'Ended', reason: 'crossed' })).toMatchObject({ phase: 'ended', reason: 'crossed' });
    expect(run({ type: 'place' }, { type: 'placed' }, { type: 'server', state: 'Ended', reason: 'crossed' })).toMatchObject({ phase: 'ended', reason: 'crossed' });
    expect(run({ type: 'incoming' }, { type: 'server', state: 'Ended', reason: 'crossed' })).toMatchObject({ phase: 'ended', reason: 'crossed' });
  });

  it('media interruption shows reconnecting and recovers; failure ends the call', () => {
    const connected = run({ type: 'place' }, { type: 'placed' }, { type: 'answered' }, { type: 'media-connected' });
    const interrupted = next(connected, { type: 'media-interrupted' });
    expect(interrupted.phase).toBe('reconnecting');
    expect(next(interrupted, { type: 'media-connected' }).phase).toBe('connected');
    expect(next(interrupted, { type: 'media-failed', detail: 'gone' })).toMatchObject({ phase: 'ended', reason: 'failed' });
  });

  it('a failed security check ends the call, and nothing restarts an ended call', () => {
    const blocked = run({ type: 'place' }, { type: 'placed' }, { type: 'security-failure', detail: 'bad signature' });
    expect(blocked).toMatchObject({ phase: 'ended', reason: 'security' });
    expect(next(blocked, { type: 'answered' })).toBe(blocked);
    expect(next(blocked, { type: 'media-connected' })).toBe(blocked);
    expect(describePhase(blocked)).toMatch(/security/);
  });

  it('ignores events that do not apply', () => {
    expect(run({ type: 'answered' }).phase).toBe('idle');
    expect(run({ type: 'accept' }).phase).toBe('idle');
    expect(run({ type: 'place' }, { type: 'incoming' }).phase).toBe('placing');
  });
});
