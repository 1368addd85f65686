import { describe, expect, it } from 'vitest';
import { FramePacer } from './FramePacer';

describe('FramePacer', () => {
  it('keeps to the frame rate in the long run', () => {
    const pacer = new FramePacer(10, 100);
    let sent = 0;
    // A 60 frames/s camera for 10 s: the pacer lets through 10 a second (plus the two-frame burst it starts with).
    for (let now = 0; now < 10_000; now += 1000 / 60) {
      if (pacer.canSend(now)) {
        pacer.sent(++sent, now);
        pacer.answered(sent);
      }
    }
    expect(sent).toBeGreaterThanOrEqual(100);
    expect(sent).toBeLessThanOrEqual(102);
  });

  it('sends every frame of a camera at its rate whose frames come early or late', () => {
    const pacer = new FramePacer(15, 100);
    const jitter = [-9, 7, -4, 11, -12, 3, 0, -8, 10, -6];
    let sent = 0;
    for (let i = 0; i < 150; i++) {
      const now = (i * 1000) / 15 + jitter[i % jitter.length]!;
      expect(pacer.canSend(now)).toBe(true);
      pacer.sent(i, now);
      pacer.answered(i);
      sent++;
    }
    expect(sent).toBe(150);
  });

  it('refuses a frame right after a burst', () => {
    const pacer = new FramePacer(10, 100);
    pacer.sent(1, 0);
    pacer.sent(2, 0);
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
