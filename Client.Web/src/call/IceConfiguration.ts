import type { IceServers } from '../api/ApiClient';

/**
 * The RTCPeerConnection configuration the server hands out: its STUN/TURN servers (TURN with short-lived
 * credentials) and its transport policy. "relay" sends media only through TURN, so neither person learns the other's
 * IP addresses; anything but an explicit "all" is taken as "relay", so an unexpected answer never leaks them.
 */
export function iceConfiguration(response: IceServers): RTCConfiguration {
  return {
    iceServers: response.iceServers.map((s) => ({
      urls: s.urls,
      ...(s.username ? { username: s.username } : {}),
      ...(s.credential ? { credential: s.credential } : {}),
    })),
    iceTransportPolicy: response.iceTransportPolicy === 'all' ? 'all' : 'relay',
  };
}
