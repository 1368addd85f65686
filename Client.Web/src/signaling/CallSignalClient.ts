import { HubConnectionState, type HubConnection } from '@microsoft/signalr';
import { ClientErrorCode, SecureCallError, fromHubError } from '../errors';
import { CallSignalEvent, Emitter } from '../events';
import { buildHub, type HubProtocolName } from './HubFactory';
import {
  CallStates, type AnsweredSignal, type CallAnswer, type CallSnapshot, type CallStateSignal, type CandidateSignal,
  type IceCandidateSignal, type Renegotiation, type RenegotiateSignal, type RingingSignal,
} from './CallSignals';
import { camelize, enumName, pascalize } from './wire';

export const CallHubPath = '/hubs/calls';

type Events = {
  [CallSignalEvent.Ringing]: RingingSignal;
  [CallSignalEvent.Answered]: AnsweredSignal;
  [CallSignalEvent.Candidate]: CandidateSignal;
  [CallSignalEvent.Renegotiate]: RenegotiateSignal;
  [CallSignalEvent.CallState]: CallStateSignal;
  [CallSignalEvent.Reconnecting]: void;
  [CallSignalEvent.Reconnected]: void;
  [CallSignalEvent.Closed]: SecureCallError | undefined;
};

/**
 * The call hub (`/hubs/calls`): typed methods for the client-to-server calls and typed events for what the server
 * pushes. Reconnects on its own (backoff with jitter); once the connection is back it asks `WhoAmI` again so the
 * server has re-registered it for incoming calls before it reports itself reconnected.
 */
export class CallSignalClient extends Emitter<Events> {
  private readonly hub: HubConnection;

  constructor(baseUrl: string, accessToken: () => string, private readonly protocol: HubProtocolName = 'msgpack') {
    super();
    this.hub = buildHub(baseUrl + CallHubPath, accessToken, protocol);
    this.hub.on('Ringing', (s: unknown) => this.emit(CallSignalEvent.Ringing, camelize(s) as RingingSignal));
    this.hub.on('Answered', (s: unknown) => this.emit(CallSignalEvent.Answered, camelize(s) as AnsweredSignal));
    this.hub.on('Candidate', (s: unknown) => this.emit(CallSignalEvent.Candidate, camelize(s) as CandidateSignal));
    this.hub.on('Renegotiate', (s: unknown) => this.emit(CallSignalEvent.Renegotiate, camelize(s) as RenegotiateSignal));
    this.hub.on('CallState', (s: unknown) => this.emit(CallSignalEvent.CallState, CallSignalClient.state(s)));
    this.hub.onreconnecting(() => this.emit(CallSignalEvent.Reconnecting, undefined));
    this.hub.onreconnected(() => {
      void this.whoAmI().then(() => this.emit(CallSignalEvent.Reconnected, undefined)).catch(() => {});
    });
    this.hub.onclose((error) => this.emit(CallSignalEvent.Closed, error ? fromHubError(error) : undefined));
  }

  get connected(): boolean {
    return this.hub.state === HubConnectionState.Connected;
  }

  /** Connects; resolves with the user id once the server can ring this connection. */
  async start(): Promise<string> {
    try {
      await this.hub.start();
    } catch (error) {
      throw fromHubError(error);
    }
    return this.whoAmI();
  }

  stop(): Promise<void> {
    return this.hub.stop();
  }

  whoAmI(): Promise<string> {
    return this.invoke<string>('WhoAmI');
  }

  placeCall(request: { callId: string; calleeId: string; sdp: string; fingerprint: string; nonce: string; signature: string }): Promise<CallSnapshot> {
    return this.invoke<CallSnapshot>('PlaceCall', request);
  }

  acceptCall(answer: CallAnswer): Promise<CallSnapshot> {
    return this.invoke<CallSnapshot>('AcceptCall', answer);
  }

  rejectCall(callId: string): Promise<CallSnapshot> {
    return this.invoke<CallSnapshot>('RejectCall', { callId });
  }

  sendCandidate(candidate: IceCandidateSignal): Promise<void> {
    return this.invoke<void>('SendCandidate', candidate);
  }

  renegotiate(renegotiation: Renegotiation): Promise<void> {
    return this.invoke<void>('Renegotiate', renegotiation);
  }

  reportConnected(callId: string): Promise<CallSnapshot> {
    return this.invoke<CallSnapshot>('ReportConnected', { callId });
  }

  hangUp(callId: string, reason: string): Promise<CallSnapshot> {
    return this.invoke<CallSnapshot>('HangUp', { callId, reason });
  }

  /** This connection now carries our side of the call (after a reconnect). */
  rejoinCall(callId: string): Promise<CallSnapshot> {
    return this.invoke<CallSnapshot>('RejoinCall', { callId });
  }

  /** A call this tab lost (the page was reloaded during it): it fails at once, and the other side is told. */
  abandonCall(callId: string): Promise<CallSnapshot> {
    return this.invoke<CallSnapshot>('AbandonCall', { callId });
  }

  private async invoke<T>(method: string, argument?: object): Promise<T> {
    if (this.hub.state !== HubConnectionState.Connected) {
      throw new SecureCallError(ClientErrorCode.Network, 'Not connected to the call service; reconnecting.');
    }
    try {
      const args = argument === undefined ? [] : [this.protocol === 'msgpack' ? pascalize(argument) : argument];
      const result = await this.hub.invoke<unknown>(method, ...args);
      if (result && typeof result === 'object') {
        const snapshot = camelize(result) as Record<string, unknown>;
        snapshot.state = enumName(snapshot.state, CallStates) ?? snapshot.state;
        return snapshot as T;
      }
      return result as T;
    } catch (error) {
      throw fromHubError(error);
    }
  }

  private static state(raw: unknown): CallStateSignal {
    const signal = camelize(raw) as { callId: string; state: unknown; reason: string };
    return { callId: signal.callId, state: enumName(signal.state, CallStates) ?? 'Failed', reason: signal.reason ?? '' };
  }
}
