/**
 * Paces frames to the server: at most `framesPerSecond`, and never more than `maxInFlight` frames sent but not yet
 * answered (each server event echoes the timestamp of the frame it answers). So the browser never builds a queue:
 * when the server is slow, frames are simply not captured.
 */
export class FramePacer {
  private readonly inFlight = new Map<number, number>();
  private lastSentAt = -Infinity;

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
    return this.inFlight.size < this.maxInFlight && now - this.lastSentAt >= 1000 / this.framesPerSecond;
  }

  sent(ts: number, now: number): void {
    this.inFlight.set(ts, now);
    this.lastSentAt = now;
  }

  answered(ts: number | null | undefined): void {
    if (ts !== null && ts !== undefined) this.inFlight.delete(ts);
  }

  get pending(): number {
    return this.inFlight.size;
  }
}
