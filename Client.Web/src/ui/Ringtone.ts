/**
 * The ring of an incoming call, generated with Web Audio (no media file): two tones together (440 + 480 Hz, the
 * North American ring) for 1.5 s of every 4 s, with soft edges so it does not click. `stop` silences it at once.
 */
export class Ringtone {
  private static readonly PeriodMs = 4000;
  private static readonly ToneSeconds = 1.5;
  private static readonly Volume = 0.12;

  private readonly context: AudioContext | undefined;
  private readonly oscillators = new Set<OscillatorNode>();
  private timer: ReturnType<typeof setInterval> | undefined;

  private constructor() {
    const Context = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    this.context = Context ? new Context() : undefined;
  }

  /** Starts ringing; a browser without Web Audio simply stays silent (the dialog, title and notification remain). */
  static start(): Ringtone {
    const ringtone = new Ringtone();
    const context = ringtone.context;
    if (context) {
      // Allowed once the person has used the page (sign-in is a click); otherwise the browser keeps it muted.
      void context.resume().catch(() => undefined);
      ringtone.burst();
      ringtone.timer = setInterval(() => ringtone.burst(), Ringtone.PeriodMs);
    }
    return ringtone;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const oscillator of this.oscillators) {
      try {
        oscillator.stop();
      } catch {
        // Already stopped: nothing to silence.
      }
    }
    this.oscillators.clear();
    if (this.context && this.context.state !== 'closed') void this.context.close();
  }

  private burst(): void {
    const context = this.context!;
    const now = context.currentTime;
    const end = now + Ringtone.ToneSeconds;
    const gain = context.createGain();
    gain.gain.setValueAtTime(0, now);
    gain.gain.linearRampToValueAtTime(Ringtone.Volume, now + 0.05);
    gain.gain.setValueAtTime(Ringtone.Volume, end - 0.05);
    gain.gain.linearRampToValueAtTime(0, end);
    gain.connect(context.destination);
    for (const frequency of [440, 480]) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.addEventListener('ended', () => this.oscillators.delete(oscillator));
      this.oscillators.add(oscillator);
      oscillator.start(now);
      oscillator.stop(end);
    }
  }
}
