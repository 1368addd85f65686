import { InterruptedCall } from '../call/InterruptedCall';
import { CallSession } from '../call/CallSession';
import { iceConfiguration } from '../call/IceConfiguration';
import { openMedia } from '../call/LocalMedia';
import { ContactStore } from '../crypto/ContactStore';
import { asSecureCallError, describe } from '../errors';
import { CallSignalEvent } from '../events';
import { passes } from '../call/PeerCheck';
import type { RingingSignal } from '../signaling/CallSignals';
import type { App } from './App';
import { openDialog } from './Dialog';
import { clear, h, notice } from './dom';
import { inCallView } from './InCallView';
import { alertIncomingCall } from './IncomingCallAlert';
import { incomingCallView } from './IncomingCallView';

/**
 * Owns calls for the whole app, whatever page is open: rings on incoming calls (in every tab of the callee; the
 * first accept wins and the others stop), places outgoing ones, and shows the call screen in the call layer.
 */
export class CallController {
  private active: CallSession | undefined;
  private detach: (() => void) | undefined;
  /** Takes the current call screen down. */
  private leaveView: (() => void) | undefined;
  /** A ring from the very person this tab is calling: held until the server says which of the two calls goes on. */
  private crossing: RingingSignal | undefined;

  constructor(private readonly app: App, private readonly layer: HTMLElement) {}

  get busy(): boolean {
    return !!this.active;
  }

  /** Listens for incoming calls on the app's current call connection. */
  attach(): void {
    this.detach?.();
    const signals = this.app.signals;
    this.detach = signals?.on(CallSignalEvent.Ringing, (signal) => void this.onRinging(signal));
  }

  async call(calleeId: string, calleeName: string): Promise<void> {
    if (this.active || !this.app.signals || !this.app.identity) return;
    let session: CallSession | undefined;
    try {
      const media = await openMedia();
      const rtc = iceConfiguration(await this.app.api.iceServers());
      session = CallSession.outgoing(this.app.api, this.app.signals, this.app.identity, calleeId, media, rtc);
      this.show(session, calleeName);
      await session.place();
    } catch (error) {
      this.layer.prepend(notice('error', describe(asSecureCallError(error))));
      if (!session) this.layer.hidden = false;
    }
  }

  private async onRinging(signal: RingingSignal): Promise<void> {
    const active = this.active;
    if (active?.role === 'caller' && active.peerId === signal.offer.callerId) {
      const phase = active.phase;
      if (phase.phase === 'idle' || phase.phase === 'placing' || phase.phase === 'ringing') {
        this.crossing = signal;
        return;
      }
      if (phase.phase === 'ended' && phase.reason === 'crossed') {
        await this.join(signal);
        return;
      }
    }
    await this.ring(signal);
  }

  /**
   * Both called each other at once and the server kept their call (see CallGrain's glare rule): answer it without
   * asking, since this person had just asked to talk to them. Only a call that passes this browser's own checks is
   * answered so; any other rings as usual.
   */
  private async join(signal: RingingSignal): Promise<void> {
    const { app } = this;
    if (!app.signals || !app.identity) return;
    const session = await CallSession.incoming(app.api, app.signals, app.identity, signal.offer, await this.iceServers());
    const check = session.peerCheck;
    if (!check || !passes(check) || check.key.kind === 'changed') {
      session.close();
      await this.ring(signal);
      return;
    }
    try {
      const media = await openMedia();
      this.leaveView?.();
      this.show(session, check.displayName);
      await session.accept(media);
      if (check.key.kind !== 'same') await this.remember(session);
    } catch (error) {
      this.layer.prepend(notice('error', describe(asSecureCallError(error))));
    }
  }

  private async iceServers(): Promise<RTCConfiguration> {
    try {
      return iceConfiguration(await this.app.api.iceServers());
    } catch {
      // Loopback and LAN calls work without ICE servers.
      return {};
    }
  }

