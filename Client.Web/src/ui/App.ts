import { ApiClient } from '../api/ApiClient';
import { resumeLiveness, signIn } from '../api/AuthFlows';
import { TabSession } from '../api/TabSession';
import { InterruptedCall } from '../call/InterruptedCall';
import { readClaims, type TokenClaims } from '../api/TokenClaims';
import { KeyStore, type Identity } from '../crypto/KeyStore';
import { ClientErrorCode, SecureCallError } from '../errors';
import { CallSignalEvent, Emitter, SessionEvent } from '../events';
import { CallSignalClient } from '../signaling/CallSignalClient';
import { preferredProtocol } from '../signaling/HubFactory';
import type { Router } from './Router';

type Events = {
  [SessionEvent.SignedIn]: Identity;
  [SessionEvent.SignedOut]: void;
  [SessionEvent.Expired]: void;
  [SessionEvent.Verified]: TokenClaims;
  [SessionEvent.Refreshed]: TokenClaims;
  connection: 'connected' | 'reconnecting' | 'offline';
};

const ReturnKey = 'securecall.returnTo';
const RefreshBeforeMs = 60_000;

/**
 * The signed-in state of this tab: the local identity, its current access token (kept in memory only, never in
 * storage), and the call hub connection once the token proves liveness. When the token expires the person is sent
 * to sign-in and brought back to the page they were on.
 */
export class App extends Emitter<Events> {
  readonly api: ApiClient;
  identity: Identity | undefined;
  token: string | undefined;
  claims: TokenClaims | undefined;
  signals: CallSignalClient | undefined;
  router!: Router;
  /** A message for the next page (e.g. why the person was sent to sign-in). */
  flash: { kind: 'error' | 'warning' | 'success' | 'info'; text: string } | undefined;
  private expiry: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly baseUrl: string) {
    super();
    this.api = new ApiClient(baseUrl, () => void this.expire());
  }

  /** Calls need a token from a session that proved liveness and matched the enrolled face (the server enforces it). */
  get canCall(): boolean {
    return !!this.claims?.amr.includes('live') && !!this.claims.amr.includes('face');
  }

  async signInAs(userId: string): Promise<void> {
    const identity = await KeyStore.get(userId);
    const started = performance.now();
    this.api.setToken(undefined);
    const token = await signIn(this.api, identity);
    console.debug(`sign-in took ${Math.round(performance.now() - started)} ms`);
    this.identity = identity;
    await this.useToken(token);
    this.emit(SessionEvent.SignedIn, identity);
  }

  /**
   * After a reload: signs this tab's person in again with the stored key (no prompt), and, if their last live token
   * has not expired, redeems its liveness grant with a fresh signature instead of asking for a new proof of life.
   * False when the tab remembered nobody (or their key is gone): the sign-in page is shown as usual.
   */
  async restore(): Promise<boolean> {
    const memory = TabSession.read();
    if (!memory) return false;
    let identity: Identity;
    try {
      identity = await KeyStore.get(memory.userId);
    } catch {
      TabSession.forget();
      return false;
    }
    this.identity = identity;
    let token: string | undefined;
    if (memory.grantId) {
      try {
        token = await resumeLiveness(this.api, identity, memory.grantId);
      } catch (error) {
        // Expired, revoked or refused: a signature login follows, and calls need a new proof of life.
        console.info('the proof of life could not be resumed', error);
      }
    }
    try {
      await this.useToken(token ?? (await signIn(this.api, identity)), memory.grantId);
    } catch {
      this.identity = undefined;
      return false;
    }
    this.emit(SessionEvent.SignedIn, identity);
    return true;
  }

  /**
   * Adopts a new token (after sign-in, or the stronger one a passed verification session issues). A live token's id
   * names its liveness grant, which this tab remembers for a reload; `grantId` is passed when the token was redeemed.
   */
  async useToken(token: string, grantId?: string): Promise<void> {
    const claims = readClaims(token);
    if (this.identity && claims.sub !== this.identity.userId) {
      throw new SecureCallError(ClientErrorCode.Internal, 'The token names another user.');
    }
    this.token = token;
    this.claims = claims;
    this.api.setToken(token);
    TabSession.remember(claims.sub, claims.amr.includes('live') ? (grantId ?? claims.jti) : undefined);
    clearTimeout(this.expiry);
    // A minute before expiry, sign in again with the stored key (no prompt needed). The fresh token proves the
    // signature only: the call in progress goes on, and the next call needs a new face unlock.
    this.expiry = setTimeout(() => void this.refresh(), Math.max(0, claims.exp * 1000 - Date.now() - RefreshBeforeMs));
    if (claims.amr.includes('live')) {
      this.emit(SessionEvent.Verified, claims);
      await this.connectCalls();
    }
  }

  /** Renews the token by a fresh challenge-response; if that fails, the session has expired. */
  async refresh(): Promise<void> {
    const identity = this.identity;
    if (!identity || !this.token) return;
    try {
      const token = await signIn(this.api, identity);
      await this.useToken(token);
      this.emit(SessionEvent.Refreshed, this.claims!);
    } catch {
      await this.expire();
    }
  }

  async signOut(): Promise<void> {
    // The server revokes the liveness grants, so nothing from this session can be redeemed after a reload.
    if (this.token) await this.api.signOut().catch((error) => console.warn('revoking the liveness grants failed', error));
    TabSession.forget();
    InterruptedCall.clear();
    await this.dropSession();
    this.emit(SessionEvent.SignedOut, undefined);
    await this.router.go('/signin');
  }

  /** The token expired or was refused: back to sign-in, remembering where the person was. */
  async expire(): Promise<void> {
    if (!this.token) return;
    sessionStorage.setItem(ReturnKey, location.pathname);
    const who = this.identity?.userId;
    TabSession.forget();
    await this.dropSession();
    this.flash = { kind: 'warning', text: `Your session expired${who ? ` for ${who}` : ''}. Sign in again to continue where you were.` };
    this.emit(SessionEvent.Expired, undefined);
    await this.router.go('/signin');
  }

  /** Where to go after signing in: the page the person was on when their session expired, else verification. */
  takeReturnPath(): string {
    const path = sessionStorage.getItem(ReturnKey);
    sessionStorage.removeItem(ReturnKey);
    return path && path !== '/signin' ? path : '/verify';
  }

  private async connectCalls(): Promise<void> {
    if (this.signals) {
      await this.signals.stop().catch(() => {});
    }
    const signals = new CallSignalClient(this.baseUrl, () => this.token ?? '', preferredProtocol());
    signals.on(CallSignalEvent.Reconnecting, () => this.emit('connection', 'reconnecting'));
    signals.on(CallSignalEvent.Reconnected, () => this.emit('connection', 'connected'));
    signals.on(CallSignalEvent.Closed, (error) => {
      if (this.signals !== signals) return;
      this.emit('connection', 'offline');
      if (error?.code === ClientErrorCode.Unauthorized) void this.expire();
    });
    this.signals = signals;
    await signals.start();
    this.emit('connection', 'connected');
  }

  private async dropSession(): Promise<void> {
    clearTimeout(this.expiry);
    const signals = this.signals;
    this.signals = undefined;
    this.token = undefined;
    this.claims = undefined;
    this.api.setToken(undefined);
    await signals?.stop().catch(() => {});
  }
}
