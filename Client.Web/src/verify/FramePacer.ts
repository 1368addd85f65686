/**
 * Paces frames to the server: at most `framesPerSecond` in the long run, and never more than `maxInFlight` frames
 * sent but not yet answered (each server event echoes the timestamp of the frame it answers). So the browser never
 * builds a queue: when the server is slow, frames are simply not captured.
 *
 * The rate is a token bucket holding two frames, like the server's own (which holds a second's worth): a camera at
 * exactly the server's rate delivers its frames a few milliseconds early or late, and a strict minimum interval would
 * drop every early one — a lost frame in the middle of a blink is a blink the server cannot see.
 */
export class FramePacer {
  private static readonly Burst = 2;
  private readonly inFlight = new Map<number, number>();
  private tokens = FramePacer.Burst;
  private refilledAt: number | undefined;

  constructor(
    private readonly framesPerSecond: number,
    private readonly maxInFlight = 3,
    /** A frame with no answer after this long is assumed dropped by the server. */
    private readonly answerTimeoutMs = 2000,
  ) {}

  /** True when a frame may be sent at `now` (ms). */
  canSend(now: number): boolean {
    for (const [ts, sentAt] of this.inFlight) {
      if (now - sentAt > this.answerTimeoutMs) this.inFlight.delete(ts);
    }
    this.refill(now);
    return this.inFlight.size < this.maxInFlight && this.tokens >= 1;
  }

  sent(ts: number, now: number): void {
    this.refill(now);
    this.inFlight.set(ts, now);
    this.tokens = Math.max(0, this.tokens - 1);
  }

  answered(ts: number | null | undefined): void {
    if (ts !== null && ts !== undefined) this.inFlight.delete(ts);
  }

  get pending(): number {
    return this.inFlight.size;
  }

  private refill(now: number): void {
    if (this.refilledAt !== undefined && now > this.refilledAt) {
      this.tokens = Math.min(FramePacer.Burst, this.tokens + ((now - this.refilledAt) * this.framesPerSecond) / 1000);
    }
    this.refilledAt = Math.max(now, this.refilledAt ?? now);
  }
}
