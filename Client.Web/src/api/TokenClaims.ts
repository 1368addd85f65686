import { fromBase64Url } from './base64url';

/** What the client reads from its own access token (for display and routing only; the server decides). */
export interface TokenClaims {
  sub: string;
  amr: string[];
  exp: number;
  score?: number;
  sid?: string;
  jti?: string;
}

export function readClaims(token: string): TokenClaims {
  const payload = token.split('.')[1];
  if (!payload) {
    throw new Error('Not a JWT.');
  }
  const json = JSON.parse(new TextDecoder().decode(fromBase64Url(payload))) as Record<string, unknown>;
  const amr = Array.isArray(json.amr) ? json.amr.map(String) : typeof json.amr === 'string' ? [json.amr] : [];
  const score = typeof json.score === 'number' ? json.score : typeof json.score === 'string' ? Number(json.score) : undefined;
  return {
    sub: String(json.sub ?? ''),
    amr,
    exp: Number(json.exp ?? 0),
    ...(score !== undefined && !Number.isNaN(score) ? { score } : {}),
    ...(typeof json.sid === 'string' ? { sid: json.sid } : {}),
    ...(typeof json.jti === 'string' ? { jti: json.jti } : {}),
  };
}

/** The assurance levels the UI names. */
export function assurance(claims: TokenClaims): 'signature' | 'live' | 'live-face' {
  if (claims.amr.includes('live') && claims.amr.includes('face')) return 'live-face';
  if (claims.amr.includes('live')) return 'live';
  return 'signature';
}
