/**
 * What this tab remembers across a reload (sessionStorage: this tab only, gone when it closes): who is signed in and
 * the id of their last live token's liveness grant. Nothing secret: the token stays in memory, and redeeming the grant
 * needs a fresh signature by the non-extractable device key (see docs/verification.md, "Reload without a new proof of life").
 */
export interface TabSessionMemory {
  userId: string;
  grantId?: string;
}

const Key = 'securecall.tabSession';
const IdPattern = /^[A-Za-z0-9_-]{1,64}$/;
const UserPattern = /^[a-z0-9._-]{3,64}$/;

export const TabSession = {
  read(): TabSessionMemory | undefined {
    try {
      const value = JSON.parse(sessionStorage.getItem(Key) ?? 'null') as Partial<TabSessionMemory> | null;
      if (!value || typeof value.userId !== 'string' || !UserPattern.test(value.userId)) return undefined;
      return { userId: value.userId, ...(typeof value.grantId === 'string' && IdPattern.test(value.grantId) ? { grantId: value.grantId } : {}) };
    } catch {
      return undefined;
    }
  },

  /** Remembers the signed-in user, and the grant when a live token names one (a later signature-only token keeps it). */
  remember(userId: string, grantId?: string): void {
    const current = TabSession.read();
    const keep = current?.userId === userId ? current.grantId : undefined;
    const grant = grantId ?? keep;
    sessionStorage.setItem(Key, JSON.stringify(grant ? { userId, grantId: grant } : { userId }));
  },

  forget(): void {
    sessionStorage.removeItem(Key);
  },
};
