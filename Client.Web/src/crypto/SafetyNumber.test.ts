import { describe, expect, it } from 'vitest';
import { formatSafetyNumber, safetyNumber } from './SafetyNumber';
import vectors from './safety-number-vectors.json';

describe('SafetyNumber', () => {
  it('matches the shared vectors (the C# SafetyNumberTests check the same file)', async () => {
    for (const v of vectors.vectors) {
      expect(await safetyNumber(v.a, v.b)).toBe(v.safetyNumber);
    }
  });

  it('is the same from both sides and has 60 digits in 12 groups', async () => {
    const [v] = vectors.vectors;
    const ab = await safetyNumber(v!.a, v!.b);
    expect(await safetyNumber(v!.b, v!.a)).toBe(ab);
    expect(ab).toMatch(/^\d{60}$/);
    expect(formatSafetyNumber(ab)).toHaveLength(12);
  });

  it('changes when either key or user id changes', async () => {
    const [v, w] = vectors.vectors;
    const base = await safetyNumber(v!.a, v!.b);
    expect(await safetyNumber(v!.a, { ...v!.b, signingSpki: w!.b.signingSpki })).not.toBe(base);
    expect(await safetyNumber({ ...v!.a, userId: 'mallory' }, v!.b)).not.toBe(base);
  });
});
