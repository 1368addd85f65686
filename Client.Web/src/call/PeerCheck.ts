import type { ApiClient, UserKeys } from '../api/ApiClient';
import { callAnswerMessage, callOfferMessage } from '../crypto/CanonicalMessage';
import { ContactStore, type KeyCheck } from '../crypto/ContactStore';
import { verify } from '../crypto/Signatures';
import type { Identity } from '../crypto/KeyStore';
import type { CallAnswer, CallOffer } from '../signaling/CallSignals';
import { sdpMatchesFingerprint } from './Sdp';

/**
 * What this browser checked about the other side of a call, independently of the server: the signature over the
 * DTLS fingerprint with the peer's registered key, that the SDP really uses that fingerprint, and whether the key is
 * the one this person acknowledged before.
 */
export interface PeerCheck {
  peerId: string;
  displayName: string;
  signatureValid: boolean;
  fingerprintMatches: boolean;
  key: KeyCheck;
  /** The peer's registered signing key (base64url SPKI), for the safety number; empty when it could not be fetched. */
  signingSpki: string;
  /** Why the call must be blocked, if it must. */
  problem?: string;
}

export const passes = (check: PeerCheck): boolean => check.signatureValid && check.fingerprintMatches && !check.problem;

export async function checkOffer(api: ApiClient, me: Identity, offer: CallOffer): Promise<PeerCheck> {
  if (offer.calleeId !== me.userId) {
    return failed(offer.callerId, 'The offer was addressed to someone else.');
  }
  return check(api, me, offer.callerId, offer.sdp, offer.fingerprint, offer.signature,
    callOfferMessage(offer.callId, offer.callerId, offer.calleeId, offer.nonce, offer.fingerprint));
}

export async function checkAnswer(api: ApiClient, me: Identity, calleeId: string, answer: CallAnswer): Promise<PeerCheck> {
  return check(api, me, calleeId, answer.sdp, answer.fingerprint, answer.signature,
    callAnswerMessage(answer.callId, me.userId, calleeId, answer.nonce, answer.fingerprint));
}

async function check(api: ApiClient, me: Identity, peerId: string, sdp: string, fingerprint: string, signature: string,
  message: Uint8Array<ArrayBuffer>): Promise<PeerCheck> {
  let keys: UserKeys;
  try {
    keys = await api.keys(peerId);
  } catch {
    return failed(peerId, 'The other person’s registered key could not be fetched.');
  }
  const [signatureValid, key] = await Promise.all([
    verify(keys.signingKey.alg, keys.signingKey.spki, message, signature),
    ContactStore.check(me.userId, peerId, keys.signingKey.fingerprint),
  ]);
  const fingerprintMatches = sdpMatchesFingerprint(sdp, fingerprint);
  const result: PeerCheck = { peerId, displayName: keys.displayName, signatureValid, fingerprintMatches, key, signingSpki: keys.signingKey.spki };
  if (!signatureValid) {
    result.problem = 'The signature over the connection’s fingerprint does not verify with their registered key. Someone may be intercepting this call.';
  } else if (!fingerprintMatches) {
    result.problem = 'The connection’s DTLS fingerprint is not the one they signed. Someone may be intercepting this call.';
  }
  return result;
}

function failed(peerId: string, problem: string): PeerCheck {
  return { peerId, displayName: peerId, signatureValid: false, fingerprintMatches: false, key: { kind: 'new' }, signingSpki: '', problem };
}
