import { randomBase64Url } from '../api/base64url';
import type { ApiClient } from '../api/ApiClient';
import { callAnswerMessage, callOfferMessage } from '../crypto/CanonicalMessage';
import type { Identity } from '../crypto/KeyStore';
import { sign } from '../crypto/Signatures';
import { asSecureCallError } from '../errors';
import { CallSignalEvent, Emitter } from '../events';
import type { CallSignalClient } from '../signaling/CallSignalClient';
import type { CallOffer, IceCandidateSignal, Renegotiation } from '../signaling/CallSignals';
import { next, type CallEvent, type CallPhase } from './CallStateMachine';
import { grade, sample, type Quality, type QualitySample } from './ConnectionQuality';
import { checkAnswer, checkOffer, passes, type PeerCheck } from './PeerCheck';
import { fingerprintOf, sdpMatchesFingerprint } from './Sdp';

/** What the other side says about its own microphone and camera, over the call's data channel. */
export interface RemoteMediaState {
  audio: boolean;
  video: boolean;
}

type Events = {
  phase: CallPhase;
  localStream: MediaStream;
  check: PeerCheck;
  remoteStream: MediaStream;
  remoteMedia: RemoteMediaState;
  quality: Quality;
};

const ControlChannel = 'securecall-control';
/**
 * How long a dropped media path may try to come back before the call is given up, counted once from when the browser
 * first reports it down (about 5 s after the last packet, ICE consent freshness), never restarted by a later state:
 * a call without media ends as failed about 20 s after the media stopped, as README says.
 */
export const ReconnectGraceMs = 15_000;
/** A disconnected path that has not recovered by itself after this long gets an ICE restart. */
const RestartAfterMs = 3_000;
const MaxRestarts = 3;

/**
 * One call in this browser: the RTCPeerConnection, signing our offer or answer over its DTLS fingerprint, checking
 * the other side's, trickling candidates (ours buffered until the server knows the call, theirs until the remote
 * description is set), a data channel for honest mute/camera state, and quality from getStats.
 */
export class CallSession extends Emitter<Events> {
  readonly callId: string;
  readonly role: 'caller' | 'callee';
  readonly peerId: string;
  private state: CallPhase;
  private readonly pc: RTCPeerConnection;
  private readonly localCandidates: IceCandidateSignal[] = [];
  private readonly remoteCandidates: RTCIceCandidateInit[] = [];
  private signalled = false;
  private remoteDescriptionSet = false;
  private control: RTCDataChannel | undefined;
  private qualityTimer: ReturnType<typeof setInterval> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSample: QualitySample | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  peerCheck: PeerCheck | undefined;
  /** The DTLS fingerprints signed at set-up: ours, and the peer's that this browser verified. ICE restarts keep both. */
  private localFingerprint = '';
  private remoteFingerprint = '';
  private restarts = 0;
  localMedia: RemoteMediaState = { audio: true, video: true };
  localStream: MediaStream = new MediaStream();

  private constructor(
    private readonly api: ApiClient,
    private readonly signals: CallSignalClient,
    private readonly me: Identity,
    localStream: MediaStream | undefined,
    rtc: RTCConfiguration,
    role: 'caller' | 'callee',
    callId: string,
    peerId: string,
    private readonly offer?: CallOffer,
  ) {
    super();
    this.role = role;
    this.callId = callId;
    this.peerId = peerId;
    this.state = { phase: 'idle' };
    this.pc = new RTCPeerConnection(rtc);
    if (localStream) this.useLocalStream(localStream);
    this.pc.onicecandidate = (e) => {
      if (e.candidate?.candidate) this.queueLocalCandidate(e.candidate);
    };
    this.pc.ontrack = (e) => {
      const stream = e.streams[0] ?? new MediaStream([e.track]);
      this.emit('remoteStream', stream);
    };
    this.pc.onconnectionstatechange = () => this.onConnectionState();
    this.pc.ondatachannel = (e) => this.useControl(e.channel);
    this.pc.onnegotiationneeded = () => void this.restartIce();
    this.unsubscribe.push(
      signals.on(CallSignalEvent.Answered, (s) => {
        if (s.callId === this.callId) void this.onAnswered(s.answer);
      }),
      signals.on(CallSignalEvent.Candidate, (s) => {
        if (s.callId === this.callId) void this.onRemoteCandidate(s.candidate);
      }),
      signals.on(CallSignalEvent.Renegotiate, (s) => {
        if (s.callId === this.callId) void this.onRenegotiate(s.renegotiation);
      }),
      signals.on(CallSignalEvent.CallState, (s) => {
        if (s.callId === this.callId) this.apply({ type: 'server', state: s.state, reason: s.reason });
      }),
      signals.on(CallSignalEvent.Reconnected, () => void this.rejoin()),
    );
  }

