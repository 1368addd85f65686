import './styles.css';
import { KeyStore } from './crypto/KeyStore';
import { SessionEvent } from './events';
import { App } from './ui/App';
import { CallController } from './ui/CallController';
import { callsPage } from './ui/CallsPage';
import { createIdentityPage } from './ui/CreateIdentityPage';
import { h, clear } from './ui/dom';
import { restorePage } from './ui/RestorePage';
import { Router, type Page } from './ui/Router';
import { showMissedCalls } from './ui/MissedCallsView';
import { showInterruptedCall } from './ui/InterruptedCallView';
import { signInPage } from './ui/SignInPage';
import { verifyPage } from './ui/VerifyPage';

const app = new App(location.origin);
const router = new Router(document.getElementById('main')!, '/signin');
app.router = router;
const calls = new CallController(app, document.getElementById('call-layer')!);

/** Pages that need a signed-in identity send the person to sign-in first and bring them back afterwards. */
const signedIn = (page: () => Page | Promise<Page>) => async (): Promise<Page> => {
  if (!app.identity || !app.token) {
    sessionStorage.setItem('securecall.returnTo', location.pathname);
    queueMicrotask(() => void router.go('/signin', true));
    return { element: h('p', {}, 'Redirecting to sign-in…'), title: 'Sign in' };
  }
  return page();
};

router
  .add('/', async () => {
    const target = !app.identity ? ((await KeyStore.list()).length ? '/signin' : '/create') : app.canCall ? '/calls' : '/verify';
    queueMicrotask(() => void router.go(target, true));
    return { element: h('p', { class: 'loading' }, 'Loading…'), title: 'SecureCall' };
  })
  .add('/signin', () => signInPage(app))
  .add('/create', () => createIdentityPage(app))
  .add('/restore', () => restorePage(app))
  .add('/verify', signedIn(() => verifyPage(app)))
  .add('/calls', signedIn(() => callsPage(app, calls)));

// Same-origin links marked data-link navigate without a page load.
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[data-link]');
  if (link instanceof HTMLAnchorElement && link.origin === location.origin && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
    event.preventDefault();
    void router.go(link.pathname);
  }
});

const sessionArea = document.getElementById('session')!;
const nav = document.getElementById('nav')!;
let connection = '';
function renderSession(): void {
  nav.hidden = !app.identity || !app.token;
  if (!app.identity || !app.token) {
    clear(sessionArea);
    return;
  }
  const level = app.claims?.amr.includes('face') ? 'live + face' : app.claims?.amr.includes('live') ? 'live' : 'signed in';
  const signOut = h('button', { class: 'button small', type: 'button', id: 'sign-out' }, 'Sign out');
  signOut.addEventListener('click', () => void app.signOut());
  clear(sessionArea,
    connection && h('span', { class: `conn conn-${connection}`, role: 'status' }, connection === 'connected' ? 'Online' : connection === 'reconnecting' ? 'Reconnecting…' : 'Offline'),
    h('span', { class: 'who' }, h('strong', { id: 'who' }, app.identity.displayName), h('span', { class: `level level-${level.replace(/\W+/g, '-')}`, id: 'assurance' }, level)),
    signOut);
}
app.on(SessionEvent.SignedIn, renderSession);
app.on(SessionEvent.SignedIn, () => void showMissedCalls(app, document.getElementById('missed-calls')!));
app.on(SessionEvent.SignedIn, () => void showInterruptedCall(app, calls, document.getElementById('interrupted-call')!));
app.on(SessionEvent.SignedOut, () => (document.getElementById('missed-calls')!.hidden = true));
app.on(SessionEvent.SignedOut, () => (document.getElementById('interrupted-call')!.hidden = true));
app.on(SessionEvent.SignedOut, renderSession);
app.on(SessionEvent.Expired, renderSession);
app.on(SessionEvent.Verified, renderSession);
app.on(SessionEvent.Refreshed, renderSession);
app.on('connection', (state) => {
  connection = state;
  if (state === 'connected') calls.attach();
  renderSession();
});

// A reload keeps this tab signed in (and, within the live token's lifetime, its proof of life): see App.restore.
void app.restore().catch(() => false).finally(() => void router.render());
