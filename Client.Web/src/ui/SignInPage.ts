import { KeyStore } from '../crypto/KeyStore';
import { asSecureCallError, describe } from '../errors';
import type { App } from './App';
import { clear, h, notice } from './dom';
import type { Page } from './Router';

/** Lists this browser's identities; signing in is one click (the private key signs the server's challenge). */
export async function signInPage(app: App): Promise<Page> {
  const identities = await KeyStore.list();
  const status = h('div', { class: 'status-area', 'aria-live': 'polite' });
  if (app.flash) {
    status.append(notice(app.flash.kind, app.flash.text));
    app.flash = undefined;
  }
  const list = h('ul', { class: 'identity-list', 'aria-label': 'Identities in this browser' },
    ...identities.map((identity) => {
      const button = h('button', { class: 'button primary', 'data-user': identity.userId, 'aria-label': `Sign in as ${identity.displayName} (${identity.userId})` }, 'Sign in');
      button.addEventListener('click', async () => {
        button.disabled = true;
        button.textContent = 'Signing in…';
        try {
          await app.signInAs(identity.userId);
          await app.router.go(app.takeReturnPath());
        } catch (error) {
          clear(status, notice('error', describe(asSecureCallError(error))));
          button.disabled = false;
          button.textContent = 'Sign in';
        }
      });
      return h('li', { class: 'identity-card' },
        h('div', { class: 'avatar', 'aria-hidden': 'true' }, identity.displayName.slice(0, 1).toUpperCase()),
        h('div', { class: 'identity-text' },
          h('strong', {}, identity.displayName),
          // Who, not how: people compare keys by the safety number, so no algorithm name or key fingerprint here.
          h('span', { class: 'muted' }, `@${identity.userId}`)),
        button);
    }));

  const element = h('section', { class: 'page narrow' },
    h('h1', {}, 'Sign in'),
    h('p', { class: 'lead' }, 'Your private key never leaves this browser: it signs a one-time challenge from the server to prove it is you.'),
    status,
    identities.length > 0 ? list : h('p', { class: 'empty' }, 'No identity is stored in this browser yet.'),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: '/create', 'data-link': '' }, 'Create a new identity'),
      h('a', { class: 'button', href: '/restore', 'data-link': '' }, 'Restore from a backup')));
  return { element, title: 'Sign in' };
}