  /** A new outgoing call; {@link place} starts it. */
  static outgoing(api: ApiClient, signals: CallSignalClient, me: Identity, calleeId: string, media: MediaStream, rtc: RTCConfiguration): CallSession {
    return new CallSession(api, signals, me, media, rtc, 'caller', randomBase64Url(18), calleeId);
  }

  /** An incoming call from a Ringing signal; the offer is checked before anything is shown as trustworthy. */
  static async incoming(api: ApiClient, signals: CallSignalClient, me: Identity, offer: CallOffer, rtc: RTCConfiguration): Promise<CallSession> {
    // No camera yet: it is opened only when the person accepts.
    const session = new CallSession(api, signals, me, undefined, rtc, 'callee', offer.callId, offer.callerId, offer);
    session.apply({ type: 'incoming' });
    session.setCheck(await checkOffer(api, me, offer));
    return session;
  }

  get phase(): CallPhase {
    return this.state;
  }

  get connection(): RTCPeerConnection {
    return this.pc;
  }

  async place(): Promise<void> {
    this.apply({ type: 'place' });
    try {
      this.useControl(this.pc.createDataChannel(ControlChannel, { ordered: true }));
      await this.pc.setLocalDescription(await this.pc.createOffer());
      const sdp = this.pc.localDescription!.sdp;
      const fingerprint = fingerprintOf(sdp);
      this.localFingerprint = fingerprint;
      const nonce = randomBase64Url(32);
      const signature = await sign(this.me.algorithm, this.me.signingKey, callOfferMessage(this.callId, this.me.userId, this.peerId, nonce, fingerprint));
      const placed = await this.signals.placeCall({ callId: this.callId, calleeId: this.peerId, sdp, fingerprint, nonce, signature });
      // Ringing from here on: an answer may arrive while the buffered candidates are still being relayed.
      this.apply({ type: 'placed', state: placed.state, reason: placed.reason });
      // A call that already ended (nobody to ring, or busy) takes no candidates: the server would refuse each one.
      if (this.state.phase === 'ended') return;
      await this.flushLocalCandidates();
    } catch (error) {
      this.fail(error);
      throw asSecureCallError(error);
    }
  }

  /** Accepts an incoming call; refused when this browser's own check of the offer failed. */
  async accept(media: MediaStream): Promise<void> {
    if (!this.offer || !this.peerCheck || !passes(this.peerCheck)) {
      throw new Error('This call cannot be accepted: its offer did not pass the security check.');
    }
    this.apply({ type: 'accept' });
    try {
      await this.pc.setRemoteDescription({ type: 'offer', sdp: this.offer.sdp });
      // Added after the offer, so the tracks take the offer's transceivers (send and receive on the same m-lines).
      this.useLocalStream(media);
      await this.afterRemoteDescription();
      await this.pc.setLocalDescription(await this.pc.createAnswer());
      const sdp = this.pc.localDescription!.sdp;
      const fingerprint = fingerprintOf(sdp);
      this.localFingerprint = fingerprint;
      this.remoteFingerprint = this.offer.fingerprint;
      const nonce = randomBase64Url(32);
      const signature = await sign(this.me.algorithm, this.me.signingKey, callAnswerMessage(this.callId, this.peerId, this.me.userId, nonce, fingerprint));
      await this.signals.acceptCall({ callId: this.callId, sdp, fingerprint, nonce, signature });
      await this.flushLocalCandidates();
    } catch (error) {
      this.fail(error);
      throw asSecureCallError(error);
    }
  }

  async reject(): Promise<void> {
    this.apply({ type: 'hang-up' });
    await this.signals.rejectCall(this.callId).catch(() => {});
    this.close();
  }

  async hangUp(reason = 'hung up'): Promise<void> {
    const wasActive = this.state.phase !== 'ended';
    this.apply({ type: 'hang-up' });
    if (wasActive) {
      await this.signals.hangUp(this.callId, reason).catch(() => {});
    }
    this.close();
  }

  setMicrophone(on: boolean): void {
    this.localStream.getAudioTracks().forEach((t) => (t.enabled = on));
    this.localMedia = { ...this.localMedia, audio: on };
    this.sendControl();
  }

  setCamera(on: boolean): void {
    this.localStream.getVideoTracks().forEach((t) => (t.enabled = on));
    this.localMedia = { ...this.localMedia, video: on };
    this.sendControl();
  }

