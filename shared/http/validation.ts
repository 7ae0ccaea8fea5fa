// Turns zod's findings into one sentence a person can act on, and into our ValidationError.
import type { z } from 'zod';
import { ValidationError } from '../errors';

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.path.length ? issue.path.join('.') : '';
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.join(', ');
        return `${where ? `${where}: ` : ''}unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}`;
      }
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Parses `input` or throws a 400 that names what is wrong. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ValidationError(`Invalid ${what}: ${describeIssues(result.error.issues)}`);
  }
  return result.data;
}
