import { describe, expect, it } from 'vitest';
import { missHint, resultHint } from './resultHint';

describe('resultHint', () => {
  it('turns a re-issued gesture into a friendly second chance, not a failure', () => {
    expect(resultHint('retry')).toMatch(/^Let's try that again/);
    expect(resultHint('retry')).not.toMatch(/fail/i);
  });

  it('says what to do differently when the server said why the attempt was missed', () => {
    expect(resultHint('retry', { kind: 'TurnHeadLeft', reason: 'TooSmall' })).toContain('Turn a little further to your left.');
  });

  it('shows other results as sent, capitalised', () => {
    expect(resultHint('passed')).toBe('Passed');
    expect(resultHint('')).toBe('');
  });
});

describe('missHint', () => {
  it('names the movement that was not seen', () => {
    expect(missHint({ kind: 'Blink', reason: 'NotSeen' })).toMatch(/could not see your eyes close/);
  });

  it('tells a still picture apart from a missed gesture', () => {
    const still = missHint({ kind: 'Blink', reason: 'NoLiveFace' });
    expect(still).toMatch(/did not move at all/);
    expect(still).not.toBe(missHint({ kind: 'Blink', reason: 'NotSeen' }));
  });
});
