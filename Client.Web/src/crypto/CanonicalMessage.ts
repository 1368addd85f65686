import { utf8 } from '../api/base64url';

/**
 * The exact bytes a client signs (same as the server's CanonicalMessage): UTF-8 text, a domain-separation header
 * per purpose, fields separated by newlines. A field containing a newline is refused, so the encoding is unambiguous.
 */
export const Headers = {
  Register: 'securecall/register/v1',
  Authenticate: 'securecall/auth/v1',
  Resume: 'securecall/resume/v1',
  CallOffer: 'securecall/call-offer/v1',
  CallAnswer: 'securecall/call-answer/v1',
  KeyBackup: 'securecall/key-backup/v1',
} as const;

export function canonical(header: string, ...fields: string[]): Uint8Array<ArrayBuffer> {
  for (const field of fields) {
    if (field.includes('\n')) {
      throw new Error('A signed field must not contain a newline.');
    }
  }
  return utf8([header, ...fields].join('\n'));
}

export const registerMessage = (userId: string, challengeId: string, nonce: string, fingerprint: string) =>
  canonical(Headers.Register, userId, challengeId, nonce, fingerprint);

export const authenticateMessage = (userId: string, challengeId: string, nonce: string) =>
  canonical(Headers.Authenticate, userId, challengeId, nonce);

/** Redeems the liveness grant `grantId` (the live token's jti) after a reload. */
export const resumeMessage = (userId: string, challengeId: string, nonce: string, grantId: string) =>
  canonical(Headers.Resume, userId, challengeId, nonce, grantId);

export const callOfferMessage = (callId: string, callerId: string, calleeId: string, nonce: string, fingerprint: string) =>
  canonical(Headers.CallOffer, callId, callerId, calleeId, nonce, fingerprint);

export const callAnswerMessage = (callId: string, callerId: string, calleeId: string, nonce: string, fingerprint: string) =>
  canonical(Headers.CallAnswer, callId, callerId, calleeId, nonce, fingerprint);