  /** Swaps the sent track for a new device's track without renegotiating. */
  async replaceTrack(track: MediaStreamTrack): Promise<void> {
    if (this.pc.connectionState === 'closed') {
      track.stop();
      return;
    }
    const sender = this.pc.getSenders().find((s) => s.track?.kind === track.kind);
    const old = this.localStream.getTracks().find((t) => t.kind === track.kind);
    track.enabled = track.kind === 'audio' ? this.localMedia.audio : this.localMedia.video;
    await sender?.replaceTrack(track);
    if (old) {
      this.localStream.removeTrack(old);
      old.stop();
    }
    this.localStream.addTrack(track);
  }

  private useLocalStream(stream: MediaStream): void {
    this.localStream = stream;
    this.emit('localStream', stream);
    for (const track of stream.getTracks()) {
      this.pc.addTrack(track, stream);
    }
  }

  close(): void {
    clearInterval(this.qualityTimer);
    clearTimeout(this.reconnectTimer);
    this.unsubscribe.forEach((u) => u());
    this.control?.close();
    this.pc.close();
    this.localStream.getTracks().forEach((t) => t.stop());
  }

  private apply(event: CallEvent): void {
    const before = this.state;
    this.state = next(this.state, event);
    if (this.state !== before) {
      this.emit('phase', this.state);
      if (this.state.phase === 'ended') this.close();
    }
  }

  private fail(error: unknown): void {
    this.apply({ type: 'error', detail: asSecureCallError(error).message });
  }

  private setCheck(check: PeerCheck): void {
    this.peerCheck = check;
    this.emit('check', check);
  }

  private async onAnswered(answer: import('../signaling/CallSignals').CallAnswer): Promise<void> {
    if (this.role !== 'caller' || this.state.phase !== 'ringing') return;
    const check = await checkAnswer(this.api, this.me, this.peerId, answer);
    this.setCheck(check);
    if (!passes(check)) {
      this.apply({ type: 'security-failure', detail: check.problem ?? 'The answer failed the security check.' });
      await this.signals.hangUp(this.callId, 'answer failed the caller’s signature check').catch(() => {});
      return;
    }
    this.apply({ type: 'answered' });
    this.remoteFingerprint = answer.fingerprint;
    try {
      await this.pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
      await this.afterRemoteDescription();
    } catch (error) {
      this.fail(error);
    }
  }

  private async onRemoteCandidate(candidate: IceCandidateSignal): Promise<void> {
    const init: RTCIceCandidateInit = { candidate: candidate.candidate, sdpMid: candidate.sdpMid ?? null, sdpMLineIndex: candidate.sdpMLineIndex ?? null };
    if (!this.remoteDescriptionSet) {
      this.remoteCandidates.push(init);
      return;
    }
    await this.pc.addIceCandidate(init).catch((e) => console.warn('ICE candidate refused', e));
  }

  private async afterRemoteDescription(): Promise<void> {
    this.remoteDescriptionSet = true;
    for (const init of this.remoteCandidates.splice(0)) {
      await this.pc.addIceCandidate(init).catch((e) => console.warn('ICE candidate refused', e));
    }
  }

  private queueLocalCandidate(candidate: RTCIceCandidate): void {
    const signal: IceCandidateSignal = { callId: this.callId, candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex };
    if (this.signalled) {
      void this.signals.sendCandidate(signal).catch((e) => console.warn('candidate not relayed', e));
    } else {
      this.localCandidates.push(signal);
    }
  }

  private async flushLocalCandidates(): Promise<void> {
    this.signalled = true;
    for (const candidate of this.localCandidates.splice(0)) {
      await this.signals.sendCandidate(candidate).catch((e) => console.warn('candidate not relayed', e));
    }
  }

  private onConnectionState(): void {
    switch (this.pc.connectionState) {
      case 'connected':
        clearTimeout(this.reconnectTimer);
        this.reconnectTimer = undefined;
        if (this.state.phase === 'connecting') {
          void this.signals.reportConnected(this.callId).catch(() => {});
          this.startQuality();
        }
        this.apply({ type: 'media-connected' });
        break;
      case 'disconnected':
        this.apply({ type: 'media-interrupted' });
        // ICE often recovers by itself from a short outage; if not, the caller restarts ICE; give up after a grace period.
        this.armGiveUp('the media connection did not come back');
        setTimeout(() => {
          if (this.pc.connectionState === 'disconnected' && this.role === 'caller') this.pc.restartIce();
        }, RestartAfterMs);
        break;
      case 'failed':
        this.apply({ type: 'media-interrupted' });
        this.armGiveUp('the media connection failed');
        if (this.role === 'caller' && this.restarts < MaxRestarts) {
          this.pc.restartIce();
        } else if (this.role === 'caller') {
          void this.giveUp('the media connection failed');
        }
        break;
    }
  }

