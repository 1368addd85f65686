import { confirmRegisteredKey } from '../api/AuthFlows';
import { parseBackup, restoreBackup } from '../crypto/KeyBackup';
import { KeyStore } from '../crypto/KeyStore';
import { asSecureCallError, describe } from '../errors';
import type { App } from './App';
import { clear, field, h, notice } from './dom';
import type { Page } from './Router';

/** Restores an identity from its encrypted backup file: keys re-imported non-extractable, then a normal sign-in. */
export function restorePage(app: App): Page {
  const file = h('input', { type: 'file', name: 'backup', accept: '.json,application/json', required: true });
  const passphrase = h('input', { type: 'password', name: 'passphrase', required: true, autocomplete: 'current-password' });
  const status = h('div', { class: 'status-area', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Restore and sign in');
  const form = h('form', { class: 'card form' },
    field('Backup file', file),
    field('Passphrase', passphrase),
    status,
    h('div', { class: 'actions' }, submit, h('a', { class: 'button', href: '/signin', 'data-link': '' }, 'Cancel')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      clear(status, notice('error', 'Choose your backup file.'));
      return;
    }
    submit.disabled = true;
    clear(status, notice('info', 'Opening the backup…'));
    try {
      const backup = parseBackup(await chosen.text());
      const identity = await restoreBackup(backup, passphrase.value);
      await confirmRegisteredKey(app.api, identity);
      await KeyStore.save(identity);
      await app.signInAs(identity.userId);
      await app.router.go('/verify');
    } catch (error) {
      clear(status, notice('error', describe(asSecureCallError(error))));
      submit.disabled = false;
      passphrase.select();
    }
  });

  const element = h('section', { class: 'page narrow' },
    h('h1', {}, 'Restore from a backup'),
    h('p', { class: 'lead' }, 'The backup is decrypted in this browser only; your passphrase is never sent anywhere.'),
    form);
  return { element, title: 'Restore' };
}
