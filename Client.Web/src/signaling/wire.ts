/**
 * Hub payloads differ by protocol: the server's MessagePack protocol uses PascalCase keys, names for enums and
 * `[Date, offsetMinutes]` pairs for DateTimeOffset, while JSON uses camelCase, numbers for enums and ISO strings.
 * The client speaks camelCase internally; these helpers translate at the edge.
 */
export function camelize(value: unknown): unknown {
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (Array.isArray(value)) {
    // DateTimeOffset in MessagePack: [timestamp, offset minutes].
    if (value.length === 2 && value[0] instanceof Date && typeof value[1] === 'number') {
      return value[0].toISOString();
    }
    return value.map(camelize);
  }
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key.charAt(0).toLowerCase() + key.slice(1)] = camelize(inner);
  }
  return out;
}

export function pascalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(pascalize);
  }
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key.charAt(0).toUpperCase() + key.slice(1)] = pascalize(inner);
  }
  return out;
}

/** An enum that arrives as its name (MessagePack) or its number (JSON, HTTP), as its name. */
export function enumName<T extends string>(value: unknown, names: readonly T[], firstValue = 0): T | undefined {
  if (typeof value === 'string') {
    return names.find((n) => n.toLowerCase() === value.toLowerCase());
  }
  if (typeof value === 'number') {
    return names[value - firstValue];
  }
  return undefined;
}
