import { describe, expect, it } from 'vitest';
import { fromHubError, fromProblem } from './errors';

describe('errors', () => {
  it('reads the code of a hub refusal', () => {
    const error = fromHubError(new Error("An unexpected error occurred invoking 'PlaceCall' on the server. HubException: FingerprintMismatch: the SDP differs."));
    expect(error.code).toBe('FingerprintMismatch');
    expect(error.message).toBe('the SDP differs.');
  });

  it('reads the code of a problem, with a fallback per status', () => {
    expect(fromProblem({ code: 'RateLimited', detail: 'slow down' }, 429)).toMatchObject({ code: 'RateLimited', message: 'slow down', status: 429 });
    expect(fromProblem(undefined, 401).code).toBe('Unauthorized');
    expect(fromProblem(undefined, 502).code).toBe('Http502');
  });
});
