import type { CallSession } from '../call/CallSession';
import { passes, type PeerCheck } from '../call/PeerCheck';
import { safetyNumber, type SafetyParty } from '../crypto/SafetyNumber';
import { h } from './dom';
import { safetyNumberView } from './SafetyNumberView';

/**
 * What the callee sees while it rings: who is calling (verified name), their verification score, this browser's
 * own check of the offer signature over the DTLS fingerprint, the safety number, and a blocking warning when the
 * check failed or the caller's key changed.
 */
export function incomingCallView(me: SafetyParty, session: CallSession, callerScore: number | null, onAccept: () => void, onDecline: () => void): HTMLElement {
  const check = session.peerCheck!;
  const ok = passes(check);
  const changed = check.key.kind === 'changed';
  const accept = h('button', { class: 'button accept', type: 'button', id: 'accept-call', disabled: !ok || changed }, 'Accept');
  const decline = h('button', { class: 'button decline', type: 'button', id: 'decline-call' }, 'Decline');
  accept.addEventListener('click', onAccept);
  decline.addEventListener('click', onDecline);

  const parts: (HTMLElement | false)[] = [
    h('p', { class: 'caller' }, h('strong', { id: 'caller-name' }, check.displayName), h('span', { class: 'muted' }, ` @${check.peerId}`)),
    h('ul', { class: 'checks', 'aria-label': 'Security checks' },
      checkItem(check.signatureValid, 'Caller’s signature verified by this browser', 'Caller’s signature does NOT verify', 'check-signature'),
      checkItem(check.fingerprintMatches, 'Connection fingerprint matches the signed one', 'Connection fingerprint differs from the signed one', 'check-fingerprint'),
      h('li', { class: 'check ok' }, h('span', { 'aria-hidden': 'true' }, '✓ '), 'Server checked their signature, the SDP fingerprint and their proof of life'),
      h('li', { class: 'check' }, `Their verification score: ${callerScore === null ? 'not given' : callerScore.toFixed(2)}`)),
    !ok && h('div', { class: 'notice notice-error', role: 'alert', id: 'call-security-warning' },
      h('strong', {}, 'Do not trust this call. '), check.problem ?? 'The security check failed.'),
    ok && changed && keyChangedWarning(check, accept),
    ok && check.key.kind === 'new' && h('p', { class: 'hint' }, 'This person is not in your contacts yet. Compare the safety number with them to be sure.'),
    check.signingSpki ? lazySafetyNumber(me, { userId: check.peerId, signingSpki: check.signingSpki }) : false,
    h('div', { class: 'actions' }, accept, decline),
  ];
  return h('div', { class: 'incoming' }, ...parts.filter((p): p is HTMLElement => !!p));
}

/** The safety number takes a moment (5,200 hash rounds); ringing must not wait for it. */
function lazySafetyNumber(me: SafetyParty, peer: SafetyParty): HTMLElement {
  const box = h('div', { class: 'safety-pending' }, h('p', { class: 'muted' }, 'Computing safety number…'));
  void safetyNumber(me, peer).then((digits) => box.replaceChildren(safetyNumberView(digits, 'Safety number')));
  return box;
}

function checkItem(ok: boolean, good: string, bad: string, id: string): HTMLElement {
  return h('li', { class: `check ${ok ? 'ok' : 'bad'}`, id, 'data-ok': String(ok) }, h('span', { 'aria-hidden': 'true' }, ok ? '✓ ' : '✗ '), ok ? good : bad);
}

/** A changed key must be acknowledged before the call can be accepted. */
export function keyChangedWarning(check: PeerCheck, unlock: HTMLButtonElement): HTMLElement {
  const box = h('input', { type: 'checkbox', id: 'ack-key-change' });
  box.addEventListener('change', () => (unlock.disabled = !box.checked));
  return h('div', { class: 'notice notice-warning', role: 'alert', id: 'key-changed-warning' },
    h('strong', {}, `${check.displayName}’s key has changed. `),
    'They may have a new device — or someone is impersonating them. Compare the new safety number with them before you continue.',
    h('div', { class: 'field checkbox' }, box, h('label', { for: 'ack-key-change' }, 'I understand the key changed and want to continue')));
}
