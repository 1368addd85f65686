import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TabSession } from '../api/TabSession';
import { InterruptedCall } from './InterruptedCall';

/** sessionStorage as the browser has it (node has none). */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() { return items.size; },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, String(v)),
  };
}

beforeEach(() => vi.stubGlobal('sessionStorage', memoryStorage()));

describe('InterruptedCall', () => {
  const call = { owner: 'bob', callId: 'c1', peerId: 'alice', peerName: 'Alice' };

  it('is shown once, and only to the person whose call it was', () => {
    InterruptedCall.remember(call);
    expect(InterruptedCall.take('mallory')).toBeUndefined();
    InterruptedCall.remember(call);
    expect(InterruptedCall.take('bob')).toEqual(call);
    expect(InterruptedCall.take('bob')).toBeUndefined();
  });

  it('is forgotten when that call ends normally, not when another one does', () => {
    InterruptedCall.remember(call);
    InterruptedCall.forget('other');
    expect(InterruptedCall.peek()).toEqual(call);
    InterruptedCall.forget('c1');
    expect(InterruptedCall.peek()).toBeUndefined();
  });

  it('ignores what it did not write', () => {
    sessionStorage.setItem('securecall.activeCall', '{"owner":"bob","callId":"c1"}');
    expect(InterruptedCall.take('bob')).toBeUndefined();
    sessionStorage.setItem('securecall.activeCall', 'not json');
    expect(InterruptedCall.take('bob')).toBeUndefined();
  });
});

describe('TabSession', () => {
  it('keeps the grant of the last live token across a signature-only renewal, and drops it for another user', () => {
    TabSession.remember('bob', 'grant_1');
    TabSession.remember('bob');
    expect(TabSession.read()).toEqual({ userId: 'bob', grantId: 'grant_1' });
    TabSession.remember('carol');
    expect(TabSession.read()).toEqual({ userId: 'carol' });
  });

  it('refuses ids of the wrong shape', () => {
    sessionStorage.setItem('securecall.tabSession', JSON.stringify({ userId: 'Bob!', grantId: 'g' }));
    expect(TabSession.read()).toBeUndefined();
    sessionStorage.setItem('securecall.tabSession', JSON.stringify({ userId: 'bob', grantId: 'bad\nid' }));
    expect(TabSession.read()).toEqual({ userId: 'bob' });
  });
});
