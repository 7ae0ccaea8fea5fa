// Configuration is read once from the environment, checked with zod, and a missing or malformed
// setting fails the cold start loudly instead of surfacing later as a confusing runtime error.
import * as z from 'zod';

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export function readEnv<T extends z.ZodRawShape>(shape: T, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<T>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigurationError(`Invalid environment: ${problems}`);
  }
  return result.data;
}
