import { HttpTransportType, HubConnectionBuilder, LogLevel, type HubConnection, type IRetryPolicy } from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';

export type HubProtocolName = 'msgpack' | 'json';

/**
 * Reconnects forever with exponential backoff (0.5 s doubling to 30 s) and ±50 % jitter, so a restarted server is
 * not hit by every browser at the same moment.
 */
export const backoffWithJitter: IRetryPolicy = {
  nextRetryDelayInMilliseconds: ({ previousRetryCount }) => {
    const base = Math.min(30_000, 500 * 2 ** Math.min(previousRetryCount, 6));
    return Math.round(base * (0.5 + Math.random()));
  },
};

/** A hub connection over WebSockets (no negotiation round trip, so any frontend can take it without stickiness). */
export function buildHub(url: string, accessToken: () => string, protocol: HubProtocolName, reconnect = true): HubConnection {
  const builder = new HubConnectionBuilder()
    .withUrl(url, { accessTokenFactory: accessToken, skipNegotiation: true, transport: HttpTransportType.WebSockets })
    .configureLogging(LogLevel.None);
  if (protocol === 'msgpack') {
    builder.withHubProtocol(new MessagePackHubProtocol());
  }
  if (reconnect) {
    builder.withAutomaticReconnect(backoffWithJitter);
  }
  return builder.build();
}

// Read once at load: in-app navigation drops the query string.
const chosenProtocol: HubProtocolName = new URLSearchParams(location.search).get('hub') === 'json' ? 'json' : 'msgpack';

/** The protocol to use; opening the app with `?hub=json` switches to JSON (useful for inspecting traffic). */
export function preferredProtocol(): HubProtocolName {
  return chosenProtocol;
}