  /** Starts the grace once per outage: 'disconnected' then 'failed' (or an ICE restart's checks) must not restart it. */
  private armGiveUp(detail: string): void {
    if (this.reconnectTimer !== undefined) return;
    this.reconnectTimer = setTimeout(() => void this.giveUp(detail), ReconnectGraceMs);
  }

  /**
   * After the call hub reconnected (a new connection): tell the server this side of the call goes on over it, or the
   * call fails after its rejoin grace; a call that ended meanwhile ends here too.
   */
  private async rejoin(): Promise<void> {
    if (this.state.phase === 'idle' || this.state.phase === 'ended' || this.state.phase === 'incoming') return;
    try {
      const snapshot = await this.signals.rejoinCall(this.callId);
      if (['Ended', 'Rejected', 'Missed', 'Busy', 'Failed'].includes(snapshot.state)) {
        this.apply({ type: 'server', state: snapshot.state, reason: snapshot.reason });
      }
    } catch (error) {
      console.warn('rejoining the call failed', error);
    }
  }

  /**
   * ICE restart, started by the caller only (so both sides never offer at once): a new offer with fresh ICE
   * credentials over the same certificate, relayed by the server, answered by the callee.
   */
  private async restartIce(): Promise<void> {
    if (this.role !== 'caller' || (this.state.phase !== 'connected' && this.state.phase !== 'reconnecting')) return;
    if (this.pc.signalingState !== 'stable') return;
    this.restarts++;
    try {
      await this.pc.setLocalDescription(await this.pc.createOffer({ iceRestart: true }));
      const sdp = this.pc.localDescription!.sdp;
      if (fingerprintOf(sdp) !== this.localFingerprint) throw new Error('The DTLS certificate changed during the call.');
      await this.signals.renegotiate({ callId: this.callId, type: 'offer', sdp });
    } catch (error) {
      console.warn('ICE restart failed', error);
    }
  }

  private async onRenegotiate(renegotiation: Renegotiation): Promise<void> {
    // The same check as at set-up: the other side's SDP must use the fingerprint this browser verified.
    if (!sdpMatchesFingerprint(renegotiation.sdp, this.remoteFingerprint)) {
      this.apply({ type: 'security-failure', detail: 'A renegotiation tried to change the other side’s DTLS certificate.' });
      await this.signals.hangUp(this.callId, 'renegotiation changed the certificate').catch(() => {});
      return;
    }
    try {
      if (renegotiation.type === 'offer' && this.role === 'callee') {
        await this.pc.setRemoteDescription({ type: 'offer', sdp: renegotiation.sdp });
        await this.pc.setLocalDescription(await this.pc.createAnswer());
        await this.signals.renegotiate({ callId: this.callId, type: 'answer', sdp: this.pc.localDescription!.sdp });
      } else if (renegotiation.type === 'answer' && this.role === 'caller' && this.pc.signalingState === 'have-local-offer') {
        await this.pc.setRemoteDescription({ type: 'answer', sdp: renegotiation.sdp });
      }
    } catch (error) {
      console.warn('renegotiation failed', error);
    }
  }

  private async giveUp(detail: string): Promise<void> {
    if (this.state.phase === 'ended') return;
    this.apply({ type: 'media-failed', detail });
    await this.signals.hangUp(this.callId, detail).catch(() => {});
  }

  private useControl(channel: RTCDataChannel): void {
    if (channel.label !== ControlChannel) return;
    this.control = channel;
    channel.onopen = () => this.sendControl();
    channel.onmessage = (e) => {
      try {
        const message = JSON.parse(String(e.data)) as { type?: string; audio?: unknown; video?: unknown };
        if (message.type === 'media' && typeof message.audio === 'boolean' && typeof message.video === 'boolean') {
          this.emit('remoteMedia', { audio: message.audio, video: message.video });
        }
      } catch {
        // A malformed control message is ignored.
      }
    };
  }

  private sendControl(): void {
    if (this.control?.readyState === 'open') {
      this.control.send(JSON.stringify({ type: 'media', ...this.localMedia }));
    }
  }

  private startQuality(): void {
    clearInterval(this.qualityTimer);
    this.qualityTimer = setInterval(async () => {
      try {
        const current = await sample(this.pc);
        this.emit('quality', grade(this.lastSample, current));
        this.lastSample = current;
      } catch {
        // The connection closed between ticks.
      }
    }, 2000);
  }
}
