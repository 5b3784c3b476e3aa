/**
 * Requests whose body a framework parsed before the handler (`express.json()`): the bytes the
 * handler sees are a re-serialization, fit for a JSON route but not for a signature check.
 */
const parsedBodies = new WeakSet<Request>();

export const markParsedBody = (request: Request): void => void parsedBodies.add(request);

export const hasParsedBody = (request: Request): boolean => parsedBodies.has(request);
