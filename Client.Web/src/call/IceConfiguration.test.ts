import { describe, expect, it } from 'vitest';
import { iceConfiguration } from './IceConfiguration';

const turn = { urls: ['turn:127.0.0.1:3478?transport=udp'], username: '1796643124:alice', credential: 'c2VjcmV0' };

describe('iceConfiguration', () => {
  it('passes the servers on, with credentials only where the server gave them', () => {
    const config = iceConfiguration({ iceServers: [{ urls: ['stun:example.org'], username: null, credential: null }, turn], ttl: 3600, iceTransportPolicy: 'all' });
    expect(config.iceServers).toEqual([{ urls: ['stun:example.org'] }, turn]);
    expect(config.iceTransportPolicy).toBe('all');
  });

  it('uses relay candidates only when the server asks for relay', () => {
    expect(iceConfiguration({ iceServers: [turn], ttl: 3600, iceTransportPolicy: 'relay' }).iceTransportPolicy).toBe('relay');
  });

  it('takes an unknown policy as relay, so it never exposes addresses by mistake', () => {
    expect(iceConfiguration({ iceServers: [turn], ttl: 3600, iceTransportPolicy: 'Relay ' }).iceTransportPolicy).toBe('relay');
  });
});
