/**
 * Every failure the client shows has one type with a machine-readable `code`: the server's RFC 7807 `code`
 * (see Grains.Interfaces/Errors/FailureCode.cs), a hub refusal's code, or one of the client's own below.
 */
export const ClientErrorCode = {
  Network: 'Network',
  Unauthorized: 'Unauthorized',
  CameraDenied: 'CameraDenied',
  CameraMissing: 'CameraMissing',
  CameraInUse: 'CameraInUse',
  WrongPassphrase: 'WrongPassphrase',
  BadBackup: 'BadBackup',
  KeyMismatch: 'KeyMismatch',
  SignatureInvalid: 'SignatureInvalid',
  FingerprintMismatch: 'FingerprintMismatch',
  UnknownIdentity: 'UnknownIdentity',
  Unsupported: 'Unsupported',
  Internal: 'Internal',
} as const;

export class SecureCallError extends Error {
  override readonly name = 'SecureCallError';

  constructor(
    /** The server's or the client's failure code, e.g. `BadSignature`, `RateLimited`, `CameraDenied`. */
    readonly code: string,
    message: string,
    /** HTTP status when the error came from the API. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Problem details as the server writes them. */
export interface Problem {
  type?: string | null;
  title?: string | null;
  status?: number | string | null;
  detail?: string | null;
  code?: string | null;
}

export function fromProblem(problem: Problem | undefined, status: number): SecureCallError {
  const code = problem?.code ?? (status === 401 ? ClientErrorCode.Unauthorized : `Http${status}`);
  const message = problem?.detail ?? problem?.title ?? `The server answered ${status}.`;
  return new SecureCallError(code, message, status);
}

/**
 * Hub refusals arrive as `HubException` text "<Code>: <message>" wrapped by the SignalR client
 * ("An unexpected error occurred invoking 'X' on the server. HubException: Code: message").
 */
export function fromHubError(error: unknown): SecureCallError {
  if (error instanceof SecureCallError) {
    return error;
  }
  const text = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([A-Za-z]+): ([\s\S]*)$/.exec(text) ?? /^([A-Z][A-Za-z]+): ([\s\S]*)$/.exec(text);
  if (match?.[1] && match[2] !== undefined) {
    return new SecureCallError(match[1], match[2].trim());
  }
  if (/unauthorized|401/i.test(text)) {
    return new SecureCallError(ClientErrorCode.Unauthorized, 'Your sign-in has expired.');
  }
  return new SecureCallError(ClientErrorCode.Network, text || 'The connection to the server failed.');
}

/** Any thrown value as a SecureCallError (unknown errors keep their text but get the Internal code). */
export function asSecureCallError(error: unknown): SecureCallError {
  if (error instanceof SecureCallError) {
    return error;
  }
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return new SecureCallError(ClientErrorCode.Network, 'The server cannot be reached. Check your connection and try again.');
  }
  return new SecureCallError(ClientErrorCode.Internal, error instanceof Error ? error.message : String(error));
}

/** Plain-language text for a failure, for people rather than logs. */
export function describe(error: SecureCallError): string {
  switch (error.code) {
    case 'RateLimited':
      return `Too many attempts. ${error.message}`;
    case 'LockedOut':
      return 'This account is temporarily locked after too many failures. Try again later.';
    case ClientErrorCode.Network:
      return 'The server cannot be reached. Check your connection; we keep trying.';
    case ClientErrorCode.Unauthorized:
      return 'Your sign-in has expired. Sign in again to continue.';
    case ClientErrorCode.CameraDenied:
      return 'Camera access was denied. Allow the camera for this site in your browser settings, then try again.';
    case ClientErrorCode.CameraMissing:
      return 'No camera was found. Connect a camera and try again.';
    case ClientErrorCode.CameraInUse:
      return 'The camera is in use by another application. Close it and try again.';
    case ClientErrorCode.WrongPassphrase:
      return 'The passphrase does not open this backup.';
    default:
      return error.message;
  }
}
