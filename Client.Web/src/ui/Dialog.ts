import { h } from './dom';

/**
 * A modal dialog on the native <dialog> element (focus trapped by the browser, Escape handled). `alert` makes it
 * an alertdialog for warnings that need an answer.
 */
export function openDialog(title: string, body: HTMLElement, options: { alert?: boolean; onClose?: () => void } = {}): { close: () => void; element: HTMLDialogElement } {
  const heading = h('h2', { id: `dlg-${Math.random().toString(36).slice(2, 8)}` }, title);
  const dialog = h('dialog', { class: 'dialog', role: options.alert ? 'alertdialog' : 'dialog', 'aria-labelledby': heading.id }, heading, body);
  document.body.append(dialog);
  dialog.addEventListener('close', () => {
    dialog.remove();
    options.onClose?.();
  });
  dialog.showModal();
  return { element: dialog, close: () => dialog.open && dialog.close() };
}
