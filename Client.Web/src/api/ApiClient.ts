import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { ClientErrorCode, SecureCallError, asSecureCallError, fromProblem, type Problem } from '../errors';

export type Schemas = components['schemas'];
export type ChallengeResponse = Schemas['ChallengeResponse'];
export type UserKeys = Schemas['UserKeysResponse'];
export type VerificationStatus = Schemas['VerificationStatus'];
export type VerificationChallenge = Schemas['VerificationChallenge'];
export type StartVerificationResponse = Schemas['StartVerificationResponse'];
export type IceServers = Schemas['IceServersResponse'];
export type MissedCalls = Schemas['MissedCallsResponse'];

/**
 * The HTTP API, typed from the server's own OpenAPI document (`openapi/v1.json`, generated into `schema.d.ts`).
 * Every refusal becomes a {@link SecureCallError} with the server's `code`; a 401 on a call that sent a token also
 * tells {@link onUnauthorized} so the app can send the person back to sign-in.
 */
export class ApiClient {
  private readonly client;
  private token: string | undefined;

  constructor(baseUrl: string, private readonly onUnauthorized: () => void = () => {}) {
    this.client = createClient<paths>({ baseUrl });
    const auth: Middleware = {
      onRequest: ({ request }) => {
        if (this.token) {
          request.headers.set('Authorization', `Bearer ${this.token}`);
        }
        return request;
      },
    };
    this.client.use(auth);
  }

  setToken(token: string | undefined): void {
    this.token = token;
  }

  registrationChallenge(userId: string): Promise<ChallengeResponse> {
    return this.call(() => this.client.POST('/api/users/challenge', { body: { userId } }));
  }

  register(body: Schemas['RegisterKeysRequest']): Promise<Schemas['RegisterKeysResponse']> {
    return this.call(() => this.client.POST('/api/users', { body }));
  }

  keys(userId: string): Promise<UserKeys> {
    return this.call(() => this.client.GET('/api/users/{userId}/keys', { params: { path: { userId } } }));
  }

  loginChallenge(userId: string): Promise<ChallengeResponse> {
    return this.call(() => this.client.POST('/api/auth/challenge', { body: { userId } }));
  }

  respond(challengeId: string, signature: string): Promise<Schemas['TokenResponse']> {
    return this.call(() => this.client.POST('/api/auth/respond', { body: { challengeId, signature } }));
  }

  resumeChallenge(userId: string): Promise<ChallengeResponse> {
    return this.call(() => this.client.POST('/api/auth/resume/challenge', { body: { userId } }));
  }

  resume(challengeId: string, grantId: string, signature: string): Promise<Schemas['TokenResponse']> {
    return this.call(() => this.client.POST('/api/auth/resume', { body: { challengeId, grantId, signature } }));
  }

  /** Revokes this user's liveness grants on the server. */
  signOut(): Promise<Schemas['SignOutResponse']> {
    return this.call(() => this.client.POST('/api/auth/sign-out'));
  }

  startVerification(userId: string, enrollFace: boolean): Promise<StartVerificationResponse> {
    return this.call(() => this.client.POST('/auth/verify', { body: { user_id: userId, enroll_face: enrollFace } }));
  }

  /** Ends an open proof-of-life session (the person pressed Cancel). */
  cancelVerification(sessionId: string): Promise<VerificationStatus> {
    return this.call(() => this.client.DELETE('/auth/verify/{sessionId}', { params: { path: { sessionId } } }));
  }

  /** Which of these users can be rung now. */
  async online(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const result = await this.call(() => this.client.POST('/api/presence', { body: { userIds } }));
    return new Set(result.online);
  }

  /** The calls missed since the last look; the server forgets them once returned. */
  takeMissedCalls(): Promise<MissedCalls> {
    return this.call(() => this.client.POST('/api/calls/missed'));
  }

  iceServers(): Promise<IceServers> {
    return this.call(() => this.client.GET('/api/calls/ice-servers'));
  }

  private async call<T>(send: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
    let result: { data?: T; error?: unknown; response: Response };
    try {
      result = await send();
    } catch (error) {
      throw asSecureCallError(error);
    }
    if (result.response.ok && result.data !== undefined) {
      return result.data;
    }
    const status = result.response.status;
    if (status === 401 && this.token) {
      this.onUnauthorized();
    }
    const problem = typeof result.error === 'object' && result.error !== null ? (result.error as Problem) : undefined;
    if (!result.response.ok) {
      throw fromProblem(problem, status);
    }
    throw new SecureCallError(ClientErrorCode.Internal, `The server answered ${status} without a body.`, status);
  }
}
