import { HubConnectionState, Subject, type HubConnection } from '@microsoft/signalr';
import type { ApiClient, VerificationChallenge } from '../api/ApiClient';
import { SecureCallError, fromHubError } from '../errors';
import { Emitter, VerificationEventType } from '../events';
import { buildHub, type HubProtocolName } from '../signaling/HubFactory';
import { camelize, enumName, pascalize } from '../signaling/wire';
import type { CameraCapture } from './CameraCapture';
import { FramePacer } from './FramePacer';
import { MissReasons, type Miss } from './resultHint';

export const VerifyHubPath = '/hubs/verify';
export const VerificationStates = ['Created', 'Streaming', 'Passed', 'Failed', 'Expired', 'Terminated'] as const;
export type VerificationStateName = (typeof VerificationStates)[number];
// Hidden (0) is the random pause before an instruction is shown; the server sends its own "hold still" text then.
export const ChallengeKinds = ['Hidden', 'Blink', 'TurnHeadLeft', 'TurnHeadRight', 'LookUp', 'Nod', 'Smile', 'OpenMouth', 'RaiseEyebrows', 'ShowSurprise'] as const;

export interface Progress {
  state: VerificationStateName;
  challenge: (VerificationChallenge & { kindName: string }) | null;
  passed: number;
  total: number;
  expiresAt: number;
  score: number | null;
  reason: string;
  token: string | null;
  /** Why the last attempt was missed (while its retry runs, or when the miss ended the session). */
  lastMiss: Miss | null;
}

type Events = {
  progress: Progress;
  feedback: string;
  challengeResult: string;
  finished: Progress;
  problem: SecureCallError;
};

/** Frames per second the server analyses (SecureCall:Verification:FramesPerSecond default). */
const ServerFramesPerSecond = 15;

/**
 * One proof-of-life session: starts it over HTTP, streams camera frames over the `/hubs/verify` SignalR stream,
 * each tagged with the current challenge's id and nonce, and follows the server's events. The server alone decides
 * the result; the token it issues comes back in the final event.
 */
export class VerificationSession extends Emitter<Events> {
  private hub: HubConnection | undefined;
  private frames: Subject<unknown> | undefined;
  private progress: Progress | undefined;
  private running = false;
  private readonly pacer = new FramePacer(ServerFramesPerSecond);
  private sequence = 0;
  private stopping: Promise<void> | undefined;
  private sessionId: string | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly baseUrl: string,
    private readonly token: () => string,
    private readonly protocol: HubProtocolName = 'msgpack',
  ) {
    super();
  }

  get current(): Progress | undefined {
    return this.progress;
  }

  async start(userId: string, camera: CameraCapture, enrollFace: boolean): Promise<void> {
    const started = await this.api.startVerification(userId, enrollFace);
    this.sessionId = started.session_id;
    this.update(started.status);
    const hub = buildHub(this.baseUrl + VerifyHubPath, this.token, this.protocol, false);
    this.hub = hub;
    hub.on('Verification', (raw: unknown) => this.onEvent(camelize(raw) as { type: string; message: string; status: unknown; ts?: number | null }));
    hub.onclose((error) => {
      if (this.running) {
        this.running = false;
        this.emit('problem', error ? fromHubError(error) : new SecureCallError('Network', 'The connection to the verification service closed.'));
      }
    });
    try {
      await hub.start();
    } catch (error) {
      throw fromHubError(error);
    }
    this.frames = new Subject<unknown>();
    hub.send('StreamFrames', started.session_id, this.frames).catch((error) => this.emit('problem', fromHubError(error)));
    this.running = true;
    void this.pump(camera);
  }

  /**
   * The person stopped: the server ends the session (no token, and it no longer counts as open), then the stream and
   * the connection close. Nothing is emitted for it.
   */
  async cancel(): Promise<void> {
    this.running = false;
    const id = this.sessionId;
    await this.stop();
    if (id) await this.api.cancelVerification(id).catch(() => {});
  }

  /** Ends the frame stream and the connection; safe to call more than once (every caller gets the same promise). */
  stop(): Promise<void> {
    this.stopping ??= this.close();
    return this.stopping;
  }

  private async close(): Promise<void> {
    this.running = false;
    const frames = this.frames;
    this.frames = undefined;
    if (frames && this.hub?.state === HubConnectionState.Connected) {
      frames.complete();
      // The SignalR client queues stream messages on a promise chain without a catch; let the completion go out
      // before the connection closes, or the chain rejects unhandled.
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.hub?.stop().catch(() => {});
  }

  private async pump(camera: CameraCapture): Promise<void> {
    while (this.running) {
      await camera.nextFrame();
      const now = performance.now();
      const challenge = this.progress?.challenge;
      if (challenge && this.pacer.canSend(now)) {
        const data = await camera.grab();
        if (data && this.running) {
          const ts = ++this.sequence;
          const frame = { challengeId: challenge.challengeId, nonce: challenge.nonce, data, timestamp: ts };
          this.pacer.sent(ts, now);
          this.frames?.next(this.protocol === 'msgpack' ? pascalize(frame) : { ...frame, data: toBase64(data) });
        }
      }
    }
  }

  private onEvent(event: { type: string; message: string; status: unknown; ts?: number | null }): void {
    this.pacer.answered(event.ts);
    if (event.status) this.update(event.status);
    switch (event.type) {
      case VerificationEventType.Feedback:
        this.emit('feedback', event.message);
        break;
      case VerificationEventType.ChallengeResult:
        this.emit('challengeResult', event.message);
        break;
      case VerificationEventType.Error:
        // Frames still in flight when a challenge is decided come back refused; that is expected.
        if (!/^(ChallengeAlreadyUsed|Busy)/.test(event.message)) this.emit('feedback', event.message.replace(/^\w+: /, ''));
        break;
      case VerificationEventType.Result:
        this.running = false;
        this.emit('finished', this.progress!);
        void this.stop();
        break;
    }
  }

  private update(raw: unknown): void {
    const s = camelize(raw) as Record<string, unknown> & {
      current: (VerificationChallenge & { kind: unknown }) | null;
      lastMiss?: { kind: unknown; reason: unknown } | null;
    };
    const state = enumName(s.state, VerificationStates) ?? 'Failed';
    this.progress = {
      state,
      challenge: s.current ? { ...s.current, kindName: enumName(s.current.kind, ChallengeKinds) ?? 'Unknown' } : null,
      passed: Number(s.challengesPassed ?? 0),
      total: Number(s.challengesTotal ?? 0),
      expiresAt: Date.parse(String(s.expiresAt)),
      score: s.score === null || s.score === undefined ? null : Number(s.score),
      reason: String(s.reason ?? ''),
      token: typeof s.token === 'string' ? s.token : null,
      lastMiss: s.lastMiss
        ? { kind: enumName(s.lastMiss.kind, ChallengeKinds) ?? 'Unknown', reason: enumName(s.lastMiss.reason, MissReasons) ?? 'Other' }
        : null,
    };
    this.emit('progress', this.progress);
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary);
}
