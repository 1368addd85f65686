import { registerIdentity } from '../api/AuthFlows';
import { createBackup, MinPassphraseLength, type BackupFile } from '../crypto/KeyBackup';
import { KeyStore } from '../crypto/KeyStore';
import type { SigningAlgorithm } from '../crypto/Signatures';
import { asSecureCallError, describe } from '../errors';
import type { App } from './App';
import { clear, field, h, notice } from './dom';
import type { Page } from './Router';
import { lowerCaseAsTyped, UserIdHint, UserIdPattern, userIdProblem } from './UserIdInput';


/**
 * Creates an identity: keys generated here (non-extractable once stored), registered with proof of possession,
 * and optionally an encrypted backup file written before the exportable copies are dropped.
 */
export function createIdentityPage(app: App): Page {
  const userId = h('input', { name: 'userId', required: true, pattern: UserIdPattern, autocomplete: 'username', spellcheck: 'false', autocapitalize: 'none' });
  lowerCaseAsTyped(userId);
  const displayName = h('input', { name: 'displayName', required: true, maxlength: '64', autocomplete: 'name' });
  const algorithm = h('select', { name: 'algorithm' },
    h('option', { value: 'ES256' }, 'ECDSA P-256 (recommended)'),
    h('option', { value: 'PS256' }, 'RSA-PSS 2048'));
  const backup = h('input', { type: 'checkbox', name: 'backup', checked: true });
  const passphrase = h('input', { type: 'password', name: 'passphrase', minlength: String(MinPassphraseLength), autocomplete: 'new-password' });
  const confirm = h('input', { type: 'password', name: 'confirm', autocomplete: 'new-password' });
  const backupFields = h('div', { class: 'backup-fields' },
    field('Backup passphrase', passphrase, `At least ${MinPassphraseLength} characters. Without it the backup cannot be opened — not even by us.`),
    field('Repeat the passphrase', confirm));
  backup.addEventListener('change', () => (backupFields.hidden = !backup.checked));
  const status = h('div', { class: 'status-area', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Create identity');

  const form = h('form', { class: 'card form', novalidate: true },
    field('User id', userId, `${UserIdHint} Others call you by it.`),
    field('Display name', displayName),
    field('Signing key', algorithm),
    h('div', { class: 'field checkbox' }, backup, h('label', { for: 'backup' }, 'Create an encrypted backup file of my keys')),
    backupFields,
    h('p', { class: 'hint' }, 'Keys are created in this browser. With a backup they are exportable for a moment, sealed into the file with your passphrase, then stored as non-exportable keys.'),
    status,
    h('div', { class: 'actions' }, submit, h('a', { class: 'button', href: '/signin', 'data-link': '' }, 'Cancel')));
  backup.id = 'backup';

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const problem = validate();
    if (problem) {
      clear(status, notice('error', problem));
      return;
    }
    submit.disabled = true;
    clear(status, notice('info', 'Creating your keys…'));
    try {
      const { identity, exported } = await KeyStore.generate(userId.value.trim(), displayName.value.trim(), algorithm.value as SigningAlgorithm, backup.checked);
      let file: BackupFile | undefined;
      if (exported) {
        clear(status, notice('info', 'Sealing the backup (this takes a moment on purpose)…'));
        file = await createBackup(identity, exported, passphrase.value);
      }
      clear(status, notice('info', 'Registering with the server…'));
      await registerIdentity(app.api, identity);
      await KeyStore.save(identity);
      await app.signInAs(identity.userId);
      form.replaceWith(done(app, identity.displayName, file));
    } catch (error) {
      clear(status, notice('error', describe(asSecureCallError(error))));
      submit.disabled = false;
    }
  });

  function validate(): string | undefined {
    const idProblem = userIdProblem(userId.value.trim());
    if (idProblem) return idProblem;
    if (!displayName.value.trim()) return 'Enter a display name.';
    if (backup.checked && passphrase.value.length < MinPassphraseLength) return `The backup passphrase needs at least ${MinPassphraseLength} characters.`;
    if (backup.checked && passphrase.value !== confirm.value) return 'The two passphrases differ.';
    return undefined;
  }

  const element = h('section', { class: 'page narrow' },
    h('h1', {}, 'Create your identity'),
    h('p', { class: 'lead' }, 'One identity per person and browser. You can keep several in this browser.'),
    // A person who already has an identity (a backup from another browser) must not have to guess where it goes.
    h('p', { class: 'restore-offer' }, 'Already have an identity? ',
      h('a', { class: 'button small', href: '/restore', 'data-link': '', id: 'restore-instead' }, 'Restore from a backup')),
    form);
  return { element, title: 'Create identity' };
}

function done(app: App, name: string, file: BackupFile | undefined): HTMLElement {
  const next = h('button', { class: 'button primary', type: 'button' }, 'Continue: prove you are live');
  next.addEventListener('click', () => void app.router.go('/verify'));
  const children: (HTMLElement | string)[] = [
    h('h2', {}, `Welcome, ${name}`),
    notice('success', 'Your identity is registered. Your private keys are stored in this browser and cannot be exported.'),
    h('p', { class: 'hint' }, 'To be sure a contact is who they say, compare your safety number with them: it is on the Calls page.'),
  ];
  if (file) {
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
    children.push(h('div', { class: 'backup-ready' },
      h('p', {}, 'Your encrypted key backup is ready. Keep it somewhere safe: with it and your passphrase you can use this identity in another browser.'),
      h('a', { class: 'button', href: url, download: `securecall-${file.userId}.backup.json`, id: 'download-backup' }, 'Download backup file')));
  }
  children.push(h('div', { class: 'actions' }, next));
  return h('div', { class: 'card' }, ...children);
}
