import { describe, expect, it } from 'vitest';
import { resultHint } from './resultHint';

describe('resultHint', () => {
  it('turns a re-issued gesture into a friendly second chance, not a failure', () => {
    expect(resultHint('retry')).toMatch(/^Let's try that again/);
    expect(resultHint('retry')).not.toMatch(/fail/i);
  });

  it('shows other results as sent, capitalised', () => {
    expect(resultHint('passed')).toBe('Passed');
    expect(resultHint('')).toBe('');
  });
});
