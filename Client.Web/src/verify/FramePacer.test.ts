import { describe, expect, it } from 'vitest';
import { FramePacer } from './FramePacer';

describe('FramePacer', () => {
  it('keeps to the frame rate', () => {
    const pacer = new FramePacer(10, 100);
    expect(pacer.canSend(0)).toBe(true);
    pacer.sent(1, 0);
    expect(pacer.canSend(50)).toBe(false);
    expect(pacer.canSend(100)).toBe(true);
  });

  it('never has more than maxInFlight frames unanswered, and forgets ones the server dropped', () => {
    const pacer = new FramePacer(1000, 3, 2000);
    [1, 2, 3].forEach((ts) => pacer.sent(ts, ts * 10));
    expect(pacer.canSend(100)).toBe(false);
    pacer.answered(2);
    expect(pacer.canSend(100)).toBe(true);
    pacer.sent(4, 100);
    expect(pacer.canSend(200)).toBe(false);
    expect(pacer.canSend(2100)).toBe(true);
  });
});
