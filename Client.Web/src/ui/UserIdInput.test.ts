import { describe, expect, it } from 'vitest';
import { userIdProblem } from './UserIdInput';

describe('userIdProblem', () => {
  it('accepts what the server accepts', () => {
    for (const id of ['ben', 'pia.phone', 'a_b-c.9', 'x'.repeat(64)]) expect(userIdProblem(id)).toBeUndefined();
  });

  it('names the characters it refuses and the rule', () => {
    expect(userIdProblem('Pia.Phone')).toMatch(/“P”.*lower-case letters a–z/);
    expect(userIdProblem('pia phone')).toMatch(/spaces/);
    expect(userIdProblem('pi')).toMatch(/at least 3/);
    expect(userIdProblem('x'.repeat(65))).toMatch(/at most 64/);
  });
});
