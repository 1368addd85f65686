/** Firefox-style SDPs for the fingerprint tests: the signed fingerprint and others of each digest size. */
export const signed = 'sha-256 8F:1A:7C:22:9B:E0:41:D3:5C:6A:0F:B2:93:11:4E:7D:C8:A5:36:F9:02:BB:6D:E4:17:90:3A:C1:58:2E:FD:64';
export const signedHex = signed.slice('sha-256 '.length);
export const other256 = 'sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF';
export const other384 = `sha-384 ${Array.from({ length: 48 }, (_, i) => (i * 5 % 256).toString(16).padStart(2, '0').toUpperCase()).join(':')}`;
export const other512 = `sha-512 ${Array.from({ length: 64 }, (_, i) => (i * 7 % 256).toString(16).padStart(2, '0').toUpperCase()).join(':')}`;

/** A Firefox-style offer: a session-level fingerprint, then audio, video and data sections each with their own. */
export function firefoxSdp(session: string, audio: string, video: string, data: string): string {
  return [
    'v=0',
    'o=mozilla...THIS_IS_SDPARTA-99.0 4294967296 0 IN IP4 0.0.0.0',
    's=-',
    't=0 0',
    session,
    'a=group:BUNDLE 0 1 2',
    'a=ice-options:trickle',
    'a=msid-semantic:WMS *',
    'm=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101',
    'c=IN IP4 0.0.0.0',
    'a=sendrecv',
    audio,
    'a=mid:0',
    'a=setup:actpass',
    'm=video 9 UDP/TLS/RTP/SAVPF 120 124 121',
    'c=IN IP4 0.0.0.0',
    'a=sendrecv',
    video,
    'a=mid:1',
    'a=setup:actpass',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'c=IN IP4 0.0.0.0',
    data,
    'a=mid:2',
    'a=sctp-port:5000',
    '',
  ].join('\r\n');
}

