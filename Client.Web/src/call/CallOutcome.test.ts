import { describe, expect, it } from 'vitest';
import { describeOutcome, outcomeTone } from './CallOutcome';
import type { CallPhase, EndReason } from './CallStateMachine';

const ended = (reason: EndReason, detail: string): CallPhase => ({ phase: 'ended', reason, detail });

describe('CallOutcome', () => {
  it.each([
    ['missed', 'no answer', 'No answer'],
    ['rejected', 'rejected by callee', 'Call declined'],
    ['remote-hung-up', 'hung up', 'Call ended by the other side'],
    ['hung-up', '', 'Call ended'],
    ['busy', 'callee is in another call', 'Busy: they are in another call'],
  ] as const)('a normal ending (%s) says it once, without the server\'s echo', (reason, detail, text) => {
    expect(describeOutcome(ended(reason, detail))).toBe(text);
  });

  it('a fault keeps the reason that tells what went wrong', () => {
    expect(describeOutcome(ended('failed', 'the connection was lost'))).toBe('Call failed — the connection was lost');
    expect(describeOutcome(ended('security', 'bad signature'))).toBe('Call blocked: security check failed — bad signature');
    expect(describeOutcome(ended('error', ''))).toBe('Call failed');
  });

  it('only faults are errors: hang-ups, declines, missed and unreachable calls are neutral', () => {
    for (const reason of ['hung-up', 'remote-hung-up', 'rejected', 'missed', 'unreachable', 'busy', 'answered-elsewhere', 'crossed'] as const) {
      expect(outcomeTone(reason)).toBe('neutral');
    }
    for (const reason of ['failed', 'error', 'security'] as const) expect(outcomeTone(reason)).toBe('error');
  });

  it('phases before the end read as before', () => {
    expect(describeOutcome({ phase: 'ringing' })).toBe('Ringing…');
  });
});
