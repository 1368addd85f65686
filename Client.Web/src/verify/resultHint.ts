/** The server's challenge result for an attempt it re-issues (a missed gesture gets one more try). */
export const RetryResult = 'retry';

/** Why an attempt was missed (server `ChallengeMissReason`, in its order: the wire may carry the number). */
export const MissReasons = ['Other', 'NoFace', 'NoLiveFace', 'NotSeen', 'TooSmall', 'NotSmooth'] as const;
export type MissReason = (typeof MissReasons)[number];

/** The last missed attempt: its challenge kind's name and why it was missed. */
export interface Miss {
  kind: string;
  reason: MissReason;
}

const notSeen: Record<string, string> = {
  Blink: 'We could not see your eyes close. Blink once, clearly.',
  TurnHeadLeft: 'We could not see your head turn to your left. Turn it, then come back.',
  TurnHeadRight: 'We could not see your head turn to your right. Turn it, then come back.',
  LookUp: 'We could not see you look up. Tip your head back, then look at the camera again.',
  Nod: 'We could not see a nod. Lower your chin, then come back.',
  OpenMouth: 'We could not see your mouth open. Open it wide, then close it.',
  RaiseEyebrows: 'We could not see your eyebrows rise. Raise them, then relax.',
  ShowSurprise: 'We could not see a surprised face. Open your mouth and raise your eyebrows.',
  Smile: 'We could not see a smile. Smile broadly, then relax.',
};

const tooSmall: Record<string, string> = {
  Blink: 'Close your eyes fully for a moment.',
  TurnHeadLeft: 'Turn a little further to your left.',
  TurnHeadRight: 'Turn a little further to your right.',
  LookUp: 'Look up a little further.',
  Nod: 'Nod a little deeper.',
  OpenMouth: 'Open your mouth a little wider.',
  RaiseEyebrows: 'Raise your eyebrows a little higher.',
  ShowSurprise: 'Open your mouth a little wider and raise your eyebrows.',
  Smile: 'Smile a little wider.',
};

/** What to do after a missed attempt, in words a person can act on. */
export function missHint(miss: Miss): string {
  switch (miss.reason) {
    case 'NoFace':
      return 'We could not see your face. Keep it inside the oval, in good light.';
    case 'NoLiveFace':
      return 'We saw a face that did not move at all. A photo or a still picture cannot pass: use your own face, live.';
    case 'NotSeen':
      return notSeen[miss.kind] ?? 'We could not see the movement. Follow the instruction, then come back to the start.';
    case 'TooSmall':
      return tooSmall[miss.kind] ?? 'Make the movement a little bigger.';
    case 'NotSmooth':
      return 'Move smoothly, not in a jump, and come back to the start.';
    default:
      return 'That did not work. Keep your face in view and follow the instruction.';
  }
}

/**
 * What the person reads after a challenge's result. A re-issued gesture is a second chance, not a failure, so it
 * says so in friendly words, with what to do differently when the server said why; other results are shown as sent.
 */
export function resultHint(result: string, miss?: Miss | null): string {
  if (result === RetryResult) return `Let's try that again. ${miss ? missHint(miss) + ' ' : ''}Hold still: the instruction comes back in a moment.`;
  return result ? result.charAt(0).toUpperCase() + result.slice(1) : result;
}
