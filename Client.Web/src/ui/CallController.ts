import { CallSession } from '../call/CallSession';
import { openMedia } from '../call/LocalMedia';
import { ContactStore } from '../crypto/ContactStore';
import { asSecureCallError, describe } from '../errors';
import { CallSignalEvent } from '../events';
import type { RingingSignal } from '../signaling/CallSignals';
import type { App } from './App';
import { openDialog } from './Dialog';
import { clear, h, notice } from './dom';
import { inCallView } from './InCallView';
import { incomingCallView } from './IncomingCallView';

/**
 * Owns calls for the whole app, whatever page is open: rings on incoming calls (in every tab of the callee; the
 * first accept wins and the others stop), places outgoing ones, and shows the call screen in the call layer.
 */
export class CallController {
  private active: CallSession | undefined;
  private detach: (() => void) | undefined;

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
      const { iceServers } = await this.app.api.iceServers();
      session = CallSession.outgoing(this.app.api, this.app.signals, this.app.identity, calleeId, media, toRtc(iceServers));
      this.show(session, calleeName);
      await session.place();
    } catch (error) {
      this.layer.prepend(notice('error', describe(asSecureCallError(error))));
      if (!session) this.layer.hidden = false;
    }
  }

  private async onRinging(signal: RingingSignal): Promise<void> {
    const { app } = this;
    if (this.active || !app.signals || !app.identity) return;
    let iceServers: RTCIceServer[] = [];
    try {
      iceServers = toRtc((await app.api.iceServers()).iceServers);
    } catch {
      // Loopback and LAN calls work without ICE servers.
    }
    const session = await CallSession.incoming(app.api, app.signals, app.identity, signal.offer, iceServers);
    this.active = session;
    const status = h('div', { class: 'status-area', 'aria-live': 'polite' });
    const me = { userId: app.identity.userId, signingSpki: app.identity.signingSpki };
    const body = incomingCallView(me, session, signal.callerScore, () => void accept(), () => void decline());
    body.append(status);
    const dialog = openDialog('Incoming call', body, { alert: true });
    dialog.element.classList.add('ringing');
    const offPhase = session.on('phase', (phase) => {
      if (phase.phase === 'ended' && dialog.element.open) {
        dialog.close();
        if (phase.reason !== 'hung-up') this.flashEnded(phase.reason === 'answered-elsewhere' ? 'Answered on another device.' : 'The caller hung up.');
        this.active = undefined;
      }
    });
    const accept = async (): Promise<void> => {
      try {
        const media = await openMedia();
        offPhase();
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
    const view = inCallView(session, peerName, () => {
      view.dispose();
      session.close();
      this.active = undefined;
      this.layer.hidden = true;
      this.layer.replaceChildren();
      document.querySelector<HTMLElement>('main h1')?.focus();
    });
    this.layer.replaceChildren(view.element);
    this.layer.hidden = false;
    view.element.querySelector<HTMLElement>('#hang-up')?.focus();
  }

  private flashEnded(text: string): void {
    const box = notice('info', text);
    document.querySelector('main')?.prepend(box);
    setTimeout(() => box.remove(), 6000);
  }
}

function toRtc(servers: { urls: string[]; username: string | null; credential: string | null }[]): RTCIceServer[] {
  return servers.map((s) => ({ urls: s.urls, ...(s.username ? { username: s.username } : {}), ...(s.credential ? { credential: s.credential } : {}) }));
}
