import { ContactStore, type Contact } from '../crypto/ContactStore';
import { safetyNumber } from '../crypto/SafetyNumber';
import { asSecureCallError, describe } from '../errors';
import type { App } from './App';
import type { CallController } from './CallController';
import { CallNotifications } from './CallNotifications';
import { openDialog } from './Dialog';
import { clear, field, h, notice } from './dom';
import type { Page } from './Router';
import { safetyNumberView } from './SafetyNumberView';
import { lowerCaseAsTyped, UserIdHint, userIdProblem } from './UserIdInput';

/** Contacts (added by user id, each with their safety number) and calling them. */
export async function callsPage(app: App, calls: CallController): Promise<Page> {
  const me = app.identity!;
  const status = h('div', { class: 'status-area', 'aria-live': 'polite' });
  const list = h('ul', { class: 'contact-list', 'aria-label': 'Contacts' });
  const contactId = h('input', { name: 'contact', placeholder: 'their user id', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none' });
  const add = h('button', { class: 'button', type: 'submit' }, 'Add contact');
  lowerCaseAsTyped(contactId);
  const form = h('form', { class: 'add-contact', novalidate: true }, field('Add a contact by user id', contactId, UserIdHint), add);

  let online = new Set<string>();
  const refresh = async (): Promise<void> => {
    const contacts = await ContactStore.list(me.userId);
    clear(list, ...(contacts.length ? contacts.map(item) : [h('li', { class: 'empty' }, 'No contacts yet. Add someone by their user id.')]));
    void updatePresence(contacts);
  };

  /** Presence is a hint (who can be rung now); calling someone offline simply goes unanswered. */
  const updatePresence = async (contacts?: Contact[]): Promise<void> => {
    try {
      online = await app.api.online((contacts ?? (await ContactStore.list(me.userId))).map((c) => c.userId));
    } catch {
      return;
    }
    list.querySelectorAll<HTMLElement>('[data-presence]').forEach((dot) => {
      const isOnline = online.has(dot.dataset.presence!);
      dot.className = `presence ${isOnline ? 'online' : 'offline'}`;
      dot.textContent = isOnline ? 'online' : 'offline';
    });
  };
  const presenceTimer = setInterval(() => {
    if (document.visibilityState === 'visible') void updatePresence();
  }, 10_000);

  const item = (contact: Contact): HTMLElement => {
    const call = h('button', { class: 'button primary', type: 'button', 'data-call': contact.userId, disabled: !app.canCall, 'aria-label': `Call ${contact.displayName}` }, 'Call');
    const safety = h('button', { class: 'button', type: 'button', 'data-safety': contact.userId, 'aria-label': `Safety number with ${contact.displayName}` }, 'Safety number');
    call.addEventListener('click', () => void placeCall(contact));
    safety.addEventListener('click', () => void showSafety(contact));
    return h('li', { class: 'contact' },
      h('div', { class: 'avatar', 'aria-hidden': 'true' }, contact.displayName.slice(0, 1).toUpperCase()),
      h('div', { class: 'identity-text' },
        h('strong', {}, contact.displayName, contact.verified ? h('span', { class: 'badge', title: 'Safety number compared' }, 'verified') : ''),
        h('span', { class: 'muted' }, `@${contact.userId} · `, h('span', { class: `presence ${online.has(contact.userId) ? 'online' : 'offline'}`, 'data-presence': contact.userId }, online.has(contact.userId) ? 'online' : 'offline'))),
      h('div', { class: 'row-actions' }, safety, call));
  };

  /** Before calling, the contact's key on the server must still be the one acknowledged. */
  const placeCall = async (contact: Contact): Promise<void> => {
    try {
      const keys = await app.api.keys(contact.userId);
      if (keys.signingKey.fingerprint !== contact.fingerprint) {
        const proceed = await confirmKeyChange(contact, keys.signingKey.spki);
        if (!proceed) return;
        await ContactStore.save({ ...contact, signingSpki: keys.signingKey.spki, fingerprint: keys.signingKey.fingerprint, verified: false });
      }
      await calls.call(contact.userId, contact.displayName);
    } catch (error) {
      clear(status, notice('error', describe(asSecureCallError(error))));
    }
  };

  const confirmKeyChange = async (contact: Contact, newSpki: string): Promise<boolean> => {
    const digits = await safetyNumber({ userId: me.userId, signingSpki: me.signingSpki }, { userId: contact.userId, signingSpki: newSpki });
    return new Promise((resolve) => {
      const box = h('input', { type: 'checkbox', id: 'ack-key-change' });
      const go = h('button', { class: 'button primary', type: 'button', disabled: true, id: 'ack-continue' }, 'Continue with the new key');
      const stop = h('button', { class: 'button', type: 'button' }, 'Cancel');
      box.addEventListener('change', () => (go.disabled = !box.checked));
      let answered = false;
      const dialog = openDialog(`${contact.displayName}’s key has changed`, h('div', {},
        notice('warning', 'Their signing key is not the one you saw before. They may have a new device — or someone is impersonating them. Compare the new safety number with them first.'),
        safetyNumberView(digits, 'New safety number'),
        h('div', { class: 'field checkbox' }, box, h('label', { for: 'ack-key-change' }, 'I understand the key changed and want to continue')),
        h('div', { class: 'actions' }, go, stop)), { alert: true, onClose: () => !answered && resolve(false) });
      go.addEventListener('click', () => { answered = true; dialog.close(); resolve(true); });
      stop.addEventListener('click', () => { answered = true; dialog.close(); resolve(false); });
    });
  };

  const showSafety = async (contact: Contact): Promise<void> => {
    const digits = await safetyNumber({ userId: me.userId, signingSpki: me.signingSpki }, { userId: contact.userId, signingSpki: contact.signingSpki });
    const mark = h('button', { class: 'button primary', type: 'button', id: 'mark-verified' }, contact.verified ? 'Verified ✓' : 'Mark as verified');
    const closeButton = h('button', { class: 'button', type: 'button' }, 'Close');
    const dialog = openDialog(`Safety number with ${contact.displayName}`, h('div', {},
      h('p', {}, 'Compare these digits with ', h('strong', {}, contact.displayName), ' in person or over another trusted channel. If they match, nobody is in the middle.'),
      safetyNumberView(digits, 'Safety number'),
      h('div', { class: 'actions' }, mark, closeButton)));
    mark.addEventListener('click', async () => {
      await ContactStore.save({ ...contact, verified: true });
      dialog.close();
      await refresh();
    });
    closeButton.addEventListener('click', () => dialog.close());
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = contactId.value.trim();
    const problem = !id ? 'Enter a user id.' : id === me.userId ? 'That is you.' : userIdProblem(id);
    if (problem) {
      clear(status, notice('error', problem));
      return;
    }
    add.disabled = true;
    try {
      const keys = await app.api.keys(id);
      const existing = await ContactStore.get(me.userId, id);
      if (existing && existing.fingerprint !== keys.signingKey.fingerprint) {
        if (!(await confirmKeyChange(existing, keys.signingKey.spki))) return;
      }
      const contact = await ContactStore.save({
        owner: me.userId, userId: id, displayName: keys.displayName, algorithm: keys.signingKey.alg, signingSpki: keys.signingKey.spki,
        fingerprint: keys.signingKey.fingerprint, addedAt: existing?.addedAt ?? new Date().toISOString(), verified: false,
      });
      contactId.value = '';
      clear(status, notice('success', `${contact.displayName} added. Compare your safety number with them to be sure it is them.`));
      await refresh();
    } catch (error) {
      const e = asSecureCallError(error);
      clear(status, notice('error', e.code === 'UserNotFound' ? `No user named ${id} is registered.` : describe(e)));
    } finally {
      add.disabled = false;
    }
  });

  await refresh();
  const banner = app.canCall
    ? notice('success', 'Verified live, face matched: you can place and accept calls.')
    : notice('warning', 'Calls need a session that proves you are live and matches your enrolled face. ',
      h('a', { href: '/verify', 'data-link': '' }, app.claims?.amr.includes('live') ? 'Unlock calls with your face' : 'Prove you are live'), ' first.');
  const copy = h('button', { class: 'button small', type: 'button', id: 'copy-user-id' }, 'Copy');
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(me.userId).then(() => (copy.textContent = 'Copied'), () => (copy.textContent = 'Copy failed'));
  });
  const element = h('section', { class: 'page' },
    h('h1', {}, 'Calls'),
    h('p', { class: 'lead share-id' }, 'Others add you by your user id: ', h('strong', { class: 'mono', id: 'my-user-id' }, me.userId), ' ', copy),
    banner,
    CallNotifications.control(),
    status,
    h('div', { class: 'card' }, form, list));
  return { element, title: 'Calls', dispose: () => clearInterval(presenceTimer) };
}