  private async ring(signal: RingingSignal): Promise<void> {
    const { app } = this;
    // A session that already ended never blocks ringing: only a live call makes this tab busy.
    if ((this.active && this.active.phase.phase !== 'ended') || !app.signals || !app.identity) return;
    const session = await CallSession.incoming(app.api, app.signals, app.identity, signal.offer, await this.iceServers());
    this.active = session;
    const status = h('div', { class: 'status-area', 'aria-live': 'polite' });
    const me = { userId: app.identity.userId, signingSpki: app.identity.signingSpki };
    const body = incomingCallView(me, session, signal.callerScore, () => void accept(), () => void decline());
    body.append(status);
    // Closing the dialog any other way than Accept (Escape, above all) declines: the caller must not ring on.
    let settled = false;
    const dialog = openDialog('Incoming call', body, { alert: true, onClose: () => !settled && void decline() });
    dialog.element.classList.add('ringing');
    // Ring, notify and mark the tab until the call is answered, declined or gone, whichever comes first.
    const stopAlert = alertIncomingCall(session.peerCheck?.displayName ?? session.peerId, session.peerId);
    const offPhase = session.on('phase', (phase) => {
      if (phase.phase === 'ended') stopAlert();
      if (phase.phase === 'ended' && dialog.element.open) {
        settled = true;
        dialog.close();
        if (phase.reason !== 'hung-up' && phase.reason !== 'crossed') this.flashEnded(phase.reason === 'answered-elsewhere' ? 'Answered on another device.' : 'The caller hung up.');
        this.active = undefined;
      }
    });
    const accept = async (): Promise<void> => {
      stopAlert();
      try {
        const media = await openMedia();
        offPhase();
        settled = true;
        dialog.close();
        this.show(session, session.peerCheck?.displayName ?? session.peerId);
        await session.accept(media);
        if (session.peerCheck && session.peerCheck.key.kind !== 'same') {
          await this.remember(session);
        }
      } catch (error) {
        clear(status, notice('error', describe(asSecureCallError(error))));
      }
    };
    const decline = async (): Promise<void> => {
      stopAlert();
      settled = true;
      offPhase();
      dialog.close();
      this.active = undefined;
      await session.reject();
    };
  }

  /** After a call with someone new (or whose key change was acknowledged), remember their current key. */
  private async remember(session: CallSession): Promise<void> {
    const check = session.peerCheck!;
    const keys = await this.app.api.keys(check.peerId);
    const existing = check.key.kind === 'new' ? undefined : check.key.contact;
    await ContactStore.save({
      owner: this.app.identity!.userId, userId: check.peerId, displayName: keys.displayName, algorithm: keys.signingKey.alg,
      signingSpki: keys.signingKey.spki, fingerprint: keys.signingKey.fingerprint, addedAt: existing?.addedAt ?? new Date().toISOString(),
      verified: false,
    });
  }

  private show(session: CallSession, peerName: string): void {
    this.active = session;
    const offMemory = this.rememberDuring(session, peerName);
    const offCrossed = session.on('phase', (phase) => {
      if (phase.phase !== 'ended') return;
      const crossing = this.crossing;
      this.crossing = undefined;
      if (crossing && crossing.offer.callerId === session.peerId) {
        void (phase.reason === 'crossed' ? this.join(crossing) : this.ring(crossing));
      }
    });
    const leave = (): void => {
      offCrossed();
      offMemory();
      if (this.leaveView === leave) this.leaveView = undefined;
      view.dispose();
      session.close();
      this.active = undefined;
      this.layer.hidden = true;
      this.layer.replaceChildren();
    };
    const callAgain = (): void => {
      leave();
      void this.call(session.peerId, peerName);
    };
    const view = inCallView(session, peerName, () => {
      leave();
      document.querySelector<HTMLElement>('main h1')?.focus();
    }, session.role === 'caller' ? callAgain : undefined);
    this.leaveView = leave;
    this.layer.replaceChildren(view.element);
    this.layer.hidden = false;
    // Focus on the call's heading, not on Hang up: a second Enter (the one that accepted, pressed twice) must not end the call.
    const heading = view.element.querySelector<HTMLElement>('h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  /** While the call is live this tab remembers it, so that a reload can say which call was interrupted. */
  private rememberDuring(session: CallSession, peerName: string): () => void {
    const owner = this.app.identity!.userId;
    const track = (phase: CallSession['phase']): void => {
      if (phase.phase === 'ended') InterruptedCall.forget(session.callId);
      else if (phase.phase !== 'idle' && phase.phase !== 'incoming') {
        InterruptedCall.remember({ owner, callId: session.callId, peerId: session.peerId, peerName });
      }
    };
    track(session.phase);
    return session.on('phase', track);
  }

  private flashEnded(text: string): void {
    const box = notice('info', text);
    document.querySelector('main')?.prepend(box);
    setTimeout(() => box.remove(), 6000);
  }
}

