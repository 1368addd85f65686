import type { ApiClient } from './ApiClient';
import { authenticateMessage, registerMessage, resumeMessage } from '../crypto/CanonicalMessage';
import type { Identity } from '../crypto/KeyStore';
import { sign } from '../crypto/Signatures';
import { ClientErrorCode, SecureCallError } from '../errors';

/** Registration with proof of possession and sign-in by challenge-response, as README's HTTP API describes. */
export async function registerIdentity(api: ApiClient, identity: Identity): Promise<void> {
  const challenge = await api.registrationChallenge(identity.userId);
  const signature = await sign(identity.algorithm, identity.signingKey,
    registerMessage(identity.userId, challenge.challengeId, challenge.nonce, identity.fingerprint));
  const registered = await api.register({
    userId: identity.userId,
    displayName: identity.displayName,
    signingKey: { alg: identity.algorithm, spki: identity.signingSpki },
    agreementKey: { alg: 'ECDH-P256', spki: identity.agreementSpki },
    password: null,
    challengeId: challenge.challengeId,
    signature,
  });
  if (registered.signingKeyFingerprint !== identity.fingerprint) {
    throw new SecureCallError(ClientErrorCode.KeyMismatch, 'The server registered a different key fingerprint than this browser holds.');
  }
}

export async function signIn(api: ApiClient, identity: Identity): Promise<string> {
  const challenge = await api.loginChallenge(identity.userId);
  const signature = await sign(identity.algorithm, identity.signingKey, authenticateMessage(identity.userId, challenge.challengeId, challenge.nonce));
  const { token } = await api.respond(challenge.challengeId, signature);
  return token;
}

/**
 * After a reload: redeems the liveness grant of the tab's last live token with a fresh signature by the device key.
 * The token that comes back has that token's assurance and expiry (never later); a refusal means a new proof of life.
 */
export async function resumeLiveness(api: ApiClient, identity: Identity, grantId: string): Promise<string> {
  const challenge = await api.resumeChallenge(identity.userId);
  const signature = await sign(identity.algorithm, identity.signingKey, resumeMessage(identity.userId, challenge.challengeId, challenge.nonce, grantId));
  const { token } = await api.resume(challenge.challengeId, grantId, signature);
  return token;
}

/** Checks that the server still holds this identity's signing key (e.g. after a restore on another browser). */
export async function confirmRegisteredKey(api: ApiClient, identity: Identity): Promise<void> {
  const keys = await api.keys(identity.userId);
  if (keys.signingKey.fingerprint !== identity.fingerprint) {
    throw new SecureCallError(ClientErrorCode.KeyMismatch,
      'The server has a different signing key for this user than the one in this backup; it cannot be used to sign in.');
  }
}
