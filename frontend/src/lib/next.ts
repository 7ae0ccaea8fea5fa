/** Where to go after signing in: a path on this site from ?next=, never another origin. */
export function safeNext(next: string | undefined, fallback = '/account'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback;
}
